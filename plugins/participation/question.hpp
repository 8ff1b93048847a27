#pragma once
// A question or idea as stored, its history, and how it is shown.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <boost/json.hpp>
#include <quartier/plugin.hpp>

namespace participation {

struct Question {
  std::int64_t id = 0, asker_id = 0, topic_id = 0, answered_by = 0;
  std::string kind, department, title, body, status, reason, answer, answer_department;
  std::string topic_slug, topic_de, topic_en;
  std::optional<std::int64_t> neighbourhood_id, merged_into, answered_at, content_id;
  std::optional<double> lat, lon;
  std::int64_t supports = 0, created_at = 0, updated_at = 0;
};

// The columns every query selects, in the order read_question expects (q = questions, t = topics).
extern const char* const kQuestionColumns;
Question read_question(const quartier::Statement& s);
std::optional<Question> find_question(std::int64_t id);
// 404 in words when it does not exist.
Question load_question(std::int64_t id);

bool is_open(const std::string& status);   // received, in_progress, forwarded
bool is_status(const std::string& status);  // one of the six

// The names shown for staff within one response, each looked up once (staff_names.cpp decides).
class StaffNames {
 public:
  StaffNames();
  // The staff member's display name, or none: department only, erased, or not staff.
  const std::optional<std::string>& of(std::int64_t staff_id);

 private:
  bool department_only_;
  std::map<std::int64_t, std::optional<std::string>> names_;
};

// Who looks: `mine` for the asker, `supported`/`following` for the viewer's own rows.
struct Viewer {
  std::int64_t id = 0;
  bool supported = false, following = false;
};

// question_json.cpp: the one JSON shape of a question, appended to `out`.
void write_question(std::string& out, const Question& q, const Viewer& v, std::int64_t now, StaffNames& names);
// A page of questions as a JSON array, with the viewer's supports and follows (two queries).
std::string questions_json(const std::vector<Question>& page, std::int64_t viewer, std::int64_t now);
// The same shape as an object, for single questions that get more members (history).
boost::json::object to_json(const Question& q, std::int64_t viewer, std::int64_t now);
// The dated status changes, oldest first.
boost::json::array history_json(std::int64_t question_id);

// staff_names.cpp: the setting answers_department_only, read when shown (StaffNames names the
// staff member unless the municipality shows the department only).
void declare_answer_settings(quartier::Plugin& plugin);
bool department_only();

// notify.cpp: who is told what: the department's staff of a new question, the asker and the
// followers of every status change (titles in German and English, the core picks per person).
void notify_department(const Question& q);
void notify_change(const Question& q, std::int64_t actor);
// An answer becomes an official item of the municipality in the city's stream, so every
// resident's search finds it; returns the item's id.
std::int64_t publish_answer(const Question& q);

}  // namespace participation
