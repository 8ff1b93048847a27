#include <boost/json.hpp>

#include "platform/http/response.hpp"
#include "web/routes.hpp"
#include "web/stream_json.hpp"

namespace qt::stream {

using http::Access;
using http::Request;
using http::Response;

content::Viewer viewer_of(const RouteDeps& d, const Request& req) {
  auto lease = d.db.read();
  return d.store.viewer(*lease, req.user_id, req.role);
}

namespace {

std::vector<std::string> split_kinds(const std::string& s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= s.size()) {
    auto comma = s.find(',', start);
    if (comma == std::string::npos) comma = s.size();
    if (comma > start) out.push_back(s.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

std::optional<content::ItemVisibility> visibility_field(const boost::json::object& o) {
  auto v = web::str(o, "visibility", 20);
  if (!v) return std::nullopt;
  auto vis = content::item_visibility_from(*v);
  if (!vis) throw http::HttpError(400, "invalid_field", "visibility must be 'members' or 'public'.");
  return vis;
}

boost::json::value entry_json(const RouteDeps& d, soci::session& s, const content::Viewer& v, const content::Item& i) {
  auto entries = d.feed.decorate(s, v, {i});
  boost::json::value out = to_json(entries.front());
  out.as_object()["can_edit"] = v.signed_in() && v.user_id == i.author_id && i.owner == "core";
  out.as_object()["can_delete"] = d.store.can_write(s, v, i);
  return out;
}

Response report_response(const RouteDeps& d, const Request& req, moderation::ReportInput in) {
  auto r = d.moderation.report(viewer_of(d, req), in);
  return Response::json(boost::json::object{{"id", r.id}, {"hidden", r.hidden_now}}, 201);
}

Response report(const RouteDeps& d, const Request& req, std::string type, std::int64_t target) {
  auto o = web::body(req, "reason,details");
  moderation::ReportInput in;
  in.target_type = std::move(type);
  in.target_id = target;
  in.reason = web::str(o, "reason", 40).value_or("");
  in.details = web::str(o, "details", 2000).value_or("");
  return report_response(d, req, std::move(in));
}

// 201 with the new item as the stream shows it, and its address.
Response created_item(const RouteDeps& d, const content::Viewer& v, std::int64_t id) {
  auto lease = d.db.read();
  auto resp = Response::json(entry_json(d, *lease, v, d.store.require_item(*lease, id)), 201);
  resp.set_header("Location", "/api/content/" + std::to_string(id));
  return resp;
}

[[noreturn]] void item_not_found() {
  throw http::HttpError(404, "not_found", "Diesen Beitrag gibt es nicht (mehr). / This item does not exist (any more).");
}

Response get_stream(const RouteDeps& d, Request& req) {
  StreamQuery q;
  auto scope = scope_from(req.query_param("scope").value_or("home"));
  if (!scope) throw http::HttpError(400, "invalid_parameter", "scope must be home, neighbourhood, city, container or profile.");
  q.scope = *scope;
  q.id = web::query_int(req, "id", 0, 0, INT64_MAX);
  if ((q.scope == Scope::container) && q.id == 0)
    throw http::HttpError(400, "invalid_parameter", "scope=container needs id=<container id>.");
  if (auto k = req.query_param("kind")) q.kinds = split_kinds(*k);
  q.before = web::query_int(req, "before", 0, 0, INT64_MAX);
  q.limit = static_cast<int>(web::query_int(req, "limit", 20, 1, 100));
  auto lease = d.db.read_snapshot();  // one lease, one read transaction: viewer and page
  const auto v = d.store.viewer(*lease, req.user_id, req.role);
  return Response::json_text(to_json_text(d.feed.page(*lease, v, q)));  // written directly (feed_json.cpp)
}

Response create_post(const RouteDeps& d, Request& req) {
  auto o = web::body(req, "container_id,title,body,visibility,images");
  PostInput in;
  in.container_id = web::integer(o, "container_id").value_or(0);
  in.title = web::str(o, "title", 1200).value_or("");
  in.body = web::str(o, "body", 100000).value_or("");
  in.visibility = visibility_field(o).value_or(content::ItemVisibility::members);
  in.images = web::images_field(o).value_or(std::vector<content::ImageChoice>{});
  const auto v = viewer_of(d, req);
  return created_item(d, v, d.actions.create_post(v, in));
}

// Public: anonymous visitors see items marked public in public containers; others get 404.
Response get_item(const RouteDeps& d, Request& req) {
  const auto id = req.id_param("id");
  auto lease = d.db.read_snapshot();
  const auto v = d.store.viewer(*lease, req.user_id, req.role);
  auto item = d.store.item(*lease, id);
  if (!item || !d.store.can_read(*lease, v, *item)) item_not_found();
  return Response::json(entry_json(d, *lease, v, *item));
}

Response edit_item(const RouteDeps& d, Request& req) {
  const auto id = req.id_param("id");
  auto o = web::body(req, "title,body,visibility,images");
  const auto v = viewer_of(d, req);
  d.actions.edit_item(v, id, web::str(o, "title", 1200), web::str(o, "body", 100000), visibility_field(o),
                      web::images_field(o));
  auto lease = d.db.read();
  return Response::json(entry_json(d, *lease, v, d.store.require_item(*lease, id)));
}

Response delete_item(const RouteDeps& d, Request& req) {
  const auto id = req.id_param("id");
  auto reason = req.query_param("reason").value_or("");
  d.actions.delete_item(viewer_of(d, req), id, reason.substr(0, 2000));
  return Response::no_content();
}

Response get_revisions(const RouteDeps& d, Request& req) {
  const auto id = req.id_param("id");
  const auto v = viewer_of(d, req);
  auto lease = d.db.read();
  if (!d.store.can_read(*lease, v, id)) item_not_found();
  boost::json::array out;
  for (const auto& rev : d.store.revisions(*lease, id))
    out.push_back(boost::json::object{{"revision", rev.revision}, {"editor_id", rev.editor_id}, {"title", rev.title},
                                      {"summary", rev.summary}, {"body", rev.body}, {"replaced_at", rev.created_at}});
  return Response::json(boost::json::object{{"items", std::move(out)}});
}

Response get_comments(const RouteDeps& d, Request& req) {
  const auto id = req.id_param("id");
  const auto after = web::query_int(req, "after", 0, 0, INT64_MAX);
  const auto limit = static_cast<int>(web::query_int(req, "limit", 50, 1, 200));
  auto lease = d.db.read_snapshot();
  const auto v = d.store.viewer(*lease, req.user_id, req.role);
  auto list = d.actions.comments(*lease, v, id, after, limit);
  boost::json::array out;
  for (const auto& c : list) out.push_back(to_json(c));
  boost::json::object o{{"items", std::move(out)}};
  if (static_cast<int>(list.size()) == limit) o["next_after"] = std::to_string(list.back().id);
  else o["next_after"] = nullptr;
  return Response::json(o);
}

Response add_comment(const RouteDeps& d, Request& req) {
  const auto id = req.id_param("id");
  auto o = web::body(req, "body,parent_id,images");
  auto c = d.actions.add_comment(viewer_of(d, req), id, web::integer(o, "parent_id").value_or(0),
                                 web::str(o, "body", 50000).value_or(""),
                                 web::images_field(o).value_or(std::vector<content::ImageChoice>{}));
  return Response::json(to_json(c), 201);
}

Response delete_comment(const RouteDeps& d, Request& req) {
  d.actions.delete_comment(viewer_of(d, req), req.id_param("id"));
  return Response::no_content();
}

// The item's reactions after a change, as the stream shows them.
Response reaction_state(const RouteDeps& d, const content::Viewer& v, std::int64_t id) {
  auto lease = d.db.read();
  auto e = d.feed.decorate(*lease, v, {d.store.require_item(*lease, id)}).front();
  auto j = to_json(e).as_object();
  return Response::json(boost::json::object{{"reactions", j["reactions"]},
                                            {"reaction_count", j["reaction_count"]},
                                            {"my_reaction", j["my_reaction"]}});
}

Response put_reaction(const RouteDeps& d, Request& req) {
  const auto id = req.id_param("id");
  auto o = web::body(req, "reaction");
  const auto v = viewer_of(d, req);
  d.actions.react(v, id, web::str(o, "reaction", 20).value_or(""));
  return reaction_state(d, v, id);
}

Response delete_reaction(const RouteDeps& d, Request& req) {
  const auto id = req.id_param("id");
  const auto v = viewer_of(d, req);
  d.actions.unreact(v, id);
  return reaction_state(d, v, id);
}

Response post_report(const RouteDeps& d, Request& req) {
  auto o = web::body(req, "target_type,target_id,reason,details");
  moderation::ReportInput in;
  in.target_type = web::str(o, "target_type", 20).value_or("");
  in.target_id = web::integer(o, "target_id").value_or(0);
  in.reason = web::str(o, "reason", 40).value_or("");
  in.details = web::str(o, "details", 2000).value_or("");
  return report_response(d, req, std::move(in));
}

Response announce(const RouteDeps& d, Request& req) {
  auto o = web::body(req, "neighbourhood_id,title,body,pinned,urgent");
  AnnouncementInput in;
  in.neighbourhood_id = web::integer(o, "neighbourhood_id");
  in.title = web::str(o, "title", 1200).value_or("");
  in.body = web::str(o, "body", 100000).value_or("");
  in.pinned = web::boolean(o, "pinned").value_or(false);
  in.urgent = web::boolean(o, "urgent").value_or(false);
  const auto v = viewer_of(d, req);
  return created_item(d, v, d.actions.announce(v, in));
}

// Before an urgent announcement goes out: how many people it notifies and mails, for the
// same area and author as POST /api/announcements would (Notifier::area_reach).
Response announcement_reach(const RouteDeps& d, Request& req) {
  const auto nb = web::query_int(req, "neighbourhood_id", 0, 0, INT64_MAX);
  auto lease = d.db.read();
  if (nb) {
    std::int64_t one = 0;
    *lease << "SELECT 1 FROM neighbourhoods WHERE id = :nb", soci::use(nb, "nb"), soci::into(one);
    if (!lease->got_data())
      throw http::HttpError(404, "not_found", "Dieses Quartier gibt es nicht. / This neighbourhood does not exist.");
  }
  const auto people = d.notifier.area_reach(*lease, nb ? std::optional<std::int64_t>(nb) : std::nullopt, req.user_id);
  return Response::json(boost::json::object{{"people", people}, {"mails", people}});
}

Response put_pin(const RouteDeps& d, Request& req) {
  const auto id = req.id_param("id");
  auto o = web::body(req, "pinned");
  d.actions.set_pinned(viewer_of(d, req), id, web::boolean(o, "pinned").value_or(true));
  return Response::no_content();
}

}  // namespace

void add_content_routes(http::Router& r, const RouteDeps& d) {
  const http::RouteOptions open{};
  const http::RouteOptions user{Access::user};
  const http::RouteOptions staff{Access::staff};
  // Posts, comments, reactions wait for their group commit's disk flush: off the I/O threads.
  http::RouteOptions user_write = user;
  user_write.lane = http::Lane::wait;
  const auto h = [&d](RouteFn f) { return route_handler(d, f); };
  r.get("/api/stream", h(get_stream), user);
  r.post("/api/posts", h(create_post), user_write);
  r.get("/api/content/{id}", h(get_item), open);
  r.patch("/api/content/{id}", h(edit_item), user);
  r.del("/api/content/{id}", h(delete_item), user);
  r.get("/api/content/{id}/revisions", h(get_revisions), user);
  r.get("/api/content/{id}/comments", h(get_comments), user);
  r.post("/api/content/{id}/comments", h(add_comment), user_write);
  r.del("/api/comments/{id}", h(delete_comment), user);
  r.put("/api/content/{id}/reaction", h(put_reaction), user_write);
  r.del("/api/content/{id}/reaction", h(delete_reaction), user_write);
  r.post("/api/content/{id}/report", [&d](Request& req) { return report(d, req, "content", req.id_param("id")); }, user);
  r.post("/api/comments/{id}/report", [&d](Request& req) { return report(d, req, "comment", req.id_param("id")); }, user);
  r.post("/api/reports", h(post_report), user);
  r.post("/api/announcements", h(announce), staff);
  r.get("/api/announcements/reach", h(announcement_reach), staff);
  r.put("/api/content/{id}/pin", h(put_pin), staff);
}

}  // namespace qt::stream
