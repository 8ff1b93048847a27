#include "platform/db/outage.hpp"

#include <string>

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

namespace qt::db {

namespace {

bool contains(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

Outage by_message(const std::string& m) {
  // libpq's and SOCI's words for a connection that is gone or cannot be made.
  for (const auto* p : {"Cannot connect to PostgreSQL", "Cannot establish connection", "server closed the connection",
                        "no connection to the server", "terminating connection due to administrator command",
                        "the database system is shutting down", "the database system is starting up",
                        "could not connect to server", "Connection refused", "connection to server at",
                        "SSL connection has been closed unexpectedly", "could not receive data from server",
                        "could not send data to server"})
    if (contains(m, p)) return Outage::unreachable;
  if (contains(m, "database or disk is full") || contains(m, "No space left on device") ||
      contains(m, "could not extend file"))
    return Outage::disk_full;
  return Outage::none;
}

}  // namespace

Outage classify_outage(const std::exception& e) {
  if (const auto* pg = dynamic_cast<const soci::postgresql_soci_error*>(&e)) {
    const std::string state = pg->sqlstate();
    // Class 08: connection exception; 57P01-57P03: shutdown, crash, cannot connect now.
    if (state.rfind("08", 0) == 0 || state == "57P01" || state == "57P02" || state == "57P03") return Outage::unreachable;
    if (state == "53100") return Outage::disk_full;
  }
  if (const auto* lite = dynamic_cast<const soci::sqlite3_soci_error*>(&e)) {
    if ((lite->result() & 0xff) == SQLITE_FULL) return Outage::disk_full;
  }
  return by_message(e.what());
}

std::string_view outage_hint(Outage o) {
  switch (o) {
    case Outage::unreachable:
      return "the database cannot be reached: is PostgreSQL running and reachable? Quartier reconnects by itself";
    case Outage::disk_full:
      return "the disk holding the database is full: free space there; Quartier resumes by itself";
    case Outage::none:
      break;
  }
  return "";
}

}  // namespace qt::db
