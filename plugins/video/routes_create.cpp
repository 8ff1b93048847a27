// Creating a room, by kind: who may, and what each kind needs.
#include <quartier/plugin.hpp>

#include "janus.hpp"
#include "room.hpp"
#include "schedule.hpp"
#include "util.hpp"

namespace video {
namespace {

// A mesh holds up to max_participants; a larger room (or one that asks for "media": "sfu") goes
// through Janus when janus_admin_api is set, up to sfu_max_participants.
void capacity_and_media(Room& r, const boost::json::object& body) {
  auto v = quartier::config("max_participants");
  const int mesh = v ? std::stoi(std::string(*v)) : 6;
  const auto media = opt_string(body, "media");
  if (media && *media != "mesh" && *media != "sfu")
    throw error(400, "invalid_media", "media: mesh (Browser zu Browser) oder sfu (über den Videoserver).",
                "media: mesh (browser to browser) or sfu (through the video server).");
  const auto cap = opt_int(body, "capacity").value_or(mesh);
  const bool sfu = media ? *media == "sfu" : cap > mesh;
  if (sfu && !janus::enabled())
    throw error(400, "invalid_capacity",
                "Ein Raum fasst 2 bis " + std::to_string(mesh) + " Personen (Peer-to-Peer); für größere Räume braucht es "
                "einen Videoserver (Janus), den die Verwaltung einrichtet.",
                "A room holds 2 to " + std::to_string(mesh) + " people (peer to peer); larger rooms need a video server "
                "(Janus) that the administration sets up.");
  const int most = sfu ? janus::settings().max_participants : mesh;
  if (cap < 2 || cap > most)
    throw error(400, "invalid_capacity", "Ein Raum fasst 2 bis " + std::to_string(most) + " Personen.",
                "A room holds 2 to " + std::to_string(most) + " people.");
  r.capacity = static_cast<int>(cap);
  r.media = sfu ? "sfu" : "mesh";
  if (sfu) {
    r.janus_room = janus::random_id();
    r.janus_secret = random_slug();
  }
}

void group_rules(Room& r, const boost::json::object& body, const Caller& c) {
  const auto container = opt_int(body, "container_id");
  if (!container)
    throw error(400, "invalid_container_id", "Für einen Gruppenraum bitte die Gruppe (container_id) angeben.",
                "A group room needs the group (container_id).");
  const auto role = quartier::member_role(*container, c.user_id);
  if (!role || *role < QT_MEMBER_MODERATOR)
    throw error(403, "not_group_moderator", "Nur wer die Gruppe leitet oder moderiert, kann einen Gruppenraum anlegen.",
                "Only a group's owners and moderators can create a room for it.");
  r.container_id = *container;
  r.members_only = opt_bool(body, "members_only").value_or(true);
}

void staff_only(const Caller& c) {
  if (c.role < QT_ROLE_STAFF)
    throw error(403, "staff_only", "Sprechstunden und Cafés legt die Verwaltung an.",
                "Consultation hours and cafés are created by the administration.");
}

void department_rules(Room& r, const boost::json::object& body, const Caller& c) {
  staff_only(c);
  auto me = quartier::user(c.user_id);
  r.department = opt_string(body, "department").value_or(me ? me->department : "");
  if (r.department.size() > 120)
    throw error(400, "invalid_department", "Der Name der Abteilung darf höchstens 120 Zeichen lang sein.",
                "The department's name may be at most 120 characters long.");
  r.schedule = opt_string(body, "schedule").value_or("");
  if (const auto* hours = body.if_contains("hours"); hours && !hours->is_null()) r.hours = hours_to_text(parse_hours(*hours));
  if (r.schedule.size() > 500)
    throw error(400, "invalid_schedule", "Die Sprechzeiten dürfen höchstens 500 Zeichen lang sein.",
                "The consultation hours may be at most 500 characters long.");
}

void cafe_rules(Room& r, const boost::json::object& body, const Caller& c) {
  staff_only(c);
  const auto nb = opt_int(body, "neighbourhood_id");
  if (!nb || !quartier::neighbourhood(*nb))
    throw error(400, "invalid_neighbourhood_id", "Bitte ein bestehendes Quartier (neighbourhood_id) angeben.",
                "Please give an existing neighbourhood (neighbourhood_id).");
  quartier::Statement s("SELECT COUNT(*) FROM video_rooms WHERE kind = 'cafe' AND neighbourhood_id = :n");
  s.bind("n", *nb);
  s.step();
  if (s.int64(0) > 0)
    throw error(409, "cafe_exists", "Dieses Quartier hat schon ein Café.", "This neighbourhood has a café already.");
  r.neighbourhood_id = *nb;
}

}  // namespace

Room create_room(const boost::json::object& body, const Caller& c) {
  Room r;
  r.kind = opt_string(body, "kind").value_or("resident");
  r.name = quartier::clean_name(opt_string(body, "name").value_or(""), 1, 80, "invalid_name");
  capacity_and_media(r, body);
  r.guests = opt_bool(body, "guests_allowed").value_or(true);
  r.lobby = opt_bool(body, "lobby").value_or(false);
  r.lobby_residents = opt_bool(body, "lobby_residents").value_or(false);
  r.created_by = c.user_id;
  r.save_chat = opt_bool(body, "save_chat").value_or(false) ? c.user_id : 0;
  if (r.kind == "group") group_rules(r, body, c);
  else if (r.kind == "department") department_rules(r, body, c);
  else if (r.kind == "cafe") cafe_rules(r, body, c);
  else if (r.kind != "resident")
    throw error(400, "invalid_kind", "Art des Raums: resident, group, department oder cafe.",
                "Kind of room: resident, group, department or cafe.");
  if (r.kind != "department" && body.contains("hours"))
    throw error(400, "invalid_hours", "Sprechzeiten gibt es nur für Sprechstunden (kind: department).",
                "Only consultation hours (kind: department) have hours.");
  r.slug = random_slug();
  r.created_at = now_ms();
  quartier::Statement s(
      "INSERT INTO video_rooms (slug, name, kind, created_by, container_id, neighbourhood_id, department, schedule,"
      " members_only, guests, capacity, locked, created_at, lobby, lobby_residents, chat_saved_by, hours, media, janus_room,"
      " janus_secret) VALUES (:slug, :name, :kind, :by, :container, :nb, :dep, :schedule, :mo, :guests, :cap, 0, :at, :lobby,"
      " :lr, :sc, :hours, :media, :jr, :js)");
  s.bind("slug", r.slug).bind("name", r.name).bind("kind", r.kind).bind("by", r.created_by);
  s.bind("container", r.container_id ? std::optional<std::int64_t>(r.container_id) : std::nullopt);
  s.bind("nb", r.neighbourhood_id ? std::optional<std::int64_t>(r.neighbourhood_id) : std::nullopt);
  s.bind("dep", r.department).bind("schedule", r.schedule).bind("mo", r.members_only ? 1 : 0);
  s.bind("guests", r.guests ? 1 : 0).bind("cap", r.capacity).bind("at", r.created_at);
  s.bind("lobby", r.lobby ? 1 : 0).bind("lr", r.lobby_residents ? 1 : 0).bind("sc", r.save_chat).bind("hours", r.hours);
  s.bind("media", r.media).bind("jr", r.janus_room).bind("js", r.janus_secret);
  s.run();
  return *find_room(r.slug);
}

}  // namespace video
