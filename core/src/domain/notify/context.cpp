#include "domain/notify/context.hpp"

#include <algorithm>

#include "domain/content/sql.hpp"

namespace qt::notify {
namespace {

std::vector<std::int64_t> distinct(std::vector<std::int64_t> ids) {
  ids.erase(std::remove(ids.begin(), ids.end(), 0), ids.end());
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

void read_actors(soci::session& s, const std::vector<std::int64_t>& ids, Context& out) {
  if (ids.empty()) return;
  content::sql::IdList list("a", ids);
  std::int64_t id = 0;
  std::string name;
  auto p = (s.prepare << "SELECT id, display_name FROM users WHERE status <> 'deleted' AND id IN " << list.placeholders());
  list.bind(p);
  p, soci::into(id), soci::into(name);
  soci::statement st(p);
  st.execute();
  while (st.fetch()) out.actors[id] = name;
}

void read_places(soci::session& s, const std::vector<std::int64_t>& ids, Context& out) {
  if (ids.empty()) return;
  content::sql::IdList list("c", ids);
  std::int64_t id = 0;
  Place place;
  auto p = (s.prepare << "SELECT c.id, k.name, k.kind FROM content c JOIN containers k ON k.id = c.container_id"
                         " WHERE c.id IN "
                      << list.placeholders());
  list.bind(p);
  p, soci::into(id), soci::into(place.name), soci::into(place.kind);
  soci::statement st(p);
  st.execute();
  while (st.fetch()) out.places[id] = place;
}

}  // namespace

Context context_of(soci::session& s, const std::vector<Notification>& list) {
  std::vector<std::int64_t> actors, contents;
  for (const auto& n : list) {
    actors.push_back(n.actor_id);
    contents.push_back(n.content_id);
  }
  Context out;
  read_actors(s, distinct(std::move(actors)), out);
  read_places(s, distinct(std::move(contents)), out);
  return out;
}

}  // namespace qt::notify
