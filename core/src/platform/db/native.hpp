#pragma once
// The driver handles under a SOCI session, for what SOCI does not offer: multi-statement
// scripts, the SQLite online backup, connection health. Include only from db/*.cpp.
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

namespace qt::db::native {

inline sqlite_api::sqlite3* sqlite(soci::session& s) {
  return static_cast<soci::sqlite3_session_backend*>(s.get_backend())->conn_;
}

inline PGconn* postgresql(soci::session& s) {
  return static_cast<soci::postgresql_session_backend*>(s.get_backend())->conn_;
}

}  // namespace qt::db::native
