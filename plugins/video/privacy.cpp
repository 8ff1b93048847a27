#include "privacy.hpp"

#include <boost/json.hpp>
#include <quartier/plugin.hpp>

namespace video {

namespace {

// The chats this person saved as a host, per room, with every line (guests' lines say "Gast").
boost::json::array saved_chats(std::int64_t user) {
  boost::json::array out;
  quartier::Statement s(
      "SELECT r.slug, r.name, c.name, c.text, c.at FROM video_chat c JOIN video_rooms r ON r.id = c.room_id"
      " WHERE c.saved_by = :u ORDER BY r.id, c.at, c.id");
  s.bind("u", user);
  while (s.step()) {
    if (out.empty() || out.back().at("room").as_string() != s.text(0))
      out.push_back(boost::json::object{{"room", s.text(0)}, {"name", s.text(1)}, {"messages", boost::json::array{}}});
    out.back().at("messages").as_array().push_back({{"name", s.text(2)}, {"text", s.text(3)}, {"at", s.int64(4)}});
  }
  return out;
}

// What this person wrote in chats that someone else saved.
boost::json::array own_lines(std::int64_t user) {
  boost::json::array out;
  quartier::Statement s(
      "SELECT r.name, c.text, c.at FROM video_chat c JOIN video_rooms r ON r.id = c.room_id"
      " WHERE c.user_id = :u AND c.saved_by <> :u2 ORDER BY c.at, c.id");
  s.bind("u", user).bind("u2", user);
  while (s.step()) out.push_back({{"room_name", s.text(0)}, {"text", s.text(1)}, {"at", s.int64(2)}});
  return out;
}

}  // namespace

std::string export_person(std::int64_t user) {
  boost::json::array rooms;
  quartier::Statement s("SELECT slug, name, kind, created_at FROM video_rooms WHERE created_by = :u ORDER BY id");
  s.bind("u", user);
  while (s.step())
    rooms.push_back(boost::json::object{{"room", s.text(0)}, {"name", s.text(1)}, {"kind", s.text(2)}, {"created_at", s.int64(3)}});
  return boost::json::serialize(boost::json::object{
      {"rooms_created", std::move(rooms)},
      {"saved_chats", saved_chats(user)},
      {"lines_in_others_saved_chats", own_lines(user)},
      {"note", "Gespräche werden nicht aufgezeichnet; Teilnahme wird nicht gespeichert, der Chat nur, wenn Sie ihn "
               "gespeichert haben. / Calls are not recorded; participation is not stored, the chat only when you "
               "saved it."}});
}

void erase_person(std::int64_t user) {
  // Chats they saved, and their own lines in chats others saved.
  for (const char* sql : {"DELETE FROM video_chat WHERE saved_by = :u", "DELETE FROM video_chat WHERE user_id = :u",
                          "UPDATE video_rooms SET chat_saved_by = 0 WHERE chat_saved_by = :u",
                          "DELETE FROM video_lobby WHERE user_id = :u"}) {
    quartier::Statement s(sql);
    s.bind("u", user);
    s.run();
  }
  {
    quartier::Statement s("DELETE FROM video_rooms WHERE created_by = :u AND kind IN ('resident','group')");
    s.bind("u", user);
    s.run();
  }
  {
    quartier::Statement s("UPDATE video_rooms SET created_by = 0 WHERE created_by = :u");
    s.bind("u", user);
    s.run();
  }
  quartier::Statement s("DELETE FROM video_presence WHERE user_id = :u");
  s.bind("u", user);
  s.run();
}

}  // namespace video
