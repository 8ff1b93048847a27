#include "privacy.hpp"

#include <boost/json.hpp>
#include <quartier/plugin.hpp>

#include "history.hpp"
#include "lifecycle.hpp"
#include "model.hpp"
#include "stats.hpp"

namespace help {
namespace {

using quartier::Statement;

boost::json::array rows(const char* sql, std::int64_t user, const std::vector<const char*>& names) {
  Statement s(sql);
  s.bind("u", user);
  boost::json::array out;
  while (s.step()) {
    boost::json::object o;
    for (std::size_t i = 0; i < names.size(); ++i) {
      const int c = static_cast<int>(i);
      if (s.is_null(c))
        o[names[i]] = nullptr;
      else if (s.type(c) == QT_TYPE_INT64)
        o[names[i]] = s.int64(c);
      else
        o[names[i]] = s.text(c);
    }
    out.push_back(std::move(o));
  }
  return out;
}

void run(const char* sql, std::int64_t user) {
  Statement s(sql);
  s.bind("u", user);
  s.run();
}

// The history of the person's own requests and every event naming them (as the one who acted,
// the helper, or the helper replaced): kind, date and which part was theirs.
boost::json::array history_of(std::int64_t user) {
  Statement s("SELECT e.request_id, e.kind, e.created_at, CASE WHEN e.actor_id = :u1 THEN 1 ELSE 0 END,"
              " CASE WHEN e.helper_id = :u2 THEN 1 ELSE 0 END, CASE WHEN e.previous_id = :u3 THEN 1 ELSE 0 END"
              " FROM help_events e WHERE e.actor_id = :u4 OR e.helper_id = :u5 OR e.previous_id = :u6"
              " OR e.request_id IN (SELECT id FROM help_requests WHERE asker_id = :u7) ORDER BY e.request_id, e.id");
  for (const char* n : {"u1", "u2", "u3", "u4", "u5", "u6", "u7"}) s.bind(n, user);
  boost::json::array out;
  while (s.step())
    out.push_back(boost::json::object{{"request_id", s.int64(0)}, {"kind", s.text(1)}, {"at", s.int64(2)},
                                      {"by_me", s.int64(3) != 0}, {"me_as_helper", s.int64(4) != 0},
                                      {"me_replaced", s.int64(5) != 0}});
  return out;
}

}  // namespace

std::string export_person(std::int64_t user) {
  boost::json::object o;
  o["requests"] = rows("SELECT id, category, text, when_kind, due_at, neighbourhood_id, urgency, risk_group, status,"
                       " helper_id, created_at, closed_at FROM help_requests WHERE asker_id = :u ORDER BY id",
                       user, {"id", "category", "text", "when", "due_at", "neighbourhood_id", "urgency", "risk_group",
                              "status", "helper_id", "created_at", "closed_at"});
  o["offers"] = rows("SELECT id, category, text, neighbourhood_id, when_kind, created_at, updated_at FROM help_offers"
                     " WHERE helper_id = :u ORDER BY id",
                     user, {"id", "category", "text", "neighbourhood_id", "when", "created_at", "updated_at"});
  o["offered_help"] = rows("SELECT x.request_id, r.category, r.status, x.created_at FROM help_responses x"
                           " JOIN help_requests r ON r.id = x.request_id WHERE x.helper_id = :u ORDER BY x.request_id",
                           user, {"request_id", "category", "status", "created_at"});
  o["helped"] = rows("SELECT id, category, status, closed_at FROM help_requests WHERE helper_id = :u ORDER BY id", user,
                     {"request_id", "category", "status", "closed_at"});
  o["matched"] = rows("SELECT request_id, notified, created_at FROM help_matches WHERE helper_id = :u ORDER BY request_id",
                      user, {"request_id", "notified", "created_at"});
  o["thanks_given"] = rows("SELECT request_id, text, created_at FROM help_thanks WHERE from_id = :u ORDER BY request_id",
                           user, {"request_id", "text", "created_at"});
  o["thanks_received"] = rows("SELECT request_id, text, created_at FROM help_thanks WHERE to_id = :u ORDER BY request_id",
                              user, {"request_id", "text", "created_at"});
  o["assigned_to_me"] = rows("SELECT request_id, container_id, conversation_id, created_at FROM help_assignments"
                             " WHERE helper_id = :u ORDER BY request_id",
                             user, {"request_id", "container_id", "conversation_id", "created_at"});
  o["assigned_by_me"] = rows("SELECT a.request_id, r.category, a.container_id, a.created_at FROM help_assignments a"
                             " JOIN help_requests r ON r.id = a.request_id WHERE a.coordinator_id = :u ORDER BY a.request_id",
                             user, {"request_id", "category", "container_id", "created_at"});
  o["coordinators_designated"] = rows("SELECT container_id, neighbourhood_id, created_at FROM help_coordinators"
                                      " WHERE granted_by = :u ORDER BY container_id, neighbourhood_id",
                                      user, {"container_id", "neighbourhood_id", "created_at"});
  o["notified_again"] = rows("SELECT request_id, created_at FROM help_notices WHERE helper_id = :u ORDER BY request_id, created_at",
                             user, {"request_id", "created_at"});
  o["history"] = history_of(user);
  for (auto& r : o["requests"].as_array()) {
    auto& ro = r.as_object();
    ro["risk_group"] = ro["risk_group"].as_int64() != 0;
  }
  return boost::json::serialize(o);
}

void erase_person(std::int64_t user) {
  // Their requests go with their stream items; matches, offers to help and thanks cascade.
  std::vector<std::int64_t> items;
  {
    Statement s("SELECT content_id FROM help_requests WHERE asker_id = :u AND content_id IS NOT NULL");
    s.bind("u", user);
    while (s.step()) items.push_back(s.int64(0));
  }
  for (auto id : items) quartier::delete_content(id);
  run("DELETE FROM help_requests WHERE asker_id = :u", user);
  run("DELETE FROM help_offers WHERE helper_id = :u", user);
  run("DELETE FROM help_matches WHERE helper_id = :u", user);
  run("DELETE FROM help_responses WHERE helper_id = :u", user);
  run("DELETE FROM help_thanks WHERE from_id = :u OR to_id = :u", user);
  run("DELETE FROM help_assignments WHERE helper_id = :u", user);
  // What a coordinator or staff member did stays as the group's and the city's, without the person.
  run("UPDATE help_assignments SET coordinator_id = NULL WHERE coordinator_id = :u", user);
  run("UPDATE help_coordinators SET granted_by = NULL WHERE granted_by = :u", user);
  run("DELETE FROM help_notices WHERE helper_id = :u", user);
  // The requests' histories keep the dates, not the person.
  run("UPDATE help_events SET actor_id = NULL WHERE actor_id = :u", user);
  run("UPDATE help_events SET helper_id = NULL WHERE helper_id = :u", user);
  run("UPDATE help_events SET previous_id = NULL WHERE previous_id = :u", user);
  // Requests they were helping with are open again for someone else.
  std::vector<std::int64_t> helped;
  {
    Statement s("SELECT id FROM help_requests WHERE helper_id = :u AND status = 'in_progress'");
    s.bind("u", user);
    while (s.step()) helped.push_back(s.int64(0));
  }
  run("UPDATE help_requests SET helper_id = NULL, status = CASE WHEN status = 'in_progress' THEN 'open' ELSE status END"
      " WHERE helper_id = :u", user);
  for (auto id : helped) {
    record(id, "reopened", 0);
    if (auto r = find_request(id)) update_card(*r);
  }
  stats_changed();
}

}  // namespace help
