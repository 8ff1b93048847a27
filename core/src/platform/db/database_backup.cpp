// Database::backup_to: a consistent copy of a live SQLite database through the online backup
// API, taken in one step on a reader (one read transaction = one snapshot; writers go on).
#include <cerrno>
#include <filesystem>
#include <random>
#include <system_error>

#include <unistd.h>

#include "platform/db/database.hpp"
#include "platform/db/native.hpp"
#include "platform/log/log.hpp"

namespace qt::db {

namespace {

// Closes the destination handle on every path.
struct SqliteHandle {
  sqlite_api::sqlite3* h = nullptr;
  ~SqliteHandle() {
    if (h) sqlite_api::sqlite3_close(h);
  }
};

std::string random_suffix() {
  std::random_device rd;
  static constexpr char hex[] = "0123456789abcdef";
  std::string s;
  for (int i = 0; i < 8; ++i) s += hex[rd() % 16];
  return s;
}

void remove_quietly(const std::filesystem::path& p) {
  std::error_code ec;
  for (const char* suffix : {"", "-journal", "-wal", "-shm"}) std::filesystem::remove(p.string() + suffix, ec);
}

}  // namespace

void Database::backup_to(const std::string& file) {
  if (dialect_ == Dialect::postgresql)
    throw DbError("Quartier does not back up PostgreSQL itself: use PostgreSQL's own tool, e.g. "
                  "pg_dump --format=custom --file=" + (file.empty() ? std::string("quartier.dump") : file) + " '" +
                  display_url_ + "' (with the real password), and restore with pg_restore.");
  if (file.empty()) throw DbError("No backup file given: name the file the copy should be written to.");
  std::error_code ec;
  const auto target = std::filesystem::absolute(file, ec);
  if (ec) throw DbError("Cannot resolve the backup path " + file + ": " + ec.message());
  if (std::filesystem::exists(target, ec))
    throw DbError("The backup target " + target.string() +
                  " already exists; Quartier never overwrites a backup. Choose a new file name or move the old one away.");
  std::filesystem::create_directories(target.parent_path(), ec);
  if (ec)
    throw DbError("Cannot create the folder " + target.parent_path().string() + " for the backup: " + ec.message() +
                  ". Is it writable?");
  const auto temp = target.parent_path() / (target.filename().string() + ".partial-" + random_suffix());

  try {
    SqliteHandle dest;
    if (sqlite_api::sqlite3_open_v2(temp.c_str(), &dest.h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
        SQLITE_OK)
      throw DbError("Cannot create the backup file " + temp.string() + ": " +
                    (dest.h ? sqlite_api::sqlite3_errmsg(dest.h) : "out of memory") + ". Is the folder writable?");
    {
      auto lease = read();
      auto* src = native::sqlite(*lease);
      sqlite_api::sqlite3_backup* b = sqlite_api::sqlite3_backup_init(dest.h, "main", src, "main");
      if (!b)
        throw DbError("Cannot start the SQLite backup to " + target.string() + ": " + sqlite_api::sqlite3_errmsg(dest.h));
      const int step = sqlite_api::sqlite3_backup_step(b, -1);  // all pages at once: one snapshot
      const int finish = sqlite_api::sqlite3_backup_finish(b);
      if (step != SQLITE_DONE || finish != SQLITE_OK)
        throw DbError("The SQLite backup to " + target.string() + " failed: " + sqlite_api::sqlite3_errmsg(dest.h) +
                      ". Is there enough free disk space?");
    }
    // A self-contained single file: no -wal beside it. Opening it with Quartier turns WAL back on.
    char* err = nullptr;
    if (sqlite_api::sqlite3_exec(dest.h, "PRAGMA journal_mode=DELETE", nullptr, nullptr, &err) != SQLITE_OK) {
      std::string msg = err ? err : "unknown error";
      sqlite_api::sqlite3_free(err);
      throw DbError("Cannot finish the backup file " + temp.string() + ": " + msg);
    }
  } catch (...) {
    remove_quietly(temp);
    throw;
  }
  // link() fails if the target appeared meanwhile, where rename() would silently replace it.
  if (::link(temp.c_str(), target.c_str()) != 0) {
    const std::error_code link_ec(errno, std::generic_category());
    remove_quietly(temp);
    throw DbError("Cannot move the finished backup to " + target.string() + ": " + link_ec.message() +
                  (link_ec == std::errc::file_exists ? " (it was created meanwhile; choose a new name)" : ""));
  }
  remove_quietly(temp);
  log::info("database backup written", {{"file", target.string()}});
}

}  // namespace qt::db
