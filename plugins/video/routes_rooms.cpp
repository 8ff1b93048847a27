// Rooms: the list (cafés, consultation hours, one's own), create, show, change (lock, name), end.
#include <quartier/plugin.hpp>

#include "lobby.hpp"
#include "room.hpp"
#include "schedule.hpp"
#include "routes.hpp"
#include "signal.hpp"
#include "util.hpp"

namespace video {
namespace {

using quartier::Access;

Caller caller(const quartier::Request& req) { return {req.user_id(), req.role()}; }

boost::json::array rooms_where(const std::string& where, std::int64_t user, const Caller& c) {
  boost::json::array out;
  std::vector<std::string> slugs;
  {
    quartier::Statement s("SELECT slug FROM video_rooms WHERE " + where + " ORDER BY name, id LIMIT 200");
    if (where.find(":u") != std::string::npos) s.bind("u", user);
    while (s.step()) slugs.push_back(s.text(0));
  }
  for (const auto& slug : slugs)
    if (auto r = find_room(slug)) out.push_back(room_json(*r, c));
  return out;
}

void list_rooms(quartier::Request& req, quartier::Response& res) {
  const Caller c = caller(req);
  boost::json::object out{{"cafes", rooms_where("kind = 'cafe'", 0, c)},
                          {"consultations", rooms_where("kind = 'department'", 0, c)}};
  out["mine"] = c.user_id ? rooms_where("created_by = :u AND kind IN ('resident','group')", c.user_id, c) : boost::json::array{};
  send(res, out);
}

Room room_or_404(const quartier::Request& req) {
  auto r = find_room(req.param("slug").value_or(""));
  if (!r)
    throw error(404, "room_not_found", "Diesen Raum gibt es nicht (mehr). Bitte den Link prüfen.",
                "There is no such room (any more). Please check the link.");
  return *r;
}

Room host_room(const quartier::Request& req) {
  Room r = room_or_404(req);
  if (!is_host(r, caller(req)))
    throw error(403, "not_host", "Nur wer den Raum leitet, darf das.", "Only the room's host may do this.");
  return r;
}

void show_room(quartier::Request& req, quartier::Response& res) {
  const Room r = room_or_404(req);
  const Caller c = caller(req);
  if (entry_refusal(r, c) == "members_only")
    throw error(403, "members_only", "Dieser Raum ist nur für Mitglieder der Gruppe.", "This room is for the group's members only.");
  send(res, room_json(r, c));
}

std::string changed_hours(const Room& r, const boost::json::value& hours) {
  if (r.kind != "department")
    throw error(400, "invalid_hours", "Sprechzeiten gibt es nur für Sprechstunden (kind: department).",
                "Only consultation hours (kind: department) have hours.");
  return hours.is_null() ? std::string() : hours_to_text(parse_hours(hours));  // null: open at any time
}

void change_room(quartier::Request& req, quartier::Response& res) {
  Room r = host_room(req);
  const bool had_lobby = r.lobby;
  const auto body = body_object(req);
  if (auto locked = opt_bool(body, "locked")) r.locked = *locked;
  if (auto name = opt_string(body, "name")) r.name = quartier::clean_name(*name, 1, 80, "invalid_name");
  if (auto lobby = opt_bool(body, "lobby")) r.lobby = *lobby;
  if (auto residents = opt_bool(body, "lobby_residents")) r.lobby_residents = *residents;
  // The chat is saved for the host who switched it on (who reads, exports and deletes it).
  if (const auto* hours = body.if_contains("hours")) r.hours = changed_hours(r, *hours);
  if (auto save = opt_bool(body, "save_chat")) r.save_chat = !*save ? 0 : r.save_chat ? r.save_chat : req.user_id();
  quartier::Statement s(
      "UPDATE video_rooms SET locked = :l, name = :n, lobby = :lobby, lobby_residents = :lr, chat_saved_by = :sc,"
      " hours = :hours WHERE id = :id");
  s.bind("l", r.locked ? 1 : 0).bind("n", r.name).bind("lobby", r.lobby ? 1 : 0).bind("lr", r.lobby_residents ? 1 : 0);
  s.bind("sc", r.save_chat).bind("hours", r.hours).bind("id", r.id);
  s.run();
  if (had_lobby && !r.lobby) admit_everyone(r.id);  // nobody waits for a lobby that is gone
  announce_room_state(r);
  send(res, room_json(r, caller(req)));
}

void end_room(quartier::Request& req, quartier::Response& res) {
  const Room r = host_room(req);
  close_everyone(r.id, 4004, "room_ended");
  quartier::Statement s("DELETE FROM video_rooms WHERE id = :id");
  s.bind("id", r.id);
  s.run();
  res.status(204);
}

}  // namespace

Room create_room(const boost::json::object& body, const Caller& c);  // routes_create.cpp

void add_room_routes(quartier::Plugin& plugin) {
  plugin.get("/rooms", Access::public_, list_rooms);
  plugin.post("/rooms", Access::user, [](quartier::Request& req, quartier::Response& res) {
    const Caller c = caller(req);
    send(res, room_json(create_room(body_object(req), c), c), 201);
  });
  plugin.get("/rooms/{slug}", Access::public_, show_room);
  plugin.patch("/rooms/{slug}", Access::user, change_room);
  plugin.del("/rooms/{slug}", Access::user, end_room);
  add_chat_routes(plugin);
}

}  // namespace video
