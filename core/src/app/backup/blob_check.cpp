#include "app/backup/blob_check.hpp"

#include <chrono>
#include <iostream>
#include <map>

#include <fmt/format.h>

#include "app/app.hpp"
#include "app/backup/blob_stores.hpp"
#include "domain/accounts/avatars.hpp"
#include "domain/content/images.hpp"
#include "platform/db/database.hpp"
#include "platform/media/blob_store.hpp"
#include "platform/media/sized_key.hpp"

namespace qt::backup {
namespace fs = std::filesystem;

namespace {

// What the database refers to in one store: relative path -> the SHA-256 its content must have
// (empty when the name does not tell).
struct References {
  std::string area;  // the subfolder the store keeps its files in
  std::map<std::string, std::string> files;
  std::string not_checked;  // why the store could not be checked
};

struct Tally {
  int orphans = 0, missing = 0, damaged = 0, deleted = 0, recent = 0;
};

std::vector<std::string> column(db::Database& db, const std::string& sql) {
  auto lease = db.read();
  soci::rowset<std::string> rows = lease->prepare << sql;
  return {rows.begin(), rows.end()};
}

// users.avatar = "<sha256>.<ext>"; one file per size "<sha256>-<size>.<ext>", the largest
// named by its own checksum (avatars.cpp).
References media_references(db::Database& db) {
  References r{"avatars", {}, {}};
  for (const auto& key : column(db, "SELECT DISTINCT avatar FROM users WHERE avatar IS NOT NULL AND avatar <> ''")) {
    const auto dot = key.find('.');
    if (dot != 64 || !media::BlobStore::valid_key(key.substr(0, 64))) continue;
    const auto hash = key.substr(0, 64), ext = key.substr(65);
    for (int size : accounts::Avatars::kSizes)
      r.files["avatars/" + hash.substr(0, 2) + "/" + hash + "-" + std::to_string(size) + "." + ext] =
          size == std::end(accounts::Avatars::kSizes)[-1] ? hash : "";
  }
  return r;
}

// content_images.file_key = "<sha256>.<ext>", the pictures in posts and comments, one file per
// size as for profile pictures (domain/content/images.cpp), under images/.
References image_references(db::Database& db) {
  References r{"images", {}, {}};
  for (const auto& key : column(db, "SELECT DISTINCT file_key FROM content_images")) {
    auto parts = media::split_sized_key(key);
    if (!parts) continue;
    const std::string hash(parts->first);
    for (int size : content::Images::kSizes)
      r.files["images/" + hash.substr(0, 2) + "/" + media::sized_file_name(hash, size, parts->second)] =
          size == std::end(content::Images::kSizes)[-1] ? hash : "";
  }
  return r;
}

bool has_view(db::Database& db, const std::string& view) {
  auto lease = db.read();
  long long n = 0;
  if (db.dialect() == db::Dialect::sqlite)
    *lease << "SELECT COUNT(*) FROM sqlite_master WHERE type = 'view' AND name = :v", soci::use(view), soci::into(n);
  else
    *lease << "SELECT COUNT(*) FROM information_schema.views WHERE table_schema = current_schema() AND table_name = :v",
        soci::use(view), soci::into(n);
  return n > 0;
}

References plugin_references(db::Database& db, const std::string& plugin) {
  References r{"blobs", {}, {}};
  for (char c : plugin)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) r.not_checked = "an unusual plugin name";
  const auto view = plugin + "_blob_refs";
  if (r.not_checked.empty() && !has_view(db, view))
    r.not_checked = "the plugin declares no view " + view + " (plugins/README.md, \"Blobs and backups\")";
  if (!r.not_checked.empty()) return r;
  for (const auto& key : column(db, "SELECT DISTINCT blob_key FROM " + view + " WHERE blob_key IS NOT NULL"))
    if (media::BlobStore::valid_key(key)) r.files["blobs/" + key.substr(0, 2) + "/" + key] = key;
  return r;
}

double age_hours(const fs::path& p) {
  std::error_code ec;
  const auto t = fs::last_write_time(p, ec);
  if (ec) return 0;
  return std::chrono::duration<double, std::ratio<3600>>(fs::file_time_type::clock::now() - t).count();
}

void report_orphan(const StoreDir& store, const StoredFile& f, const BlobCheckOptions& o, Tally& t) {
  const auto path = store.root / f.path;
  const double age = age_hours(path);
  if (age < o.grace_hours) {
    ++t.recent;
    std::cout << fmt::format("  unreferenced, recent (kept: {:.1f} h old, grace {} h): {}\n", age, o.grace_hours, f.path);
    return;
  }
  if (o.delete_orphans) {
    std::error_code ec;
    fs::remove(path, ec);
    if (!ec) {
      ++t.deleted;
      std::cout << "  unreferenced, deleted: " << f.path << "\n";
      return;
    }
  }
  ++t.orphans;
  std::cout << fmt::format("  unreferenced: {} ({} bytes, {:.0f} h old)\n", f.path, f.bytes, age);
}

void check_store(const StoreDir& store, const References& refs, const BlobCheckOptions& o, Tally& t) {
  auto on_disk = stored_files(store.root);
  std::erase_if(on_disk, [&](const StoredFile& f) { return f.path.rfind(refs.area + "/", 0) != 0; });
  std::cout << fmt::format("{} ({}): {} referenced, {} on disk\n", store.name, store.root.string(), refs.files.size(),
                           on_disk.size());
  if (!refs.not_checked.empty()) {
    if (!on_disk.empty()) std::cout << "  not checked: " << refs.not_checked << "\n";
    return;
  }
  std::map<std::string, const StoredFile*> present;
  for (const auto& f : on_disk) present[f.path] = &f;
  for (const auto& [path, sha] : refs.files) {
    if (!present.count(path)) {
      ++t.missing;
      std::cout << "  missing (a row refers to it): " << path << "\n";
    } else if (!sha.empty() && media::file_sha256(store.root / path) != sha) {
      ++t.damaged;
      std::cout << "  damaged (checksum does not match its name): " << path << "\n";
    }
  }
  for (const auto& f : on_disk)
    if (!refs.files.count(f.path)) report_orphan(store, f, o, t);
}

}  // namespace

int run_check_blobs(const config::Config& cfg, const BlobCheckOptions& o) {
  if (o.grace_hours < 0) throw std::runtime_error("--grace-hours must be 0 or more (hours an unreferenced file is kept).");
  auto db = db::Database::open(app::database_options(cfg.database));
  Tally t;
  for (const auto& store : store_dirs(cfg)) {
    check_store(store, store.plugin ? plugin_references(*db, store.name) : media_references(*db), o, t);
    if (store.plugin) continue;
    auto pictures = store;  // the same folder: images/ beside avatars/
    pictures.name = store.name + " (pictures in posts)";
    check_store(pictures, image_references(*db), o, t);
  }
  std::cout << fmt::format("result: {} missing, {} damaged, {} unreferenced{}{}\n", t.missing, t.damaged, t.orphans,
                           t.deleted ? fmt::format(", {} unreferenced deleted", t.deleted) : "",
                           t.recent ? fmt::format(", {} recent kept", t.recent) : "");
  if (t.orphans && !o.delete_orphans) std::cout << "remove unreferenced files with: quartier check-blobs --delete-orphans\n";
  return t.missing + t.damaged + t.orphans > 0 ? 5 : 0;
}

}  // namespace qt::backup
