#include "question.hpp"

#include <quartier/plugin.hpp>

#include "util.hpp"

namespace participation {

const char* const kQuestionColumns =
    "q.id, q.kind, q.asker_id, q.topic_id, q.department, q.title, q.body, q.neighbourhood_id, q.lat, q.lon,"
    " q.status, q.reason, q.merged_into, q.answer, q.answer_department, q.answered_at, q.supports,"
    " q.created_at, q.updated_at, t.slug, t.name_de, t.name_en, q.content_id, q.answered_by";

namespace {
std::optional<double> opt_real(const quartier::Statement& s, int i) {
  return s.is_null(i) ? std::nullopt : std::optional<double>(s.real(i));
}
}  // namespace

Question read_question(const quartier::Statement& s) {
  Question q;
  q.id = s.int64(0);
  q.kind = s.text(1);
  q.asker_id = s.int64(2);
  q.topic_id = s.int64(3);
  q.department = s.text(4);
  q.title = s.text(5);
  q.body = s.text(6);
  q.neighbourhood_id = s.optional_int64(7);
  q.lat = opt_real(s, 8);
  q.lon = opt_real(s, 9);
  q.status = s.text(10);
  q.reason = s.text(11);
  q.merged_into = s.optional_int64(12);
  q.answer = s.text(13);
  q.answer_department = s.text(14);
  q.answered_at = s.optional_int64(15);
  q.supports = s.int64(16);
  q.created_at = s.int64(17);
  q.updated_at = s.int64(18);
  q.topic_slug = s.text(19);
  q.topic_de = s.text(20);
  q.topic_en = s.text(21);
  q.content_id = s.optional_int64(22);
  q.answered_by = s.int64(23);
  return q;
}

std::optional<Question> find_question(std::int64_t id) {
  quartier::Statement s(std::string("SELECT ") + kQuestionColumns +
                        " FROM participation_questions q JOIN participation_topics t ON t.id = q.topic_id WHERE q.id = :id");
  s.bind("id", id);
  if (!s.step()) return std::nullopt;
  return read_question(s);
}

Question load_question(std::int64_t id) {
  auto q = find_question(id);
  if (!q) fail(404, "not_found", "Diese Frage gibt es nicht.", "This question does not exist.");
  return *q;
}

bool is_open(const std::string& status) {
  return status == "received" || status == "in_progress" || status == "forwarded";
}

bool is_status(const std::string& status) {
  return is_open(status) || status == "answered" || status == "merged" || status == "declined";
}

namespace {
bool has_row(const char* table, std::int64_t question, std::int64_t user) {
  quartier::Statement s(std::string("SELECT 1 FROM ") + table + " WHERE question_id = :q AND user_id = :u");
  s.bind("q", question).bind("u", user);
  return s.step();
}
}  // namespace

boost::json::object to_json(const Question& q, std::int64_t viewer, std::int64_t now) {
  Viewer v{viewer, false, false};
  if (viewer != 0) {
    v.supported = has_row("participation_supports", q.id, viewer);
    v.following = has_row("participation_follows", q.id, viewer);
  }
  StaffNames names;
  std::string text;
  write_question(text, q, v, now, names);
  return boost::json::parse(text).as_object();
}

boost::json::array history_json(std::int64_t question_id) {
  boost::json::array out;
  quartier::Statement s("SELECT status, department, note, created_at, actor_id FROM participation_history"
                        " WHERE question_id = :q ORDER BY id");
  s.bind("q", question_id);
  StaffNames names;
  while (s.step()) {
    // "received" is the asker's own step: never named here.
    const auto& name = s.text(0) == "received" ? std::optional<std::string>() : names.of(s.int64(4));
    const auto by = name ? boost::json::value(*name) : boost::json::value(nullptr);
    out.push_back(boost::json::object{{"status", s.text(0)}, {"department", s.text(1)}, {"note", s.text(2)}, {"at", s.int64(3)}, {"by", by}});
  }
  return out;
}

}  // namespace participation
