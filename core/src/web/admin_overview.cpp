#include "web/admin_overview.hpp"

#include <boost/json.hpp>

namespace qt::web {
namespace {

std::int64_t count(soci::session& s, const char* sql) {
  std::int64_t n = 0;
  s << sql, soci::into(n);
  return n;
}

http::Response overview(db::Database& db) {
  auto lease = db.read();
  auto& s = *lease;
  boost::json::object people{
      {"active", count(s, "SELECT COUNT(*) FROM users WHERE status = 'active'")},
      {"awaiting_approval",
       count(s, "SELECT COUNT(*) FROM users WHERE status = 'pending' AND email_confirmed_at IS NOT NULL")}};
  boost::json::object mail{
      {"waiting", count(s, "SELECT COUNT(*) FROM mail_queue WHERE sent_at IS NULL AND failed_at IS NULL")},
      {"failed", count(s, "SELECT COUNT(*) FROM mail_queue WHERE failed_at IS NOT NULL")}};
  auto r = http::Response::json(boost::json::object{
      {"people", std::move(people)},
      {"reports_open", count(s, "SELECT COUNT(*) FROM reports WHERE status = 'open'")},
      {"mail", std::move(mail)},
      {"jobs_failed", count(s, "SELECT COUNT(*) FROM durable_jobs WHERE state = 'failed'")}});
  r.set_header("Cache-Control", "no-store");
  return r;
}

}  // namespace

void add_overview_routes(http::Router& r, db::Database& db) {
  const http::RouteOptions admin{http::Access::admin, true, "core"};
  r.get("/api/admin/overview", [&db](http::Request&) { return overview(db); }, admin);
}

}  // namespace qt::web
