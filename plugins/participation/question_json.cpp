// A question as JSON, written straight into the response text: the queue and the lists send up
// to 200 of them per request, and building a JSON tree for each (then serialising it) was most
// of the queue's CPU time. to_json parses the same text, so there is one shape only.
#include <algorithm>
#include <charconv>
#include <map>

#include "question.hpp"
#include "util.hpp"

namespace participation {

namespace {

void put_string(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  std::size_t run = 0;  // start of the stretch that needs no escaping
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s.substr(run, i - run));
    run = i + 1;
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(c));
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else {
      out += "\\u00";
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  out.append(s.substr(run));
  out.push_back('"');
}

void put_int(std::string& out, std::int64_t v) {
  char buf[24];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}

template <class T>
void put_opt(std::string& out, const std::optional<T>& v) {
  if (!v) {
    out += "null";
    return;
  }
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, *v);  // shortest form that reads back the same
  out.append(buf, r.ptr);
}

// `"key":` with the comma before every key but the first of an object.
void key(std::string& out, std::string_view k) {
  if (out.back() != '{') out.push_back(',');
  out.push_back('"');
  out.append(k);
  out += "\":";
}

// One member: `"key":value`.
void field(std::string& out, std::string_view k, std::string_view v) {
  key(out, k);
  put_string(out, v);
}
void field(std::string& out, std::string_view k, std::int64_t v) {
  key(out, k);
  put_int(out, v);
}
void field(std::string& out, std::string_view k, bool v) {
  key(out, k);
  out += v ? "true" : "false";
}
void field(std::string& out, std::string_view k, const char* v) = delete;  // would pick bool
template <class T>
void field(std::string& out, std::string_view k, const std::optional<T>& v) {
  key(out, k);
  put_opt(out, v);
}

void put_answer(std::string& out, const Question& q, StaffNames& names) {
  if (q.status != "answered") {
    out += "null";
    return;
  }
  out.push_back('{');
  field(out, "text", q.answer);
  field(out, "department", q.answer_department);
  field(out, "official", true);
  field(out, "answered_at", q.answered_at);
  field(out, "content_id", q.content_id);
  key(out, "by");
  if (const auto& by = names.of(q.answered_by)) put_string(out, *by);
  else out += "null";
  out.push_back('}');
}

// The viewer's own rows among the ids [lo, hi] of a page: one query instead of one per question.
std::vector<std::int64_t> viewer_rows(const char* table, std::int64_t viewer, std::int64_t lo, std::int64_t hi) {
  std::vector<std::int64_t> ids;
  quartier::Statement s(std::string("SELECT question_id FROM ") + table +
                        " WHERE user_id = :u AND question_id >= :lo AND question_id <= :hi");
  s.bind("u", viewer).bind("lo", lo).bind("hi", hi);
  while (s.step()) ids.push_back(s.int64(0));
  return ids;
}

bool has(const std::vector<std::int64_t>& ids, std::int64_t id) { return std::find(ids.begin(), ids.end(), id) != ids.end(); }

}  // namespace

StaffNames::StaffNames() : department_only_(department_only()) {}

const std::optional<std::string>& StaffNames::of(std::int64_t staff_id) {
  static const std::optional<std::string> none;
  if (staff_id == 0 || department_only_) return none;
  const auto found = names_.find(staff_id);
  if (found != names_.end()) return found->second;
  std::optional<std::string> name;
  const auto u = quartier::user(staff_id);
  if (u && u->role >= QT_ROLE_STAFF) name = u->display_name;  // erased, or not staff (the asker): none
  return names_.emplace(staff_id, std::move(name)).first->second;
}

void write_question(std::string& out, const Question& q, const Viewer& v, std::int64_t now, StaffNames& names) {
  out.push_back('{');
  field(out, "id", q.id);
  field(out, "kind", q.kind);
  field(out, "title", q.title);
  field(out, "body", q.body);
  key(out, "topic");
  out.push_back('{');
  field(out, "id", q.topic_id);
  field(out, "slug", q.topic_slug);
  field(out, "name_de", q.topic_de);
  field(out, "name_en", q.topic_en);
  out.push_back('}');
  field(out, "department", q.department);
  field(out, "neighbourhood_id", q.neighbourhood_id);
  field(out, "lat", q.lat);
  field(out, "lon", q.lon);
  field(out, "status", q.status);
  field(out, "reason", q.reason);
  field(out, "merged_into", q.merged_into);
  field(out, "supports", q.supports);
  field(out, "created_at", q.created_at);
  field(out, "updated_at", q.updated_at);
  field(out, "age_days", (now - q.created_at) / 86400000);
  field(out, "mine", v.id != 0 && v.id == q.asker_id);
  key(out, "answer");
  put_answer(out, q, names);
  field(out, "supported", v.supported);
  field(out, "following", v.following);
  out.push_back('}');
}

std::string questions_json(const std::vector<Question>& page, std::int64_t viewer, std::int64_t now) {
  std::vector<std::int64_t> supported, following;
  if (viewer != 0 && !page.empty()) {
    const auto [lo, hi] = std::minmax_element(page.begin(), page.end(), [](const Question& a, const Question& b) { return a.id < b.id; });
    supported = viewer_rows("participation_supports", viewer, lo->id, hi->id);
    following = viewer_rows("participation_follows", viewer, lo->id, hi->id);
  }
  StaffNames names;
  std::string out = "[";
  out.reserve(page.size() * 640);
  for (const auto& q : page) {
    if (out.size() > 1) out.push_back(',');
    write_question(out, q, Viewer{viewer, has(supported, q.id), has(following, q.id)}, now, names);
  }
  out.push_back(']');
  return out;
}

}  // namespace participation
