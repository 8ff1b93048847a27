#include "question.hpp"

#include <set>

#include <boost/json.hpp>
#include <quartier/plugin.hpp>

namespace participation {

namespace {
std::string link(const Question& q) { return "/participation/questions/" + std::to_string(q.id); }

std::string status_de(const std::string& s) {
  if (s == "in_progress") return "in Bearbeitung";
  if (s == "forwarded") return "weitergeleitet";
  if (s == "answered") return "beantwortet";
  if (s == "merged") return "zusammengeführt";
  if (s == "declined") return "abgelehnt";
  return "eingegangen";
}
std::string status_en(const std::string& s) {
  if (s == "in_progress") return "in progress";
  if (s == "received") return "received";
  return s;
}
}  // namespace

void notify_department(const Question& q) {
  quartier::UserQuery uq;
  uq.role = QT_ROLE_STAFF;
  uq.department = q.department;
  uq.limit = 500;
  for (;;) {
    const auto page = quartier::users(uq);
    for (const auto& u : page) {
      quartier::Notification n;
      n.user_id = u.id;
      n.kind = "new_question";
      n.title = "Neue " + std::string(q.kind == "idea" ? "Idee" : "Frage") + " für " + q.department + ": " + q.title;
      n.title_en = "New " + std::string(q.kind == "idea" ? "idea" : "question") + " for " + q.department + ": " + q.title;
      n.link = "/participation/queue";
      quartier::notify(n);
    }
    if (page.size() < 500) break;
    uq.after_id = page.back().id;
  }
}

void notify_change(const Question& q, std::int64_t actor) {
  std::set<std::int64_t> people;
  if (q.asker_id != 0) people.insert(q.asker_id);
  quartier::Statement s("SELECT user_id FROM participation_follows WHERE question_id = :q");
  s.bind("q", q.id);
  while (s.step()) people.insert(s.int64(0));
  people.erase(actor);
  for (auto id : people) {
    quartier::Notification n;
    n.user_id = id;
    n.kind = "status";
    n.title = "„" + q.title + "“ ist jetzt " + status_de(q.status) + " (" + q.department + ")";
    n.title_en = "\"" + q.title + "\" is now " + status_en(q.status) + " (" + q.department + ")";
    n.link = link(q);
    n.actor_id = department_only() ? 0 : actor;  // the notice must not point at the person either
    quartier::notify(n);
  }
}

}  // namespace participation

namespace participation {

std::int64_t publish_answer(const Question& q) {
  quartier::Content c;
  // The city's stream, not the neighbourhood's: answers are public to every resident.
  c.container_id = quartier::city_container();
  c.author_id = quartier::system_author();  // the municipality answers, not the person
  c.kind = "answer";
  c.title = q.title;
  c.body = q.body + "\n\n" + "Antwort von " + q.answer_department + " / Answer from " + q.answer_department + ":\n" + q.answer;
  c.card_json = boost::json::serialize(boost::json::object{{"question_id", q.id}, {"department", q.answer_department}});
  c.official = 1;
  return quartier::create_content(c);
}

}  // namespace participation
