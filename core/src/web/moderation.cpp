// /api/moderation/*: the report queue, moderators' actions, the threshold, the moderation log.
#include <algorithm>

#include <boost/json.hpp>

#include "platform/http/response.hpp"
#include "web/routes.hpp"
#include "web/stream_json.hpp"

namespace qt::stream {
namespace {

using http::Access;
using http::Request;
using http::Response;

Response list_reports(const RouteDeps& d, Request& req) {
  const auto status = req.query_param("status").value_or("open");
  std::optional<std::int64_t> nb;
  if (auto x = web::query_int(req, "neighbourhood_id", 0, 0, INT64_MAX)) nb = x;
  const auto before = web::query_int(req, "before", 0, 0, INT64_MAX);
  const auto limit = static_cast<int>(web::query_int(req, "limit", 50, 1, 100));
  const auto v = viewer_of(d, req);
  auto lease = d.db.read();
  boost::json::array items;
  for (const auto& rep : d.moderation.queue(*lease, v, status, nb, before, limit)) items.push_back(moderation::to_json(rep));
  return Response::json(boost::json::object{{"items", std::move(items)}});
}

Response act(const RouteDeps& d, Request& req) {
  auto o = web::body(req, "action,target_type,target_id,reason");
  d.moderation.act(viewer_of(d, req), web::str(o, "action", 20).value_or(""), web::str(o, "target_type", 20).value_or(""),
                   web::integer(o, "target_id").value_or(0), web::str(o, "reason", 2000).value_or(""));
  return Response::no_content();
}

Response get_settings(const RouteDeps& d, Request&) {
  auto lease = d.db.read();
  return Response::json(boost::json::object{{"report_threshold", d.moderation.threshold(*lease)}});
}

Response put_settings(const RouteDeps& d, Request& req) {
  auto o = web::body(req, "report_threshold");
  const auto n = web::integer(o, "report_threshold");
  if (!n) throw http::HttpError(400, "invalid_field", "report_threshold (1..100) is required.");
  const auto v = viewer_of(d, req);
  auto lease = d.db.write();
  d.moderation.set_threshold(*lease, v, static_cast<int>(std::clamp<std::int64_t>(*n, -1, 1000)));
  return Response::json(boost::json::object{{"report_threshold", d.moderation.threshold(*lease)}});
}

Response get_log(const RouteDeps& d, Request& req) {
  std::optional<std::int64_t> subject;
  if (auto x = web::query_int(req, "user_id", 0, 0, INT64_MAX)) subject = x;
  const auto before = web::query_int(req, "before", 0, 0, INT64_MAX);
  const auto limit = static_cast<int>(web::query_int(req, "limit", 50, 1, 200));
  const auto v = viewer_of(d, req);
  auto lease = d.db.read();
  boost::json::array items;
  for (const auto& e : d.moderation.log(*lease, v, subject, before, limit)) items.push_back(moderation::to_json(e));
  return Response::json(boost::json::object{{"items", std::move(items)}});
}

}  // namespace

void add_moderation_routes(http::Router& r, const RouteDeps& d) {
  const http::RouteOptions mod{Access::moderator};
  const http::RouteOptions admin{Access::admin};
  r.get("/api/moderation/reports", route_handler(d, list_reports), mod);
  r.post("/api/moderation/actions", route_handler(d, act), mod);
  r.get("/api/moderation/settings", route_handler(d, get_settings), mod);
  r.put("/api/moderation/settings", route_handler(d, put_settings), admin);
  r.get("/api/moderation/log", route_handler(d, get_log), mod);
}

}  // namespace qt::stream
