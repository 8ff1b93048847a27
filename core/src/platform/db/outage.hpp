#pragma once
// Whether a failure of the data layer is an outage that passes rather than a bug: PostgreSQL
// unreachable or restarting (the connection refused or cut; the pool reconnects on the next
// lease), or the disk full (SQLite's SQLITE_FULL, PostgreSQL's 53100). The web layer answers
// those with 503 and Retry-After instead of 500, so clients and proxies retry later, and logs
// what the operator must look at.
#include <exception>
#include <string_view>

namespace qt::db {

enum class Outage { none, unreachable, disk_full };

Outage classify_outage(const std::exception& e);

// For logs: what the operator should check.
std::string_view outage_hint(Outage o);

}  // namespace qt::db
