// GET /api/notifications, POST /api/notifications/read, POST /api/admin/digests/run.
#include <boost/json.hpp>

#include "domain/notify/json.hpp"
#include "platform/http/response.hpp"
#include "web/routes.hpp"
#include "web/stream_json.hpp"

namespace qt::stream {
namespace {

using http::Access;
using http::Request;
using http::Response;

Response list_notifications(const RouteDeps& d, Request& req) {
  const auto before = web::query_int(req, "before", 0, 0, INT64_MAX);
  const auto limit = static_cast<int>(web::query_int(req, "limit", 30, 1, 100));
  const bool unread = req.query_param("unread").value_or("") == "1";
  auto lease = d.db.read();
  auto list = d.notifier.list(*lease, req.user_id, before, limit, unread);
  const auto context = notify::context_of(*lease, list);
  boost::json::array items;
  for (const auto& n : list) items.push_back(notify::to_json(n, context));
  boost::json::object o{{"items", std::move(items)}, {"unread_count", d.notifier.unread_count(*lease, req.user_id)}};
  if (static_cast<int>(list.size()) == limit) o["next_before"] = std::to_string(list.back().id);
  else o["next_before"] = nullptr;
  return Response::json(o);
}

Response mark_read(const RouteDeps& d, Request& req) {
  auto o = web::body(req, "ids");
  const auto ids = web::int_list(o, "ids");
  auto lease = d.db.write();
  const auto n = d.notifier.mark_read(*lease, req.user_id, ids);
  return Response::json(boost::json::object{{"updated", n}, {"unread_count", d.notifier.unread_count(*lease, req.user_id)}});
}

// Sends the digest of one period now (what the daily/weekly job does): after a mail outage,
// or from an operator's own timer. Runs in the request; answers how many mails were queued.
Response run_digest(const RouteDeps& d, Request& req) {
  auto o = web::body(req, "period");
  const auto period = web::str(o, "period", 10).value_or("");
  if (period != "daily" && period != "weekly")
    throw http::HttpError(400, "invalid_period", "period muss \"daily\" oder \"weekly\" sein. / period must be \"daily\" or \"weekly\".");
  const auto mailed = d.notifier.run_digest(period);
  return Response::json(boost::json::object{{"period", period}, {"mailed", mailed}});
}

}  // namespace

void add_notification_routes(http::Router& r, const RouteDeps& d) {
  const http::RouteOptions user{Access::user};
  r.get("/api/notifications", route_handler(d, list_notifications), user);
  r.post("/api/notifications/read", route_handler(d, mark_read), user);
  r.post("/api/admin/digests/run", route_handler(d, run_digest), http::RouteOptions{Access::admin});
}

}  // namespace qt::stream
