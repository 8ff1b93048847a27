// The signalling socket: entering a room (on_open), leaving it (on_close), and what the host's
// actions do to everyone in it. Frames: signal_messages.cpp.
#include "signal.hpp"

#include <string>
#include <vector>

#include <quartier/plugin.hpp>

#include "guest_pass.hpp"
#include "ice.hpp"
#include "janus.hpp"
#include "limits.hpp"
#include "lobby.hpp"
#include "presence.hpp"
#include "routes.hpp"
#include "schedule.hpp"
#include "sfu.hpp"
#include "signal_state.hpp"
#include "util.hpp"

namespace video {
namespace {

using quartier::detail::str;
using quartier::detail::view;

struct Refusal {
  int status;
  const char* code;
  const char* de;
  const char* en;
};

qt_status refuse(qt_response* res, const Refusal& r) {
  quartier::api().res_error_ex(res, r.status, str(r.code), str(r.de), str(r.en), str(""));
  return QT_ERR_DENIED;
}

const Refusal kNoRoom{404, "room_not_found", "Diesen Raum gibt es nicht (mehr). Bitte den Link prüfen.",
                      "There is no such room (any more). Please check the link."};
const Refusal kNoName{401, "guest_token_needed", "Bitte zuerst einen Namen angeben (Gastzugang) oder anmelden.",
                      "Please give a name first (guest access) or sign in."};
const Refusal kAccount{403, "account_required", "Für diesen Raum bitte anmelden.", "Please sign in for this room."};
const Refusal kMembers{403, "members_only", "Dieser Raum ist nur für Mitglieder der Gruppe.",
                       "This room is for the group's members only."};
const Refusal kLocked{423, "room_locked", "Der Raum ist abgeschlossen. Bitte bei der Gastgeberin oder dem Gastgeber melden.",
                      "The room is locked. Please ask its host."};
const Refusal kFull{409, "room_full", "Der Raum ist voll. Bitte später erneut versuchen.", "The room is full. Please try again later."};
const Refusal kLobbyFull{409, "lobby_full", "Im Warteraum warten schon sehr viele. Bitte später erneut versuchen.",
                          "Very many are waiting in the lobby already. Please try again later."};
const Refusal kFlood{429, "too_many_joins", "Zu viele Verbindungsversuche. Bitte eine Minute warten.",
                     "Too many attempts to connect. Please wait a minute."};

// Enters the participant into video_presence unless the room is full; false when full.
bool take_seat(std::uint64_t conn, const Room& r, const Participant& p) {
  quartier::Statement s(
      "INSERT INTO video_presence (conn, room_id, node, user_id, name, is_host, joined_at, seen_at, sfu_id)"
      " SELECT :conn, :room, :node, :user, :name, :host, :at, :seen, :sfu"
      " WHERE (SELECT COUNT(*) FROM video_presence WHERE room_id = :room2 AND seen_at >= :fresh) < :cap");
  s.bind("conn", static_cast<std::int64_t>(conn)).bind("room", r.id).bind("node", static_cast<std::int64_t>(conn >> 32));
  s.bind("user", p.user_id).bind("name", p.name).bind("host", p.host ? 1 : 0).bind("at", now_ms());
  s.bind("seen", now_ms()).bind("sfu", p.sfu_id).bind("room2", r.id).bind("fresh", fresh_since()).bind("cap", r.capacity);
  return s.run() == 1;
}

// A participant as the others see them; in an sfu room also their id in Janus (the feed to subscribe to).
boost::json::object peer_json(std::int64_t conn, const std::string& name, bool host, bool guest, std::int64_t sfu_id) {
  boost::json::object o{{"id", conn}, {"name", name}, {"host", host}, {"guest", guest}};
  if (sfu_id) o["sfu_id"] = sfu_id;
  return o;
}

boost::json::array others(std::int64_t room_id, std::uint64_t self) {
  boost::json::array out;
  quartier::Statement s(
      "SELECT conn, name, is_host, user_id, sfu_id FROM video_presence WHERE room_id = :r AND seen_at >= :f ORDER BY joined_at");
  s.bind("r", room_id).bind("f", fresh_since());
  while (s.step())
    if (static_cast<std::uint64_t>(s.int64(0)) != self)
      out.push_back(peer_json(s.int64(0), s.text(1), s.int64(2) != 0, s.int64(3) == 0, s.int64(4)));
  return out;
}

// Seats a participant, puts them into the room (and a host among its hosts) and welcomes them;
// false when the room is full.
bool seat(std::uint64_t conn, const Room& room, Participant p) {
  if (room.media == "sfu") {
    p.sfu_id = janus::random_id();
    p.sfu_token = janus::make_token();
  }
  if (!take_seat(conn, room, p)) return false;
  quartier::check(quartier::api().ws_join(quartier::host(), conn, str(room_key(room.id))), "ws_join");
  if (p.host) quartier::check(quartier::api().ws_join(quartier::host(), conn, str(hosts_key(room.id))), "ws_join");
  p.waiting = false;
  participants_here().add(conn, p);
  const auto id = static_cast<std::int64_t>(conn);
  boost::json::object welcome{{"type", "welcome"},
                              {"self", {{"id", id}, {"name", p.name}, {"host", p.host}}},
                              {"room", room_json(room, {p.user_id, p.role})},
                              {"peers", others(room.id, conn)},
                              {"ice_servers", ice_servers(now_ms() / 1000, "q" + std::to_string(conn))}};
  if (p.host) welcome["waiting"] = waiting(room.id);
  send_to(conn, welcome);
  send_room(room.id, {{"type", "peer-joined"}, {"peer", peer_json(id, p.name, p.host, p.user_id == 0, p.sfu_id)}}, conn);
  if (p.sfu_id) sfu::admit(conn, room, p.sfu_id, p.sfu_token);
  return true;
}

// Accepts the socket only to close it with a reason the page can show (a refused upgrade has none).
qt_status close_at_once(std::uint64_t conn, int code, const char* reason, const char* message) {
  send_error(conn, reason, message);
  quartier::api().ws_close(quartier::host(), conn, code, str(reason));
  return QT_OK;
}

// Consultation hours outside their time: closed at once, saying when they open next.
qt_status outside_hours(std::uint64_t conn, const Room& room) {
  const auto next = next_opening(hours_from_text(room.hours), now_ms());
  const std::string when = next ? " Sie beginnt wieder / It opens again: " + describe(*next) + "." : "";
  const std::string msg = "Die Sprechstunde ist gerade geschlossen. / The consultation hour is closed now." + when;
  return close_at_once(conn, 4006, "outside_hours", msg.c_str());
}

qt_status enter(const qt_ws_peer* peer, const qt_request* req, qt_response* refusal) {
  quartier::Request request(req);
  auto room = find_room(request.query("room").value_or(""));
  if (!room) return refuse(refusal, kNoRoom);
  const Caller c{peer->user_id, peer->role};
  if (c.user_id == 0 && peer->guest_id.len == 0) return refuse(refusal, kNoName);
  const auto why = entry_refusal(*room, c);
  if (!why.empty()) return refuse(refusal, why == "members_only" ? kMembers : kAccount);
  if (!joins_per_address().allow(std::string(view(peer->client_address)), now_ms())) return refuse(refusal, kFlood);
  if (c.user_id == 0 && !pass_fits(view(peer->guest_id), room->id, request.query("pass").value_or("")))
    return close_at_once(peer->conn, 4001, "guest_pass_wrong_room",
                         "Dieser Gastzugang gilt für einen anderen Raum. Bitte den Link dieses Raums öffnen und den Namen "
                         "erneut angeben. / This guest pass is for another room. Please open this room's link and give "
                         "your name again.");
  Participant p{room->id, c.user_id, c.role, std::string(view(peer->guest_name)), is_host(*room, c)};
  if (c.user_id) {
    auto me = quartier::user(c.user_id);
    p.name = me ? me->display_name : "?";
  }
  if (room->locked && !p.host) return refuse(refusal, kLocked);
  if (closed_now(*room, c)) return outside_hours(peer->conn, *room);
  if (must_wait(*room, c)) {
    if (!lobby_has_room(room->id)) return refuse(refusal, kLobbyFull);
    p.waiting = true;
    participants_here().add(peer->conn, p);
    wait_in_lobby(peer->conn, *room, p);
    return QT_OK;
  }
  return seat(peer->conn, *room, p) ? QT_OK : refuse(refusal, kFull);
}

// A frame from someone in the lobby: only "enter" (once admitted) and "ping".
void lobby_frame(std::uint64_t conn, const Participant& p, std::string_view text) {
  boost::system::error_code ec;
  auto v = boost::json::parse(text, ec);
  const auto* t = !ec && v.is_object() ? v.as_object().if_contains("type") : nullptr;
  if (t && t->is_string() && t->as_string() == "ping") return send_to(conn, {{"type", "pong"}});
  if (!t || !t->is_string() || t->as_string() != "enter")
    return send_error(conn, "waiting", "Bitte warten, der Gastgeber lässt Sie gleich herein. / Please wait, the host will let you in shortly.");
  if (!take_admission(conn, p.room_id))
    return send_error(conn, "not_admitted", "Der Gastgeber hat Sie noch nicht hereingelassen. / The host has not let you in yet.");
  auto room = find_room_by_id(p.room_id);
  if (!room || !seat(conn, *room, p)) {
    quartier::api().ws_close(quartier::host(), conn, room ? 4009 : 4004, str(room ? "room_full" : "room_ended"));
    return;
  }
  tell_hosts(p.room_id);
}

qt_status on_open(void*, const qt_ws_peer* peer, const qt_request* req, qt_response* refusal) noexcept {
  try {
    return enter(peer, req, refusal);
  } catch (const std::exception& e) {
    quartier::log_error(std::string("video: entering a room failed: ") + e.what());
    return QT_ERR_INTERNAL;
  }
}

qt_status on_message(void*, uint64_t conn, qt_str text) noexcept {
  try {
    auto p = participants_here().get(conn);
    if (!p) return QT_OK;
    if (!participants_here().count_frame(conn, now_ms(), 50)) {
      quartier::api().ws_close(quartier::host(), conn, 4008, str("rate_limited"));
      return QT_OK;
    }
    if (p->waiting) lobby_frame(conn, *p, view(text));
    else handle_frame(conn, *p, view(text));
    return QT_OK;
  } catch (const std::exception& e) {
    quartier::log_error(std::string("video: a signalling frame failed: ") + e.what());
    return QT_ERR_INTERNAL;
  }
}

void on_close(void*, uint64_t conn) noexcept {
  try {
    auto p = participants_here().take(conn);
    if (p && p->waiting) return leave_lobby(conn, p->room_id);
    quartier::Statement s("DELETE FROM video_presence WHERE conn = :c");
    s.bind("c", static_cast<std::int64_t>(conn));
    s.run();
    if (p) send_room(p->room_id, {{"type", "peer-left"}, {"peer", static_cast<std::int64_t>(conn)}});
    if (p && p->sfu_id) sfu::leave(p->room_id, p->sfu_id, p->sfu_token);
  } catch (const std::exception& e) {
    quartier::log_error(std::string("video: leaving a room failed: ") + e.what());
  }
}

}  // namespace

void announce_room_state(const Room& r) {
  send_room(r.id, {{"type", "room"}, {"name", r.name}, {"locked", r.locked}, {"lobby", r.lobby},
                   {"lobby_residents", r.lobby_residents}, {"chat_saved", r.save_chat != 0}});
}

void close_everyone(std::int64_t room_id, int code, const std::string& reason) {
  send_room(room_id, {{"type", "ended"}});
  if (auto room = find_room_by_id(room_id); room && room->media == "sfu") sfu::end(*room);
  std::vector<std::int64_t> conns;
  {
    quartier::Statement s("SELECT conn FROM video_presence WHERE room_id = :r UNION ALL SELECT conn FROM video_lobby WHERE room_id = :r2");
    s.bind("r", room_id).bind("r2", room_id);
    while (s.step()) conns.push_back(s.int64(0));
  }
  for (auto c : conns) quartier::api().ws_close(quartier::host(), static_cast<std::uint64_t>(c), code, str(reason));
}

void forget_local_presence() {
  for (auto conn : participants_here().all()) {
    for (const char* table : {"video_presence", "video_lobby"}) {
      quartier::Statement s(std::string("DELETE FROM ") + table + " WHERE conn = :c");
      s.bind("c", static_cast<std::int64_t>(conn));
      s.run();
    }
  }
}

void add_signal_endpoint() {
  qt_ws_endpoint e{};
  e.size = sizeof e;
  e.path = str("/signal");
  e.access = QT_ACCESS_PUBLIC;
  e.on_open = on_open;
  e.on_message = on_message;
  e.on_close = on_close;
  quartier::check(quartier::api().ws_add(quartier::host(), &e), "ws_add");
}

}  // namespace video
