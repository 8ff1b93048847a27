#include "messages/routes.hpp"

#include <charconv>
#include <string_view>
#include <utility>

#include <boost/json.hpp>

#include "http/response.hpp"
#include "stream/http_json.hpp"

namespace qt::messages {

namespace web = stream::web;
using http::Request;
using http::Response;

namespace {

// The conversations cursor: "<updated_at>-<id>" (next_before), or a bare "<updated_at>" as
// older clients send it. Returns {updated_at, id}; {0, 0} = from the newest.
std::pair<std::int64_t, std::int64_t> conversations_cursor(const Request& req) {
  const auto raw = req.query_param("before").value_or("");
  if (raw.empty()) return {0, 0};
  const auto number = [&](std::string_view part, std::int64_t& out) {
    auto [p, ec] = std::from_chars(part.data(), part.data() + part.size(), out);
    return !part.empty() && ec == std::errc() && p == part.data() + part.size() && out >= 0;
  };
  const auto dash = raw.find('-');
  std::int64_t updated = 0, id = 0;
  const std::string_view all(raw);
  const bool ok = dash == std::string::npos ? number(all, updated) : number(all.substr(0, dash), updated) && number(all.substr(dash + 1), id);
  if (!ok)
    throw http::HttpError(400, "invalid_parameter",
                          "Parameter 'before' must be the next_before value of the previous page. / Use next_before as 'before'.");
  return {updated, id};
}

}  // namespace

void add_routes(http::Router& r, db::Database& db, const content::Store& store, const Messages& m) {
  const http::RouteOptions user{http::Access::user};
  auto viewer = [&db, &store](const Request& req) {
    auto lease = db.read();
    return store.viewer(*lease, req.user_id, req.role);
  };

  r.get("/api/conversations", [&db, &m, viewer](Request& req) {
    const auto [before, before_id] = conversations_cursor(req);
    const auto limit = static_cast<int>(web::query_int(req, "limit", 30, 1, 100));
    const auto v = viewer(req);
    auto lease = db.read();
    auto list = m.conversations(*lease, v, before, limit, before_id);
    boost::json::array items;
    for (const auto& c : list) items.push_back(to_json(c));
    boost::json::object o{{"items", std::move(items)}, {"unread_total", m.unread_total(*lease, v)}};
    if (static_cast<int>(list.size()) == limit)
      o["next_before"] = std::to_string(list.back().updated_at) + "-" + std::to_string(list.back().id);
    else o["next_before"] = nullptr;
    return Response::json(o);
  }, user);

  r.post("/api/conversations", [&m, viewer](Request& req) {
    auto o = web::body(req, "user_ids,title,body");
    const auto id = m.start(viewer(req), web::int_list(o, "user_ids", kMaxMembers), web::str(o, "title", 1000).value_or(""),
                            web::str(o, "body", 40000).value_or(""));
    return Response::json(boost::json::object{{"id", id}}, 201);
  }, user);

  r.get("/api/conversations/{id}", [&db, &m, viewer](Request& req) {
    const auto id = req.id_param("id");
    const auto v = viewer(req);
    auto lease = db.read();
    return Response::json(to_json(m.conversation(*lease, v, id)));
  }, user);

  r.get("/api/conversations/{id}/messages", [&db, &m, viewer](Request& req) {
    const auto id = req.id_param("id");
    const auto before = web::query_int(req, "before", 0, 0, INT64_MAX);
    const auto limit = static_cast<int>(web::query_int(req, "limit", 50, 1, 100));
    const auto v = viewer(req);
    auto lease = db.read();
    auto list = m.history(*lease, v, id, before, limit);
    boost::json::array items;
    for (const auto& x : list) items.push_back(to_json(x));
    boost::json::object o{{"items", std::move(items)}};
    if (static_cast<int>(list.size()) == limit) o["next_before"] = std::to_string(list.back().id);
    else o["next_before"] = nullptr;
    return Response::json(o);
  }, user);

  r.post("/api/conversations/{id}/messages", [&m, viewer](Request& req) {
    const auto id = req.id_param("id");
    auto o = web::body(req, "body");
    return Response::json(to_json(m.send(viewer(req), id, web::str(o, "body", 40000).value_or(""))), 201);
  }, user);

  r.post("/api/conversations/{id}/read", [&m, viewer](Request& req) {
    const auto id = req.id_param("id");
    auto o = web::body(req, "up_to");
    m.mark_read(viewer(req), id, web::integer(o, "up_to").value_or(0));
    return Response::no_content();
  }, user);

  r.get("/api/blocks", [&db, &m, viewer](Request& req) {
    const auto v = viewer(req);
    auto lease = db.read();
    boost::json::array ids;
    for (auto b : m.blocked(*lease, v)) ids.push_back(b);
    return Response::json(boost::json::object{{"items", std::move(ids)}});
  }, user);

  r.put("/api/blocks/{id}", [&m, viewer](Request& req) {
    m.block(viewer(req), req.id_param("id"));
    return Response::no_content();
  }, user);

  r.del("/api/blocks/{id}", [&m, viewer](Request& req) {
    m.unblock(viewer(req), req.id_param("id"));
    return Response::no_content();
  }, user);
}

}  // namespace qt::messages
