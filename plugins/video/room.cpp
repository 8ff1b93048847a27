#include "room.hpp"

#include <quartier/plugin.hpp>

#include "lobby.hpp"
#include "presence.hpp"
#include "schedule.hpp"
#include "util.hpp"

namespace video {
namespace {

constexpr const char* kColumns =
    "SELECT id, slug, name, kind, created_by, container_id, neighbourhood_id, department, schedule, members_only, guests,"
    " capacity, locked, created_at, lobby, lobby_residents, chat_saved_by, hours, media, janus_room, janus_secret FROM video_rooms ";

Room read(const quartier::Statement& s) {
  Room r;
  r.id = s.int64(0);
  r.slug = s.text(1);
  r.name = s.text(2);
  r.kind = s.text(3);
  r.created_by = s.int64(4);
  r.container_id = s.int64(5);
  r.neighbourhood_id = s.int64(6);
  r.department = s.text(7);
  r.schedule = s.text(8);
  r.members_only = s.int64(9) != 0;
  r.guests = s.int64(10) != 0;
  r.capacity = static_cast<int>(s.int64(11));
  r.locked = s.int64(12) != 0;
  r.created_at = s.int64(13);
  r.lobby = s.int64(14) != 0;
  r.lobby_residents = s.int64(15) != 0;
  r.save_chat = s.int64(16);
  r.hours = s.text(17);
  r.media = s.text(18);
  r.janus_room = s.int64(19);
  r.janus_secret = s.text(20);
  return r;
}

}  // namespace

std::optional<Room> find_room(std::string_view slug) {
  quartier::Statement s(std::string(kColumns) + "WHERE slug = :slug");
  s.bind("slug", slug);
  if (!s.step()) return std::nullopt;
  return read(s);
}

std::optional<Room> find_room_by_id(std::int64_t id) {
  quartier::Statement s(std::string(kColumns) + "WHERE id = :id");
  s.bind("id", id);
  if (!s.step()) return std::nullopt;
  return read(s);
}

bool is_host(const Room& r, const Caller& c) {
  if (c.user_id == 0) return false;
  if (c.role >= QT_ROLE_MODERATOR || r.created_by == c.user_id) return true;
  if ((r.kind == "department" || r.kind == "cafe") && c.role >= QT_ROLE_STAFF) return true;
  if (r.kind == "group" && r.container_id) {
    auto role = quartier::member_role(r.container_id, c.user_id);
    return role && *role >= QT_MEMBER_MODERATOR;
  }
  return false;
}

std::string entry_refusal(const Room& r, const Caller& c) {
  if (c.user_id == 0 && (!r.guests || r.members_only)) return "account_required";
  if (r.members_only && c.user_id && !is_host(r, c) && !quartier::member_role(r.container_id, c.user_id))
    return "members_only";
  return "";
}

bool closed_now(const Room& r, const Caller& c) {
  if (r.hours.empty() || is_host(r, c)) return false;
  return !open_at(hours_from_text(r.hours), now_ms());
}

// The schedule, whether it is open now, and when it opens next.
void add_hours(boost::json::object& o, const Room& r) {
  const auto hours = hours_from_text(r.hours);
  if (hours.empty()) return;
  const auto now = now_ms();
  o["hours"] = hours_json(hours);
  o["time_zone"] = time_zone();
  o["open_now"] = open_at(hours, now);
  if (!open_at(hours, now))
    if (auto next = next_opening(hours, now)) o["opens_next"] = {{"at", next->at_ms}, {"local", next->local}, {"day", next->day}};
}

bool must_wait(const Room& r, const Caller& c) {
  if (!r.lobby || is_host(r, c)) return false;
  return c.user_id == 0 || r.lobby_residents;
}

int participants(std::int64_t room_id) {
  quartier::Statement s("SELECT COUNT(*) FROM video_presence WHERE room_id = :r AND seen_at >= :f");
  s.bind("r", room_id).bind("f", fresh_since());
  s.step();
  return static_cast<int>(s.int64(0));
}

boost::json::object room_json(const Room& r, const Caller& c) {
  const bool host = is_host(r, c);
  boost::json::object o{{"slug", r.slug},           {"name", r.name},
                        {"kind", r.kind},           {"link", "/video/room/" + r.slug},
                        {"capacity", r.capacity},   {"participants", participants(r.id)}, {"media", r.media},
                        {"locked", r.locked},       {"guests_allowed", r.guests && !r.members_only},
                        {"members_only", r.members_only}, {"is_host", host},
                        {"lobby", r.lobby},         {"lobby_residents", r.lobby_residents},
                        {"chat_saved", r.save_chat != 0},
                        {"created_at", r.created_at}};
  if (!r.department.empty()) o["department"] = r.department;
  if (!r.schedule.empty()) o["schedule"] = r.schedule;
  if (r.neighbourhood_id) o["neighbourhood_id"] = r.neighbourhood_id;
  if (r.container_id) o["container_id"] = r.container_id;
  add_hours(o, r);
  o["can_enter"] = entry_refusal(r, c).empty() && (!r.locked || host) && !closed_now(r, c);
  if (host) {
    boost::json::array now;
    quartier::Statement s("SELECT name, user_id FROM video_presence WHERE room_id = :r AND seen_at >= :f ORDER BY joined_at");
    s.bind("r", r.id).bind("f", fresh_since());
    while (s.step()) now.push_back(boost::json::object{{"name", s.text(0)}, {"guest", s.int64(1) == 0}});
    o["present"] = std::move(now);
    o["waiting"] = waiting(r.id);
  }
  return o;
}

}  // namespace video
