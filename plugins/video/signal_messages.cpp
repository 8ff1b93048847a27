// One frame from a participant: WebRTC signalling to another participant of the same room, chat,
// raised hand, media state, and the host's moderation. A malformed frame gets an error frame; many
// of them close the socket with a reason.
#include <string>

#include <quartier/plugin.hpp>

#include "lobby.hpp"
#include "room.hpp"
#include "signal.hpp"
#include "signal_state.hpp"
#include "util.hpp"

namespace video {
namespace {

using quartier::detail::str;

constexpr int kMaxBadFrames = 20;
constexpr const char* kGuestLabel = "Gast";

bool in_room(std::int64_t room_id, std::int64_t conn) {
  quartier::Statement s("SELECT 1 FROM video_presence WHERE conn = :c AND room_id = :r");
  s.bind("c", conn).bind("r", room_id);
  return s.step();
}

// The "peer" / "to" member naming another participant of the sender's room, or 0 (error sent).
std::int64_t target(std::uint64_t conn, const Participant& p, const boost::json::object& f, const char* key) {
  const auto* v = f.if_contains(key);
  if (!v || !v->is_int64()) {
    send_error(conn, "bad_message", std::string("'") + key + "' must name a participant (a number).");
    return 0;
  }
  if (!in_room(p.room_id, v->as_int64())) {
    send_error(conn, "not_in_room", "That participant is not in this room.");
    return 0;
  }
  return v->as_int64();
}

void relay_signal(std::uint64_t conn, const Participant& p, const boost::json::object& f) {
  const auto* data = f.if_contains("data");
  if (!data || !data->is_object()) return send_error(conn, "bad_message", "'data' must be an object (sdp or candidate).");
  const auto to = target(conn, p, f, "to");
  if (to) send_to(static_cast<std::uint64_t>(to), {{"type", "signal"}, {"from", static_cast<std::int64_t>(conn)}, {"data", *data}});
}

// Stored only when a host chose "save chat" (for that host); a guest's line keeps no name.
void keep_if_saved(const Participant& p, const boost::json::string& text, std::int64_t at) {
  quartier::Statement q("SELECT chat_saved_by FROM video_rooms WHERE id = :r");
  q.bind("r", p.room_id);
  if (!q.step() || q.int64(0) == 0) return;
  const std::int64_t saved_by = q.int64(0);
  quartier::Statement s("INSERT INTO video_chat (room_id, saved_by, user_id, name, text, at) VALUES (:r, :by, :u, :n, :t, :at)");
  s.bind("r", p.room_id).bind("by", saved_by).bind("u", p.user_id).bind("n", p.user_id ? p.name : std::string(kGuestLabel));
  s.bind("t", std::string_view(text)).bind("at", at);
  s.run();
}

void chat(std::uint64_t conn, const Participant& p, const boost::json::object& f) {
  const auto* text = f.if_contains("text");
  if (!text || !text->is_string() || text->as_string().empty() || text->as_string().size() > 2000)
    return send_error(conn, "bad_message", "'text' must be 1 to 2000 characters.");
  // Unless saved, a chat lives in the browsers of those in the room and vanishes with them.
  const auto at = now_ms();
  keep_if_saved(p, text->as_string(), at);
  send_room(p.room_id, {{"type", "chat"}, {"from", static_cast<std::int64_t>(conn)}, {"name", p.name},
                        {"text", *text}, {"at", at}});
}

void flags(std::uint64_t conn, const Participant& p, const boost::json::object& f, const std::string& type) {
  boost::json::object out{{"type", type}, {"from", static_cast<std::int64_t>(conn)}};
  for (const char* key : {"up", "audio", "video", "screen"})
    if (const auto* v = f.if_contains(key)) {
      if (!v->is_bool()) return send_error(conn, "bad_message", std::string("'") + key + "' must be true or false.");
      out[key] = v->as_bool();
    }
  send_room(p.room_id, out, conn);
}

void moderate(std::uint64_t conn, const Participant& p, const boost::json::object& f, const std::string& type) {
  if (!p.host) return send_error(conn, "not_host", "Only the room's host may do this.");
  auto room = find_room_by_id(p.room_id);
  if (!room) return;
  if (type == "lock") {
    const auto* v = f.if_contains("locked");
    if (!v || !v->is_bool()) return send_error(conn, "bad_message", "'locked' must be true or false.");
    quartier::Statement s("UPDATE video_rooms SET locked = :l WHERE id = :id");
    s.bind("l", v->as_bool() ? 1 : 0).bind("id", room->id);
    s.run();
    room->locked = v->as_bool();
    return announce_room_state(*room);
  }
  if (type == "end") return close_everyone(room->id, 4004, "room_ended");
  const auto peer = target(conn, p, f, "peer");
  if (!peer) return;
  if (type == "mute") send_to(static_cast<std::uint64_t>(peer), {{"type", "mute-request"}, {"by", p.name}});
  if (type == "remove") quartier::api().ws_close(quartier::host(), static_cast<std::uint64_t>(peer), 4003, str("removed_by_host"));
}

// A host admits or rejects someone waiting in the lobby.
void decide(std::uint64_t conn, const Participant& p, const boost::json::object& f, const std::string& type) {
  if (!p.host) return send_error(conn, "not_host", "Only the room's host may do this.");
  const auto* v = f.if_contains("peer");
  if (!v || !v->is_int64()) return send_error(conn, "bad_message", "'peer' must name someone waiting (a number).");
  const bool done = type == "admit" ? admit(p.room_id, v->as_int64()) : reject(p.room_id, v->as_int64());
  if (!done) send_error(conn, "not_waiting", "Nobody with that id waits in this room's lobby.");
}

void bad_frame(std::uint64_t conn, std::string_view why) {
  send_error(conn, "bad_message", why);
  if (participants_here().count_bad(conn) >= kMaxBadFrames)
    quartier::api().ws_close(quartier::host(), conn, 4400, str("too_many_bad_messages"));
}

}  // namespace

void handle_frame(std::uint64_t conn, const Participant& p, std::string_view text) {
  boost::system::error_code ec;
  auto v = boost::json::parse(text, ec);
  if (ec || !v.is_object()) return bad_frame(conn, "A frame must be a JSON object with a 'type'.");
  const auto& f = v.as_object();
  const auto* t = f.if_contains("type");
  if (!t || !t->is_string()) return bad_frame(conn, "A frame must be a JSON object with a 'type'.");
  const std::string type(t->as_string());
  if (type == "signal") return relay_signal(conn, p, f);
  if (type == "chat") return chat(conn, p, f);
  if (type == "hand" || type == "media") return flags(conn, p, f, type);
  if (type == "mute" || type == "remove" || type == "lock" || type == "end") return moderate(conn, p, f, type);
  if (type == "admit" || type == "reject") return decide(conn, p, f, type);
  if (type == "ping") return send_to(conn, {{"type", "pong"}});
  bad_frame(conn, "Unknown type '" + type + "'.");
}

}  // namespace video
