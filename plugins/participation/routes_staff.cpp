// The department's staff: their queue with age and status, status changes and official answers.
// Only staff of the department a question is routed to may change it (residents never reach
// these routes: the core refuses them before the handler runs).
#include "question.hpp"
#include "routes.hpp"
#include "util.hpp"

namespace participation {
namespace {

// The caller's department; 403 in words when they have none.
std::string my_department(const quartier::Request& req) {
  const auto me = quartier::user(req.user_id());
  if (!me || me->department.empty())
    fail(403, "no_department", "Ihrem Konto ist keine Abteilung zugeordnet; bitte die Verwaltung fragen.",
         "Your account belongs to no department; please ask the administrators.");
  return me->department;
}

void check_mine(const quartier::Request& req, const Question& q) {
  if (my_department(req) != q.department)
    fail(403, "not_your_department", "Diese Frage ist an „" + q.department + "“ gerichtet; nur deren Mitarbeitende können sie bearbeiten.",
         "This question is routed to \"" + q.department + "\"; only its staff may handle it.");
  if (!is_open(q.status))
    fail(409, "closed", "Diese Frage ist schon abgeschlossen (" + q.status + ").", "This question is closed already (" + q.status + ").");
}

bool department_known(const std::string& department) {
  quartier::Statement s("SELECT 1 FROM participation_topics WHERE department = :d");
  s.bind("d", department);
  if (s.step()) return true;
  quartier::UserQuery uq;
  uq.role = QT_ROLE_STAFF;
  uq.department = department;
  uq.limit = 1;
  return !quartier::users(uq).empty();
}

struct Change {
  std::string status, department, reason, answer;
  std::optional<std::int64_t> merged_into;
};

// One change: the row (only if nobody changed it meanwhile), its dated history entry, the notices.
void apply(const quartier::Request& req, const Question& q, const Change& c) {
  const auto now = now_ms();
  const bool answered = c.status == "answered";
  quartier::Transaction tx;
  quartier::Statement up("UPDATE participation_questions SET status = :s, department = :d, reason = :r, merged_into = :m,"
                         " answer = :a, answer_department = :ad, answered_by = :ab, answered_at = :at,"
                         " first_response_at = COALESCE(first_response_at, :now1), updated_at = :now2"
                         " WHERE id = :id AND status = :old AND department = :olddep");
  up.bind("s", c.status).bind("d", c.department).bind("r", c.reason).bind("m", c.merged_into);
  up.bind("a", answered ? c.answer : std::string()).bind("ad", answered ? c.department : std::string());
  up.bind("ab", answered ? req.user_id() : 0).bind("at", answered ? std::optional<std::int64_t>(now) : std::nullopt);
  up.bind("now1", now).bind("now2", now).bind("id", q.id).bind("old", q.status).bind("olddep", q.department);
  if (up.run() != 1)
    fail(409, "changed_meanwhile", "Die Frage wurde gerade geändert; bitte neu laden.", "The question changed meanwhile; please reload.");
  quartier::Statement h("INSERT INTO participation_history (question_id, status, department, note, actor_id, created_at)"
                        " VALUES (:q, :s, :d, :n, :a, :t)");
  h.bind("q", q.id).bind("s", c.status).bind("d", c.department).bind("n", c.reason).bind("a", req.user_id()).bind("t", now).run();
  const auto after = load_question(q.id);
  if (answered) {
    quartier::Statement link("UPDATE participation_questions SET content_id = :c WHERE id = :id");
    link.bind("c", publish_answer(after)).bind("id", q.id).run();
  }
  notify_change(after, req.user_id());
  if (c.status == "forwarded") notify_department(after);
  quartier::audit(req.user_id(), "question." + c.status, "question", q.id,
                  boost::json::serialize(boost::json::object{{"department", c.department}}));
  tx.commit();
}

Change read_change(const boost::json::object& body, const Question& q) {
  Change c;
  c.status = opt_string(body, "status", 20).value_or("");
  c.department = q.department;
  c.reason = trim(opt_string(body, "reason", 2000).value_or(""));
  if (c.status == "in_progress") {
    if (q.status == "in_progress") fail(409, "unchanged", "Die Frage ist schon in Bearbeitung.", "The question is in progress already.");
  } else if (c.status == "declined") {
    if (c.reason.empty()) fail(400, "invalid_reason", "Bitte einen Grund für die Ablehnung angeben.", "Please give a reason for declining.");
  } else if (c.status == "forwarded") {
    c.department = trim(opt_string(body, "department", 120).value_or(""));
    if (c.department.empty() || c.department == q.department || !department_known(c.department))
      fail(400, "invalid_department", "Bitte eine andere, bestehende Abteilung angeben.", "Please name another department that exists.");
  } else if (c.status == "merged") {
    c.merged_into = opt_int(body, "merged_into");
    const auto target = c.merged_into ? find_question(*c.merged_into) : std::nullopt;
    if (!target || target->id == q.id || target->status == "merged" || target->id > q.id)
      fail(400, "invalid_merged_into", "Bitte eine frühere, nicht selbst zusammengeführte Frage angeben.",
           "Please give an earlier question that is not merged itself.");
  } else if (c.status == "answered") {
    fail(400, "invalid_status", "Antworten bitte über „Antworten“ (…/answer) geben.", "Give answers through …/answer.");
  } else {
    fail(400, "invalid_status", "'status' ist in_progress, forwarded, merged oder declined.",
         "'status' is in_progress, forwarded, merged or declined.");
  }
  return c;
}

void change_status(quartier::Request& req, quartier::Response& res) {
  const auto q = load_question(req.id_param("id"));
  const auto body = body_object(req);
  allow_only(body, "status,reason,department,merged_into");
  check_mine(req, q);
  apply(req, q, read_change(body, q));
  auto out = to_json(load_question(q.id), req.user_id(), now_ms());
  out["history"] = history_json(q.id);
  send(res, out);
}

void answer(quartier::Request& req, quartier::Response& res) {
  const auto q = load_question(req.id_param("id"));
  const auto body = body_object(req);
  allow_only(body, "text");
  check_mine(req, q);
  Change c;
  c.status = "answered";
  c.department = q.department;
  c.answer = required_text(body, "text", 8000);
  apply(req, q, c);
  auto out = to_json(load_question(q.id), req.user_id(), now_ms());
  out["history"] = history_json(q.id);
  send(res, out);
}

// The open questions of a department, as the queue reads them: the partial index
// participation_questions_open (migration 0006) holds exactly these, in id order, so a page is
// one index range however many closed questions the department has.
const char* const kOpen = " AND q.status IN ('received','in_progress','forwarded')";

// Oldest first, keyset paged by id (next_after): open questions by default, or one status, or all.
void queue(quartier::Request& req, quartier::Response& res) {
  std::string department = std::string(req.query("department").value_or(""));
  if (department.empty() || req.role() < QT_ROLE_ADMIN) department = my_department(req);
  const auto status = std::string(req.query("status").value_or("open"));
  if (status != "open" && status != "all" && !is_status(status))
    fail(400, "invalid_status", "'status' ist open, all oder ein Status.", "'status' is open, all or one status.");
  const auto limit = query_int(req, "limit", 50, 1, 200);
  const auto after = query_int(req, "after", 0, 0, INT64_MAX / 2);
  std::string sql = std::string("SELECT ") + kQuestionColumns +
                    " FROM participation_questions q JOIN participation_topics t ON t.id = q.topic_id"
                    " WHERE q.department = :d AND q.id > :after";
  if (status == "open") sql += kOpen;
  else if (status != "all") sql += " AND q.status = :s";
  sql += " ORDER BY q.id LIMIT :limit";
  quartier::Statement s(sql);
  s.bind("d", department).bind("after", after).bind("limit", limit + 1);  // one more: is there a next page?
  if (status != "open" && status != "all") s.bind("s", status);
  std::vector<Question> page;
  while (s.step()) page.push_back(read_question(s));
  const bool more = static_cast<std::int64_t>(page.size()) > limit;
  if (more) page.pop_back();
  res.json("{\"department\":" + boost::json::serialize(boost::json::value(department)) +
           ",\"questions\":" + questions_json(page, 0, now_ms()) +
           ",\"next_after\":" + (more ? std::to_string(page.back().id) : std::string("null")) + "}");
}

}  // namespace

void add_staff_routes(quartier::Plugin& plugin) {
  plugin.get("/queue", quartier::Access::staff, queue);
  plugin.post("/questions/{id}/status", quartier::Access::staff, change_status);
  plugin.post("/questions/{id}/answer", quartier::Access::staff, answer);
}

}  // namespace participation
