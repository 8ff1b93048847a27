#include "privacy.hpp"

#include <boost/json.hpp>
#include <quartier/plugin.hpp>

namespace video {

std::string export_person(std::int64_t user) {
  boost::json::array rooms;
  quartier::Statement s("SELECT slug, name, kind, created_at FROM video_rooms WHERE created_by = :u ORDER BY id");
  s.bind("u", user);
  while (s.step())
    rooms.push_back(boost::json::object{{"room", s.text(0)}, {"name", s.text(1)}, {"kind", s.text(2)}, {"created_at", s.int64(3)}});
  return boost::json::serialize(boost::json::object{
      {"rooms_created", std::move(rooms)},
      {"note", "Gespräche werden nicht aufgezeichnet; Chat und Teilnahme werden nicht gespeichert. / Calls are not "
               "recorded; chat and participation are not stored."}});
}

void erase_person(std::int64_t user) {
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
