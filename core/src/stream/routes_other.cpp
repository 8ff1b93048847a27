#include <algorithm>

#include <boost/json.hpp>

#include "http/response.hpp"
#include "notify/json.hpp"
#include "stream/http_json.hpp"
#include "stream/routes.hpp"

namespace qt::stream {

using http::Access;
using http::Request;
using http::Response;

void add_notification_and_search_routes(http::Router& r, const RouteDeps& d) {
  const http::RouteOptions user{Access::user};

  r.get("/api/notifications", [&d](Request& req) {
    const auto before = web::query_int(req, "before", 0, 0, INT64_MAX);
    const auto limit = static_cast<int>(web::query_int(req, "limit", 30, 1, 100));
    const bool unread = req.query_param("unread").value_or("") == "1";
    auto lease = d.db.read();
    auto list = d.notifier.list(*lease, req.user_id, before, limit, unread);
    boost::json::array items;
    for (const auto& n : list) items.push_back(notify::to_json(n));
    boost::json::object o{{"items", std::move(items)}, {"unread_count", d.notifier.unread_count(*lease, req.user_id)}};
    if (static_cast<int>(list.size()) == limit) o["next_before"] = std::to_string(list.back().id);
    else o["next_before"] = nullptr;
    return Response::json(o);
  }, user);

  r.post("/api/notifications/read", [&d](Request& req) {
    auto o = web::body(req, "ids");
    const auto ids = web::int_list(o, "ids");
    auto lease = d.db.write();
    const auto n = d.notifier.mark_read(*lease, req.user_id, ids);
    return Response::json(boost::json::object{{"updated", n}, {"unread_count", d.notifier.unread_count(*lease, req.user_id)}});
  }, user);

  // Sends the digest of one period now (what the daily/weekly job does): after a mail outage,
  // or from an operator's own timer. Runs in the request; answers how many mails were queued.
  r.post("/api/admin/digests/run", [&d](Request& req) {
    auto o = web::body(req, "period");
    const auto period = web::str(o, "period", 10).value_or("");
    if (period != "daily" && period != "weekly")
      throw http::HttpError(400, "invalid_period", "period muss \"daily\" oder \"weekly\" sein. / period must be \"daily\" or \"weekly\".");
    const auto mailed = d.notifier.run_digest(period);
    return Response::json(boost::json::object{{"period", period}, {"mailed", mailed}});
  }, http::RouteOptions{Access::admin});

  r.get("/api/search", [&d](Request& req) {
    const auto q = req.query_param("q").value_or("");
    if (q.size() > 200) throw http::HttpError(400, "invalid_query", "Die Suche darf höchstens 200 Zeichen haben. / The query may have at most 200 characters.");
    const auto limit = static_cast<int>(web::query_int(req, "limit", 20, 1, 50));
    const auto offset = static_cast<int>(web::query_int(req, "offset", 0, 0, 1000));
    auto lease = d.db.read_snapshot();  // one lease, one read transaction: viewer and search
    const auto v = d.store.viewer(*lease, req.user_id, req.role);
    return Response::json(search::to_json(d.search.all(*lease, v, q, limit, offset)));
  }, user);
}

void add_moderation_routes(http::Router& r, const RouteDeps& d) {
  const http::RouteOptions mod{Access::moderator};

  r.get("/api/moderation/reports", [&d](Request& req) {
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
  }, mod);

  r.post("/api/moderation/actions", [&d](Request& req) {
    auto o = web::body(req, "action,target_type,target_id,reason");
    d.moderation.act(viewer_of(d, req), web::str(o, "action", 20).value_or(""), web::str(o, "target_type", 20).value_or(""),
                     web::integer(o, "target_id").value_or(0), web::str(o, "reason", 2000).value_or(""));
    return Response::no_content();
  }, mod);

  const http::RouteOptions admin{Access::admin};
  r.get("/api/moderation/settings", [&d](Request&) {
    auto lease = d.db.read();
    return Response::json(boost::json::object{{"report_threshold", d.moderation.threshold(*lease)}});
  }, mod);
  r.put("/api/moderation/settings", [&d](Request& req) {
    auto o = web::body(req, "report_threshold");
    const auto n = web::integer(o, "report_threshold");
    if (!n) throw http::HttpError(400, "invalid_field", "report_threshold (1..100) is required.");
    const auto v = viewer_of(d, req);
    auto lease = d.db.write();
    d.moderation.set_threshold(*lease, v, static_cast<int>(std::clamp<std::int64_t>(*n, -1, 1000)));
    return Response::json(boost::json::object{{"report_threshold", d.moderation.threshold(*lease)}});
  }, admin);

  r.get("/api/moderation/log", [&d](Request& req) {
    std::optional<std::int64_t> subject;
    if (auto x = web::query_int(req, "user_id", 0, 0, INT64_MAX)) subject = x;
    const auto before = web::query_int(req, "before", 0, 0, INT64_MAX);
    const auto limit = static_cast<int>(web::query_int(req, "limit", 50, 1, 200));
    const auto v = viewer_of(d, req);
    auto lease = d.db.read();
    boost::json::array items;
    for (const auto& e : d.moderation.log(*lease, v, subject, before, limit)) items.push_back(moderation::to_json(e));
    return Response::json(boost::json::object{{"items", std::move(items)}});
  }, mod);
}

}  // namespace qt::stream
