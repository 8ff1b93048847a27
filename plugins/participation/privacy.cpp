#include "routes.hpp"

#include <boost/json.hpp>
#include <quartier/plugin.hpp>

#include "question.hpp"

namespace participation {

namespace {
boost::json::array question_ids(const char* table, std::int64_t user) {
  boost::json::array out;
  quartier::Statement s(std::string("SELECT x.question_id, q.title, x.created_at FROM ") + table +
                        " x JOIN participation_questions q ON q.id = x.question_id WHERE x.user_id = :u ORDER BY x.question_id");
  s.bind("u", user);
  while (s.step()) out.push_back(boost::json::object{{"question_id", s.int64(0)}, {"title", s.text(1)}, {"at", s.int64(2)}});
  return out;
}
boost::json::array project_follows(std::int64_t user) {
  boost::json::array out;
  quartier::Statement s("SELECT p.id, p.title, f.created_at FROM participation_project_follows f"
                        " JOIN participation_projects p ON p.id = f.project_id WHERE f.user_id = :u ORDER BY p.id");
  s.bind("u", user);
  while (s.step()) out.push_back(boost::json::object{{"project_id", s.int64(0)}, {"title", s.text(1)}, {"at", s.int64(2)}});
  return out;
}
}  // namespace

std::string export_person(std::int64_t user) {
  boost::json::array asked;
  quartier::Statement s(std::string("SELECT ") + kQuestionColumns +
                        " FROM participation_questions q JOIN participation_topics t ON t.id = q.topic_id"
                        " WHERE q.asker_id = :u ORDER BY q.id");
  s.bind("u", user);
  while (s.step()) {
    const auto q = read_question(s);
    auto o = to_json(q, user, q.updated_at);
    o.erase("age_days");
    o["history"] = history_json(q.id);
    asked.push_back(std::move(o));
  }
  boost::json::object out{{"questions", std::move(asked)},
                          {"supports", question_ids("participation_supports", user)},
                          {"follows", question_ids("participation_follows", user)},
                          {"project_follows", project_follows(user)}};
  return boost::json::serialize(out);
}

void erase_person(std::int64_t user) {
  // Supports leave the count with the person.
  quartier::Statement dec("UPDATE participation_questions SET supports = supports - 1 WHERE supports > 0 AND id IN"
                          " (SELECT question_id FROM participation_supports WHERE user_id = :u)");
  dec.bind("u", user).run();
  for (const char* sql : {"DELETE FROM participation_supports WHERE user_id = :u",
                          "DELETE FROM participation_follows WHERE user_id = :u",
                          "DELETE FROM participation_project_follows WHERE user_id = :u",
                          "DELETE FROM participation_questions WHERE asker_id = :u AND status <> 'answered'",
                          "UPDATE participation_questions SET asker_id = 0 WHERE asker_id = :u",
                          "UPDATE participation_questions SET answered_by = 0 WHERE answered_by = :u",
                          "UPDATE participation_history SET actor_id = 0 WHERE actor_id = :u"}) {
    quartier::Statement st(sql);
    st.bind("u", user).run();
  }
}

}  // namespace participation
