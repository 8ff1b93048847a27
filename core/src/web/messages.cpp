#include "web/messages.hpp"

#include <charconv>
#include <string_view>
#include <utility>

#include <boost/json.hpp>

#include "platform/http/response.hpp"
#include "web/stream_json.hpp"

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

// What the handlers use; references to services the app owns for the process's life.
struct Deps {
  db::Database& db;
  const content::Store& store;
  const Messages& m;

  content::Viewer viewer(const Request& req) const {
    auto lease = db.read();
    return store.viewer(*lease, req.user_id, req.role);
  }
};

Response list_conversations(const Deps& d, Request& req) {
  const auto [before, before_id] = conversations_cursor(req);
  const auto limit = static_cast<int>(web::query_int(req, "limit", 30, 1, 100));
  const auto v = d.viewer(req);
  auto lease = d.db.read();
  auto list = d.m.conversations(*lease, v, before, limit, before_id);
  boost::json::array items;
  for (const auto& c : list) items.push_back(to_json(c));
  boost::json::object o{{"items", std::move(items)}, {"unread_total", d.m.unread_total(*lease, v)}};
  if (static_cast<int>(list.size()) == limit)
    o["next_before"] = std::to_string(list.back().updated_at) + "-" + std::to_string(list.back().id);
  else o["next_before"] = nullptr;
  return Response::json(o);
}

Response start_conversation(const Deps& d, Request& req) {
  auto o = web::body(req, "user_ids,title,body");
  const auto id = d.m.start(d.viewer(req), web::int_list(o, "user_ids", kMaxMembers),
                            web::str(o, "title", 1000).value_or(""), web::str(o, "body", 40000).value_or(""));
  return Response::json(boost::json::object{{"id", id}}, 201);
}

Response get_conversation(const Deps& d, Request& req) {
  const auto id = req.id_param("id");
  const auto v = d.viewer(req);
  auto lease = d.db.read();
  return Response::json(to_json(d.m.conversation(*lease, v, id)));
}

Response list_messages(const Deps& d, Request& req) {
  const auto id = req.id_param("id");
  const auto before = web::query_int(req, "before", 0, 0, INT64_MAX);
  const auto limit = static_cast<int>(web::query_int(req, "limit", 50, 1, 100));
  const auto v = d.viewer(req);
  auto lease = d.db.read();
  auto list = d.m.history(*lease, v, id, before, limit);
  boost::json::array items;
  for (const auto& x : list) items.push_back(to_json(x));
  boost::json::object o{{"items", std::move(items)}};
  if (static_cast<int>(list.size()) == limit) o["next_before"] = std::to_string(list.back().id);
  else o["next_before"] = nullptr;
  return Response::json(o);
}

Response send_message(const Deps& d, Request& req) {
  const auto id = req.id_param("id");
  auto o = web::body(req, "body");
  return Response::json(to_json(d.m.send(d.viewer(req), id, web::str(o, "body", 40000).value_or(""))), 201);
}

Response mark_read(const Deps& d, Request& req) {
  const auto id = req.id_param("id");
  auto o = web::body(req, "up_to");
  d.m.mark_read(d.viewer(req), id, web::integer(o, "up_to").value_or(0));
  return Response::no_content();
}

Response list_blocks(const Deps& d, Request& req) {
  const auto v = d.viewer(req);
  auto lease = d.db.read();
  boost::json::array ids;
  for (auto b : d.m.blocked(*lease, v)) ids.push_back(b);
  return Response::json(boost::json::object{{"items", std::move(ids)}});
}

Response block(const Deps& d, Request& req) {
  d.m.block(d.viewer(req), req.id_param("id"));
  return Response::no_content();
}

Response unblock(const Deps& d, Request& req) {
  d.m.unblock(d.viewer(req), req.id_param("id"));
  return Response::no_content();
}

}  // namespace

void add_messages_routes(http::Router& r, db::Database& db, const content::Store& store, const Messages& m) {
  const http::RouteOptions user{http::Access::user};
  const Deps d{db, store, m};
  const auto h = [d](Response (*handler)(const Deps&, Request&)) {
    return [d, handler](Request& req) { return handler(d, req); };
  };
  r.get("/api/conversations", h(list_conversations), user);
  r.post("/api/conversations", h(start_conversation), user);
  r.get("/api/conversations/{id}", h(get_conversation), user);
  r.get("/api/conversations/{id}/messages", h(list_messages), user);
  r.post("/api/conversations/{id}/messages", h(send_message), user);
  r.post("/api/conversations/{id}/read", h(mark_read), user);
  r.get("/api/blocks", h(list_blocks), user);
  r.put("/api/blocks/{id}", h(block), user);
  r.del("/api/blocks/{id}", h(unblock), user);
}

}  // namespace qt::messages
