#include "privacy.hpp"

#include <algorithm>
#include <map>

#include <boost/json.hpp>
#include <quartier/plugin.hpp>

#include "group.hpp"
#include "routes.hpp"

namespace groups {

std::string export_person(std::int64_t user) {
  boost::json::array memberships, created, requests, received, sent;
  std::map<std::int64_t, quartier::Member> by_container;
  std::vector<std::int64_t> ids;
  for (const auto& m : quartier::member_containers(user)) {
    by_container[m.container_id] = m;
    ids.push_back(m.container_id);
  }
  for (const auto& g : find_by_containers(ids)) {
    const auto& m = by_container[g.container_id];
    memberships.push_back(boost::json::object{{"group", g.slug}, {"name", g.name}, {"role", role_name(m.role)}, {"joined_at", m.joined_at}});
  }
  {
    quartier::Statement s("SELECT slug, name, created_at FROM groups_groups WHERE created_by = :u ORDER BY id");
    s.bind("u", user);
    while (s.step()) created.push_back(boost::json::object{{"group", s.text(0)}, {"name", s.text(1)}, {"created_at", s.int64(2)}});
  }
  {
    quartier::Statement s("SELECT g.slug, g.name, r.message, r.created_at FROM groups_requests r"
                          " JOIN groups_groups g ON g.id = r.group_id WHERE r.user_id = :u ORDER BY r.id");
    s.bind("u", user);
    while (s.step())
      requests.push_back(boost::json::object{{"group", s.text(0)}, {"name", s.text(1)}, {"message", s.text(2)}, {"requested_at", s.int64(3)}});
  }
  {
    quartier::Statement s("SELECT g.slug, g.name, i.inviter_id, i.created_at FROM groups_invitations i"
                          " JOIN groups_groups g ON g.id = i.group_id WHERE i.invitee_id = :u ORDER BY i.id");
    s.bind("u", user);
    while (s.step())
      received.push_back(boost::json::object{{"group", s.text(0)}, {"name", s.text(1)}, {"inviter_id", s.int64(2)}, {"invited_at", s.int64(3)}});
  }
  {
    quartier::Statement s("SELECT g.slug, g.name, i.invitee_id, i.single_use, i.expires_at, i.created_at"
                          " FROM groups_invitations i JOIN groups_groups g ON g.id = i.group_id"
                          " WHERE i.inviter_id = :u ORDER BY i.id");
    s.bind("u", user);
    while (s.step()) {
      boost::json::object o{{"group", s.text(0)}, {"name", s.text(1)}, {"created_at", s.int64(5)}};
      if (s.is_null(2)) {
        o["link"] = true;
        o["single_use"] = s.int64(3) != 0;
        o["expires_at"] = s.is_null(4) ? boost::json::value(nullptr) : boost::json::value(s.int64(4));
      } else {
        o["invitee_id"] = s.int64(2);
      }
      sent.push_back(std::move(o));
    }
  }
  return boost::json::serialize(boost::json::object{{"memberships", std::move(memberships)},
                                                    {"created_groups", std::move(created)},
                                                    {"join_requests", std::move(requests)},
                                                    {"invitations_received", std::move(received)},
                                                    {"invitations_sent", std::move(sent)}});
}

void erase_person(std::int64_t user) {
  std::vector<std::int64_t> owned;
  for (const auto& m : quartier::member_containers(user))
    if (m.role == QT_MEMBER_OWNER) owned.push_back(m.container_id);
  for (const auto& g : find_by_containers(owned)) {
    auto all = quartier::members(g.container_id, 0, 1000);
    const bool other_owner = std::any_of(all.begin(), all.end(), [&](const auto& m) { return m.user_id != user && m.role == QT_MEMBER_OWNER; });
    if (other_owner) continue;
    // The longest-standing moderator, else the longest-standing member, takes over.
    const quartier::Member* heir = nullptr;
    for (const auto& m : all) {
      if (m.user_id == user) continue;
      auto better = [&](const quartier::Member& a, const quartier::Member* b) {
        if (!b) return true;
        if (a.role != b->role) return a.role > b->role;
        return a.joined_at < b->joined_at;
      };
      if (better(m, heir)) heir = &m;
    }
    if (heir) {
      quartier::set_member_role(g.container_id, heir->user_id, QT_MEMBER_OWNER);
      quartier::log_info("group " + std::to_string(g.id) + ": ownership passed on at account deletion");
    } else {
      // Its groups_ rows go with the container.deleted event once the erasure has committed.
      quartier::delete_container(g.container_id);
      quartier::log_info("group " + std::to_string(g.id) + " deleted with its only member's account");
    }
  }
  quartier::Statement r("DELETE FROM groups_requests WHERE user_id = :u");
  r.bind("u", user);
  r.run();
  quartier::Statement i("DELETE FROM groups_invitations WHERE invitee_id = :u");
  i.bind("u", user);
  i.run();
  // Links and invitations they sent stay valid for the group, without their name on them.
  quartier::Statement s("UPDATE groups_invitations SET inviter_id = 0 WHERE inviter_id = :u");
  s.bind("u", user);
  s.run();
  quartier::Statement c("UPDATE groups_groups SET created_by = 0 WHERE created_by = :u");
  c.bind("u", user);
  c.run();
}

void drop_group_of_container(std::string_view json) {
  boost::system::error_code ec;
  auto v = boost::json::parse(json, ec);
  if (ec || !v.is_object()) return;
  const auto& o = v.as_object();
  const auto* owner = o.if_contains("owner");
  const auto* id = o.if_contains("id");
  if (!owner || !id || !owner->is_string() || owner->as_string() != "groups" || !id->is_int64()) return;
  std::string picture;
  {
    quartier::Statement key("SELECT picture_key FROM groups_groups WHERE container_id = :c");
    key.bind("c", id->as_int64());
    if (key.step()) picture = key.optional_text(0).value_or("");
  }
  quartier::Statement del("DELETE FROM groups_groups WHERE container_id = :c");
  del.bind("c", id->as_int64());
  del.run();
  drop_picture(picture);
}

}  // namespace groups
