// A saved chat: only the host who chose "save chat" reads it (after the call as well) and deletes
// it. Without that choice nothing of the chat is stored.
#include <quartier/plugin.hpp>

#include "room.hpp"
#include "routes.hpp"
#include "util.hpp"

namespace video {
namespace {

Room room_of(const quartier::Request& req) {
  auto r = find_room(req.param("slug").value_or(""));
  if (!r)
    throw error(404, "room_not_found", "Diesen Raum gibt es nicht (mehr). Bitte den Link prüfen.",
                "There is no such room (any more). Please check the link.");
  return *r;
}

void read_chat(quartier::Request& req, quartier::Response& res) {
  const Room r = room_of(req);
  boost::json::array lines;
  quartier::Statement s("SELECT name, text, at, user_id FROM video_chat WHERE room_id = :r AND saved_by = :u ORDER BY at, id");
  s.bind("r", r.id).bind("u", req.user_id());
  while (s.step())
    lines.push_back({{"name", s.text(0)}, {"text", s.text(1)}, {"at", s.int64(2)}, {"guest", s.int64(3) == 0}});
  send(res, boost::json::object{{"room", r.slug}, {"saving", r.save_chat == req.user_id()}, {"messages", std::move(lines)}});
}

void delete_chat(quartier::Request& req, quartier::Response& res) {
  const Room r = room_of(req);
  quartier::Statement s("DELETE FROM video_chat WHERE room_id = :r AND saved_by = :u");
  s.bind("r", r.id).bind("u", req.user_id());
  s.run();
  res.status(204);
}

}  // namespace

void add_chat_routes(quartier::Plugin& plugin) {
  plugin.get("/rooms/{slug}/chat", quartier::Access::user, read_chat);
  plugin.del("/rooms/{slug}/chat", quartier::Access::user, delete_chat);
}

}  // namespace video
