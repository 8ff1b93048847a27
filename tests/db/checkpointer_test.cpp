// The WAL is copied back into the database file off the request path (db/checkpointer.hpp):
// commits never checkpoint, a pass copies what readers no longer need, and a log that grew past
// the limit is started over without losing a row, also while a reader holds an old snapshot.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <string>

#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "platform/db/checkpointer.hpp"
#include "platform/db/database.hpp"
#include "temp_dir.hpp"

using qt::db::Checkpointer;
using qt::db::Database;

namespace {

long long scalar(soci::session& s, const std::string& sql) {
  long long v = -1;
  s << sql, soci::into(v);
  return v;
}

// Frames in the log and frames copied, as a no-op PASSIVE checkpoint reports them.
std::pair<int, int> wal_state(soci::session& s) {
  int busy = 0, log = 0, copied = 0;
  s << "PRAGMA wal_checkpoint(PASSIVE)", soci::into(busy), soci::into(log), soci::into(copied);
  return {log, copied};
}

void write_rows(Database& db, int from, int count) {
  auto w = db.write();
  soci::transaction tx(*w);
  const std::string blob(3000, 'x');
  for (int i = from; i < from + count; ++i) *w << "INSERT INTO t (id, v) VALUES (:i, :v)", soci::use(i), soci::use(blob);
  tx.commit();
}

}  // namespace

TEST_CASE("the WAL is checkpointed in the background and started over past its limit", "[db][sqlite][checkpoint]") {
  qt::test::TempDir dir;
  const auto path = (dir / "q.db").string();
  qt::db::Options o;
  o.url = "sqlite:" + path;
  o.busy_timeout_ms = 200;  // how long a RESTART waits for readers before it gives up
  auto db = Database::open(o);
  {
    auto w = db->write();
    CHECK(scalar(*w, "PRAGMA wal_autocheckpoint") == 0);  // commits never checkpoint
    CHECK(scalar(*w, "PRAGMA journal_size_limit") == 64LL * 1024 * 1024);
    *w << "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)";
  }

  auto open = [path] {
    auto s = std::make_unique<soci::session>(soci::sqlite3, "db=\"" + path + "\"");
    std::string mode;
    *s << "PRAGMA journal_mode", soci::into(mode);  // opens the file and its log
    return s;
  };
  auto restart = [&db](int* log, int* copied) {
    auto w = db->write();
    soci::session& s = *w;
    int busy = 0;
    s << "PRAGMA wal_checkpoint(RESTART)", soci::into(busy), soci::into(*log), soci::into(*copied);
    return busy == 0 ? 0 : 5;  // SQLITE_OK or SQLITE_BUSY
  };
  // No background passes during the test (an hour apart); pass() runs them here.
  Checkpointer cp(open, restart, "test", std::chrono::hours(1), 200);

  SECTION("a pass copies the log, a small log is not started over") {
    write_rows(*db, 0, 20);
    CHECK(cp.pass() == 0);
    CHECK(cp.stats().log_frames > 10);
    CHECK(cp.stats().backfilled == cp.stats().log_frames);
    CHECK(cp.stats().restarts == 0);
  }

  SECTION("a log past the limit is started over, with a reader holding an old snapshot") {
    auto reader = db->read_snapshot();
    CHECK(scalar(*reader, "SELECT COUNT(*) FROM t") == 0);  // the snapshot starts here
    write_rows(*db, 0, 400);                                 // ~300 frames of 4 KiB
    // The reader's snapshot keeps the log in use: RESTART cannot finish and gives up within the
    // busy timeout; nothing is lost and the reader still sees its snapshot.
    CHECK(cp.pass() > 0);  // the frames after the snapshot stay in the log for now
    CHECK(cp.stats().restarts == 0);
    CHECK(cp.stats().restart_failures == 1);
    // The next pass does not hold the writers back again at once (kRestartBackoff).
    CHECK(cp.pass() > 0);
    CHECK(cp.stats().restart_failures == 1);
    CHECK(scalar(*reader, "SELECT COUNT(*) FROM t") == 0);
  }

  SECTION("once readers are done the next pass starts the log over") {
    write_rows(*db, 0, 400);
    CHECK(cp.pass() == 0);
    CHECK(cp.stats().restarts == 1);
    write_rows(*db, 400, 1);  // this commit writes from the top of the log again
    {
      auto w = db->write();
      CHECK(wal_state(*w).first < 20);
    }
    auto r = db->read();
    CHECK(scalar(*r, "SELECT COUNT(*) FROM t") == 401);
  }
}
