#include "history.hpp"

#include <quartier/plugin.hpp>

#include "util.hpp"

namespace help {

using quartier::Statement;

std::int64_t record(std::int64_t request, const char* kind, std::int64_t actor, std::optional<std::int64_t> helper,
                    std::optional<std::int64_t> previous, std::optional<std::int64_t> container) {
  Statement s("INSERT INTO help_events (request_id, kind, actor_id, helper_id, previous_id, container_id, created_at)"
              " VALUES (:r, :k, :a, :h, :p, :c, :t) RETURNING id");
  s.bind("r", request).bind("k", kind).bind("h", helper).bind("p", previous).bind("c", container).bind("t", now_ms());
  if (actor)
    s.bind("a", actor);
  else
    s.bind("a", nullptr);
  s.step();
  const auto id = s.int64(0);
  while (s.step()) {
  }
  return id;
}

void unrecord(std::int64_t event_id) {
  Statement s("DELETE FROM help_events WHERE id = :id");
  s.bind("id", event_id).run();
}

namespace {
boost::json::value person(const Statement& s, int id_col) {
  if (s.is_null(id_col)) return nullptr;
  return boost::json::object{{"id", s.int64(id_col)}, {"display_name", s.is_null(id_col + 1) ? std::string() : s.text(id_col + 1)}};
}
}  // namespace

boost::json::array history_json(std::int64_t request, bool with_people) {
  // One query: the names come from the users view, the group's from the containers view.
  Statement s("SELECT e.kind, e.created_at, e.actor_id, a.display_name, e.helper_id, h.display_name, e.previous_id,"
              " p.display_name, e.container_id, g.name FROM help_events e"
              " LEFT JOIN plugin_users a ON a.id = e.actor_id LEFT JOIN plugin_users h ON h.id = e.helper_id"
              " LEFT JOIN plugin_users p ON p.id = e.previous_id LEFT JOIN plugin_containers g ON g.id = e.container_id"
              " WHERE e.request_id = :r ORDER BY e.id LIMIT 200");
  s.bind("r", request);
  boost::json::array out;
  while (s.step()) {
    boost::json::object o{{"kind", s.text(0)}, {"at", s.int64(1)}};
    if (with_people) {
      o["actor"] = person(s, 2);
      o["helper"] = person(s, 4);
      o["previous_helper"] = person(s, 6);
      o["group"] = s.is_null(8) ? boost::json::value(nullptr)
                                : boost::json::value(boost::json::object{{"container_id", s.int64(8)},
                                                                         {"name", s.is_null(9) ? std::string() : s.text(9)}});
    }
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace help
