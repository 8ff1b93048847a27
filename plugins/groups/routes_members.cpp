// Membership: join (public), request with approval (private), leave, the member list, roles and
// removal. Memberships themselves live in the core (member_add/member_set_role/member_remove);
// only pending join requests are kept here.
#include "group.hpp"
#include "routes.hpp"
#include "util.hpp"

namespace groups {
namespace {

using quartier::Access;
using quartier::HttpError;
using quartier::Request;
using quartier::Response;
using quartier::Statement;

std::string display_name(std::int64_t user) {
  auto u = quartier::user(user);
  return u ? u->display_name : std::string();
}

void notify_managers(const Group& g, std::int64_t actor, const std::string& title, const std::string& title_en,
                     const std::string& link) {
  for (const auto& m : quartier::members(g.container_id, 0, 1000)) {
    if (m.role < QT_MEMBER_MODERATOR) continue;
    quartier::Notification n;
    n.user_id = m.user_id;
    n.kind = "request";
    n.title = title;
    n.title_en = title_en;
    n.link = link;
    n.actor_id = actor;
    quartier::notify(n);
  }
}

void drop_request(const Group& g, std::int64_t user) {
  Statement s("DELETE FROM groups_requests WHERE group_id = :g AND user_id = :u");
  s.bind("g", g.id).bind("u", user);
  s.run();
}

// POST /groups/{slug}/join {message?}: public groups at once; private ones by request (or at
// once if the person holds an invitation); hidden ones only through an invitation.
void join(Request& req, Response& res) {
  auto f = load_visible(req);
  const auto& g = f.group;
  if (f.caller.member()) throw HttpError(409, "already_member", "Sie sind schon Mitglied. / You are already a member.");
  auto o = body_object(req);
  const auto message = trim(opt_string(o, "message", 1000).value_or(""));
  Statement inv("SELECT id FROM groups_invitations WHERE group_id = :g AND invitee_id = :u");
  inv.bind("g", g.id).bind("u", req.user_id());
  const bool invited = inv.step();
  if (g.visibility == "public" || invited) {
    quartier::Transaction tx;
    quartier::add_member(g.container_id, req.user_id(), QT_MEMBER_MEMBER);
    drop_request(g, req.user_id());
    Statement del("DELETE FROM groups_invitations WHERE group_id = :g AND invitee_id = :u");
    del.bind("g", g.id).bind("u", req.user_id());
    del.run();
    tx.commit();
    send(res, boost::json::object{{"state", "member"}, {"role", "member"}});
    return;
  }
  if (g.visibility == "hidden") not_found();  // admins only get here; they are not invited either
  Statement s("SELECT 1 FROM groups_requests WHERE group_id = :g AND user_id = :u");
  s.bind("g", g.id).bind("u", req.user_id());
  if (s.step()) throw HttpError(409, "already_requested", "Ihre Anfrage wartet schon auf Zustimmung. / Your request is already waiting for approval.");
  quartier::Transaction tx;
  Statement ins("INSERT INTO groups_requests (group_id, user_id, message, created_at) VALUES (:g, :u, :m, :t)");
  ins.bind("g", g.id).bind("u", req.user_id()).bind("m", message).bind("t", now_ms());
  ins.run();
  const auto who = display_name(req.user_id());
  notify_managers(g, req.user_id(), who + " möchte der Gruppe „" + g.name + "“ beitreten.",
                  who + " asks to join the group “" + g.name + "”.", "/groups/" + g.slug + "/members");
  tx.commit();
  send(res, boost::json::object{{"state", "requested"}}, 202);
}

// DELETE /groups/{slug}/request: withdraw my pending request.
void withdraw(Request& req, Response& res) {
  auto f = load_visible(req);
  drop_request(f.group, req.user_id());
  res.status(204);
}

void check_not_last_owner(const Group& g, std::int64_t user) {
  auto role = quartier::member_role(g.container_id, user);
  if (role && *role == QT_MEMBER_OWNER && owner_count(g) <= 1)
    throw HttpError(409, "last_owner",
                    "Die Gruppe braucht mindestens einen Eigentümer: erst jemand anderen zum Eigentümer machen (oder "
                    "die Gruppe löschen). / The group needs at least one owner: make someone else an owner first (or "
                    "delete the group).");
}

// POST /groups/{slug}/leave
void leave(Request& req, Response& res) {
  auto f = load_visible(req);
  if (!f.caller.member()) throw HttpError(409, "not_member", "Sie sind kein Mitglied dieser Gruppe. / You are not a member of this group.");
  quartier::Transaction tx;
  lock_group(f.group);
  check_not_last_owner(f.group, req.user_id());
  quartier::remove_member(f.group.container_id, req.user_id());
  tx.commit();
  res.status(204);
}

// GET /groups/{slug}/members?after=&limit=: members of public groups are visible to everyone
// signed in; of private and hidden groups only to members.
void members(Request& req, Response& res) {
  auto f = load_visible(req);
  if (f.group.visibility != "public" && !f.caller.member() && !f.caller.admin())
    throw HttpError(403, "members_only", "Die Mitglieder sehen nur Mitglieder. / Only members see the member list.");
  const auto after = query_int(req, "after", 0, 0, INT64_MAX);
  const auto limit = query_int(req, "limit", 100, 1, 500);
  auto page = quartier::members(f.group.container_id, after, static_cast<int>(limit));
  boost::json::array arr;
  for (const auto& m : page)
    arr.push_back(boost::json::object{{"user_id", m.user_id},
                                      {"display_name", display_name(m.user_id)},
                                      {"role", role_name(m.role)},
                                      {"joined_at", m.joined_at}});
  boost::json::object out{{"members", std::move(arr)}};
  out["next_after"] = static_cast<std::int64_t>(page.size()) == limit ? boost::json::value(page.back().user_id)
                                                                    : boost::json::value(nullptr);
  send(res, out);
}

// GET /groups/{slug}/requests (managers)
void requests(Request& req, Response& res) {
  auto f = load_visible(req);
  require_manager(f.caller);
  Statement s("SELECT user_id, message, created_at FROM groups_requests WHERE group_id = :g ORDER BY created_at, id");
  s.bind("g", f.group.id);
  struct Row {
    std::int64_t user;
    std::string message;
    std::int64_t at;
  };
  std::vector<Row> rows;
  while (s.step()) rows.push_back({s.int64(0), s.text(1), s.int64(2)});
  boost::json::array arr;
  for (const auto& r : rows)
    arr.push_back(boost::json::object{{"user_id", r.user}, {"display_name", display_name(r.user)}, {"message", r.message}, {"requested_at", r.at}});
  send(res, boost::json::object{{"requests", std::move(arr)}});
}

void decide(Request& req, Response& res, bool approve) {
  auto f = load_visible(req);
  require_manager(f.caller);
  const auto user = req.id_param("user_id");
  Statement s("SELECT 1 FROM groups_requests WHERE group_id = :g AND user_id = :u");
  s.bind("g", f.group.id).bind("u", user);
  if (!s.step()) throw HttpError(404, "no_request", "Diese Beitrittsanfrage gibt es nicht (mehr). / This join request does not exist (any more).");
  quartier::Transaction tx;
  drop_request(f.group, user);
  if (approve && !quartier::member_role(f.group.container_id, user)) quartier::add_member(f.group.container_id, user, QT_MEMBER_MEMBER);
  quartier::Notification n;
  n.user_id = user;
  n.kind = approve ? "approved" : "declined";
  n.title = approve ? "Sie sind jetzt Mitglied der Gruppe „" + f.group.name + "“."
                    : "Ihre Anfrage an die Gruppe „" + f.group.name + "“ wurde abgelehnt.";
  n.title_en = approve ? "You are now a member of the group “" + f.group.name + "”."
                       : "Your request to join the group “" + f.group.name + "” was declined.";
  n.link = "/groups/" + f.group.slug;
  n.actor_id = req.user_id();
  quartier::notify(n);
  tx.commit();
  send(res, boost::json::object{{"state", approve ? "member" : "declined"}});
}

// PUT /groups/{slug}/members/{user_id} {"role": "owner"|"moderator"|"member"} (owners only)
void set_role(Request& req, Response& res) {
  auto f = load_visible(req);
  require_owner(f.caller);
  const auto user = req.id_param("user_id");
  auto o = body_object(req);
  auto role = role_from(opt_string(o, "role", 20).value_or(""));
  if (!role) throw HttpError(400, "invalid_role", "Rolle: owner, moderator oder member. / Role must be owner, moderator or member.");
  quartier::Transaction tx;
  lock_group(f.group);
  auto current = quartier::member_role(f.group.container_id, user);
  if (!current) throw HttpError(404, "not_member", "Diese Person ist kein Mitglied. / This person is not a member.");
  if (*current == QT_MEMBER_OWNER && *role != QT_MEMBER_OWNER) check_not_last_owner(f.group, user);
  quartier::set_member_role(f.group.container_id, user, *role);
  tx.commit();
  send(res, boost::json::object{{"user_id", user}, {"role", role_name(*role)}});
}

// DELETE /groups/{slug}/members/{user_id}: managers remove members; moderators cannot remove
// owners or other moderators; nobody removes the last owner.
void remove_member(Request& req, Response& res) {
  auto f = load_visible(req);
  const auto user = req.id_param("user_id");
  if (user != req.user_id()) require_manager(f.caller);
  quartier::Transaction tx;
  lock_group(f.group);
  auto current = quartier::member_role(f.group.container_id, user);
  if (!current) throw HttpError(404, "not_member", "Diese Person ist kein Mitglied. / This person is not a member.");
  if (user != req.user_id() && !f.caller.owner() && *current >= QT_MEMBER_MODERATOR)
    throw HttpError(403, "forbidden", "Moderation kann nur Mitglieder entfernen. / Moderators can only remove members.");
  check_not_last_owner(f.group, user);
  quartier::remove_member(f.group.container_id, user);
  tx.commit();
  res.status(204);
}

}  // namespace

void add_member_routes(quartier::Plugin& plugin) {
  plugin.post("/groups/{slug}/join", Access::user, join);
  plugin.del("/groups/{slug}/request", Access::user, withdraw);
  plugin.post("/groups/{slug}/leave", Access::user, leave);
  plugin.get("/groups/{slug}/members", Access::user, members);
  plugin.put("/groups/{slug}/members/{user_id}", Access::user, set_role);
  plugin.del("/groups/{slug}/members/{user_id}", Access::user, remove_member);
  plugin.get("/groups/{slug}/requests", Access::user, requests);
  plugin.post("/groups/{slug}/requests/{user_id}/approve", Access::user, [](Request& q, Response& r) { decide(q, r, true); });
  plugin.post("/groups/{slug}/requests/{user_id}/decline", Access::user, [](Request& q, Response& r) { decide(q, r, false); });
}

}  // namespace groups
