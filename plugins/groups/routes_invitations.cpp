// Invitations: to a person by user id (they accept or decline on their invitations page), or by
// link (a token that is single-use and/or expires). Pending invitations are plugin rows; the
// membership they lead to is the core's.
#include "group.hpp"
#include "routes.hpp"
#include "token.hpp"
#include "util.hpp"

namespace groups {
namespace {

using quartier::Access;
using quartier::HttpError;
using quartier::Request;
using quartier::Response;
using quartier::Statement;

constexpr std::int64_t kHour = 3600LL * 1000;

// [plugins.groups] invitation_link_hours (declared in plugin.cpp; the host fills its default).
std::int64_t default_link_hours() {
  auto v = quartier::config("invitation_link_hours");
  return v ? std::stoll(std::string(*v)) : 72;
}

// Who may invite: managers always; in a public group every member (anyone may join anyway).
void require_inviter(const Found& f) {
  if (f.caller.manager()) return;
  if (f.group.visibility == "public" && f.caller.member()) return;
  require_manager(f.caller);
}

// POST /groups/{slug}/invitations
//   {"user_id": 7}                                     invite a person
//   {"link": true, "single_use": true, "expires_in_hours": 72}   create an invitation link
void create(Request& req, Response& res) {
  auto f = load_visible(req);
  require_inviter(f);
  auto o = body_object(req);
  const auto t = now_ms();
  if (opt_bool(o, "link").value_or(false)) {
    require_manager(f.caller);
    const bool single = opt_bool(o, "single_use").value_or(true);
    const auto hours = opt_int(o, "expires_in_hours").value_or(single ? 24 * 7 : default_link_hours());
    if (hours < 0 || hours > 24 * 90)
      throw HttpError(400, "invalid_expires_in_hours",
                      "Gültigkeit: 0 (unbegrenzt, nur bei Einmal-Links) bis 2160 Stunden. / Validity: 0 (no expiry, "
                      "single-use links only) to 2160 hours.");
    if (hours == 0 && !single)
      throw HttpError(400, "invalid_expires_in_hours",
                      "Ein mehrfach nutzbarer Link muss ablaufen. / A reusable link must expire.");
    const auto token = new_token();
    Statement ins("INSERT INTO groups_invitations (group_id, inviter_id, token_hash, single_use, expires_at, created_at)"
                  " VALUES (:g, :by, :h, :single, :exp, :t) RETURNING id");
    std::optional<std::int64_t> exp;
    if (hours > 0) exp = t + hours * kHour;
    ins.bind("g", f.group.id).bind("by", req.user_id()).bind("h", token_hash(token)).bind("single", single ? 1 : 0);
    ins.bind("exp", exp).bind("t", t);
    ins.step();
    boost::json::object out{{"id", ins.int64(0)}, {"token", token}, {"path", "/groups/join/" + token},
                            {"single_use", single}};
    out["expires_at"] = exp ? boost::json::value(*exp) : boost::json::value(nullptr);
    send(res, out, 201);
    return;
  }
  const auto user = opt_int(o, "user_id");
  if (!user || *user <= 0)
    throw HttpError(400, "invalid_user_id", "Bitte angeben, wen Sie einladen (user_id). / Say whom you invite (user_id).");
  auto who = quartier::user(*user);
  if (!who || !who->active) throw HttpError(404, "no_person", "Diese Person gibt es nicht. / This person does not exist.");
  if (quartier::member_role(f.group.container_id, *user))
    throw HttpError(409, "already_member", "Diese Person ist schon Mitglied. / This person is already a member.");
  Statement dup("SELECT 1 FROM groups_invitations WHERE group_id = :g AND invitee_id = :u");
  dup.bind("g", f.group.id).bind("u", *user);
  if (dup.step()) throw HttpError(409, "already_invited", "Diese Person ist schon eingeladen. / This person is already invited.");
  quartier::Transaction tx;
  Statement ins("INSERT INTO groups_invitations (group_id, inviter_id, invitee_id, single_use, created_at)"
                " VALUES (:g, :by, :u, 1, :t) RETURNING id");
  ins.bind("g", f.group.id).bind("by", req.user_id()).bind("u", *user).bind("t", t);
  ins.step();
  const auto id = ins.int64(0);
  quartier::Notification n;
  n.user_id = *user;
  n.kind = "invitation";
  n.title = "Einladung in die Gruppe „" + f.group.name + "“";
  n.title_en = "Invitation to the group “" + f.group.name + "”";
  n.link = "/groups/invitations";
  n.actor_id = req.user_id();
  quartier::notify(n);
  tx.commit();
  send(res, boost::json::object{{"id", id}, {"user_id", *user}, {"display_name", who->display_name}}, 201);
}

// GET /groups/{slug}/invitations (managers): pending invitations of people and live links.
void list(Request& req, Response& res) {
  auto f = load_visible(req);
  require_manager(f.caller);
  Statement s("SELECT id, inviter_id, invitee_id, single_use, expires_at, uses, created_at FROM groups_invitations"
              " WHERE group_id = :g ORDER BY id");
  s.bind("g", f.group.id);
  struct Row {
    std::int64_t id, inviter;
    std::optional<std::int64_t> invitee;
    bool single;
    std::optional<std::int64_t> expires;
    std::int64_t uses, created;
  };
  std::vector<Row> rows;
  while (s.step())
    rows.push_back({s.int64(0), s.int64(1), s.optional_int64(2), s.int64(3) != 0, s.optional_int64(4), s.int64(5), s.int64(6)});
  const auto t = now_ms();
  boost::json::array people, links;
  for (const auto& r : rows) {
    if (r.invitee) {
      auto u = quartier::user(*r.invitee);
      people.push_back(boost::json::object{{"id", r.id}, {"user_id", *r.invitee},
                                           {"display_name", u ? u->display_name : std::string()},
                                           {"created_at", r.created}});
    } else {
      if ((r.expires && *r.expires < t) || (r.single && r.uses > 0)) continue;  // no longer usable
      boost::json::object l{{"id", r.id}, {"single_use", r.single}, {"uses", r.uses}, {"created_at", r.created}};
      l["expires_at"] = r.expires ? boost::json::value(*r.expires) : boost::json::value(nullptr);
      links.push_back(std::move(l));
    }
  }
  send(res, boost::json::object{{"people", std::move(people)}, {"links", std::move(links)}});
}

// DELETE /groups/{slug}/invitations/{id} (managers): withdraw an invitation or revoke a link.
void revoke(Request& req, Response& res) {
  auto f = load_visible(req);
  require_manager(f.caller);
  Statement del("DELETE FROM groups_invitations WHERE id = :id AND group_id = :g");
  del.bind("id", req.id_param("id")).bind("g", f.group.id);
  if (del.run() == 0) throw HttpError(404, "no_invitation", "Diese Einladung gibt es nicht (mehr). / This invitation does not exist (any more).");
  res.status(204);
}

// GET /invitations: my pending invitations, with the group's basics (also for hidden groups:
// being invited is what lets me see one).
void mine(Request& req, Response& res) {
  Statement s("SELECT i.id, i.inviter_id, i.created_at, g.slug, g.name, g.description, g.category, g.visibility"
              " FROM groups_invitations i JOIN groups_groups g ON g.id = i.group_id"
              " WHERE i.invitee_id = :u ORDER BY i.id");
  s.bind("u", req.user_id());
  struct Row {
    std::int64_t id, inviter, at;
    std::string slug, name, description, category, visibility;
  };
  std::vector<Row> rows;
  while (s.step()) rows.push_back({s.int64(0), s.int64(1), s.int64(2), s.text(3), s.text(4), s.text(5), s.text(6), s.text(7)});
  boost::json::array arr;
  for (const auto& r : rows) {
    auto inviter = quartier::user(r.inviter);
    arr.push_back(boost::json::object{
        {"id", r.id},
        {"invited_at", r.at},
        {"inviter", boost::json::object{{"id", r.inviter}, {"display_name", inviter ? inviter->display_name : std::string()}}},
        {"group", boost::json::object{{"slug", r.slug}, {"name", r.name}, {"description", r.description},
                                      {"category", r.category}, {"visibility", r.visibility}}}});
  }
  send(res, boost::json::object{{"invitations", std::move(arr)}});
}

struct PersonInvitation {
  std::int64_t id = 0;
  std::int64_t group_id = 0;
};
PersonInvitation my_invitation(const Request& req) {
  Statement s("SELECT id, group_id FROM groups_invitations WHERE id = :id AND invitee_id = :u");
  s.bind("id", req.id_param("id")).bind("u", req.user_id());
  if (!s.step()) throw HttpError(404, "no_invitation", "Diese Einladung gibt es nicht (mehr). / This invitation does not exist (any more).");
  return {s.int64(0), s.int64(1)};
}

void notify_inviter_accepted(const Group& g, std::int64_t inviter, std::int64_t user) {
  if (inviter == 0) return;
  auto u = quartier::user(user);
  quartier::Notification n;
  n.user_id = inviter;
  n.kind = "invitation_accepted";
  const auto who = u ? u->display_name : std::string("?");
  n.title = who + " ist der Gruppe „" + g.name + "“ beigetreten.";
  n.title_en = who + " joined the group “" + g.name + "”.";
  n.link = "/groups/" + g.slug;
  n.actor_id = user;
  quartier::notify(n);
}

// POST /invitations/{id}/accept | /decline
void answer(Request& req, Response& res, bool accept) {
  auto inv = my_invitation(req);
  auto g = find_by_id(inv.group_id);
  if (!g) not_found();
  quartier::Transaction tx;
  Statement inviter("SELECT inviter_id FROM groups_invitations WHERE id = :id");
  inviter.bind("id", inv.id);
  const auto by = inviter.step() ? inviter.int64(0) : 0;
  Statement del("DELETE FROM groups_invitations WHERE id = :id");
  del.bind("id", inv.id);
  del.run();
  if (accept) {
    if (!quartier::member_role(g->container_id, req.user_id())) quartier::add_member(g->container_id, req.user_id(), QT_MEMBER_MEMBER);
    Statement drop("DELETE FROM groups_requests WHERE group_id = :g AND user_id = :u");
    drop.bind("g", g->id).bind("u", req.user_id());
    drop.run();
    notify_inviter_accepted(*g, by, req.user_id());
  }
  tx.commit();
  boost::json::object out{{"state", accept ? "member" : "declined"}};
  if (accept) out["group"] = to_json(*g);
  send(res, out);
}

// A usable link invitation for the token in the path, or 404 (also for used or expired ones,
// so a guessed token learns nothing).
struct Link {
  std::int64_t id = 0;
  std::int64_t inviter = 0;
  bool single = true;
  Group group;
};
Link link_of(const Request& req) {
  auto token = req.param("token").value_or("");
  auto gone = [] {
    return HttpError(404, "invalid_link",
                     "Dieser Einladungslink ist ungültig, abgelaufen oder schon benutzt. Bitten Sie um einen neuen. / This "
                     "invitation link is invalid, expired or already used. Ask for a new one.");
  };
  if (!plausible_token(token)) throw gone();
  Statement s("SELECT id, group_id, inviter_id, single_use, expires_at, uses FROM groups_invitations"
              " WHERE token_hash = :h AND invitee_id IS NULL");
  s.bind("h", token_hash(token));
  if (!s.step()) throw gone();
  Link l;
  l.id = s.int64(0);
  const auto group_id = s.int64(1);
  l.inviter = s.int64(2);
  l.single = s.int64(3) != 0;
  const auto exp = s.optional_int64(4);
  const auto uses = s.int64(5);
  if ((exp && *exp < now_ms()) || (l.single && uses > 0)) throw gone();
  auto g = find_by_id(group_id);
  if (!g) throw gone();
  l.group = std::move(*g);
  return l;
}

// GET /join/{token}: what the link leads to.
void preview(Request& req, Response& res) {
  auto l = link_of(req);
  auto o = to_json(l.group);
  o["my_role"] = [&]() -> boost::json::value {
    auto r = quartier::member_role(l.group.container_id, req.user_id());
    return r ? boost::json::value(role_name(*r)) : boost::json::value(nullptr);
  }();
  send(res, boost::json::object{{"group", std::move(o)}, {"single_use", l.single}});
}

// POST /join/{token}: become a member through the link.
void use_link(Request& req, Response& res) {
  auto l = link_of(req);
  if (quartier::member_role(l.group.container_id, req.user_id())) {
    send(res, boost::json::object{{"state", "member"}, {"group", to_json(l.group)}});
    return;  // already in: the link stays unused
  }
  quartier::Transaction tx;
  // The guard on uses makes a single-use link usable exactly once, even when two people race.
  Statement mark("UPDATE groups_invitations SET uses = uses + 1 WHERE id = :id AND (single_use = 0 OR uses = 0)");
  mark.bind("id", l.id);
  if (mark.run() == 0)
    throw HttpError(404, "invalid_link", "Dieser Einladungslink ist schon benutzt. / This invitation link is already used.");
  quartier::add_member(l.group.container_id, req.user_id(), QT_MEMBER_MEMBER);
  Statement drop("DELETE FROM groups_requests WHERE group_id = :g AND user_id = :u");
  drop.bind("g", l.group.id).bind("u", req.user_id());
  drop.run();
  notify_inviter_accepted(l.group, l.inviter, req.user_id());
  tx.commit();
  send(res, boost::json::object{{"state", "member"}, {"group", to_json(l.group)}});
}

}  // namespace

void add_invitation_routes(quartier::Plugin& plugin) {
  plugin.post("/groups/{slug}/invitations", Access::user, create);
  plugin.get("/groups/{slug}/invitations", Access::user, list);
  plugin.del("/groups/{slug}/invitations/{id}", Access::user, revoke);
  plugin.get("/invitations", Access::user, mine);
  plugin.post("/invitations/{id}/accept", Access::user, [](Request& q, Response& r) { answer(q, r, true); });
  plugin.post("/invitations/{id}/decline", Access::user, [](Request& q, Response& r) { answer(q, r, false); });
  plugin.get("/join/{token}", Access::user, preview);
  plugin.post("/join/{token}", Access::user, use_link);
}

}  // namespace groups
