// Residents ask a question or propose an idea; everyone signed in reads them and finds answers.
#include "question.hpp"
#include "routes.hpp"
#include "util.hpp"

namespace participation {
namespace {

struct Place {
  std::optional<std::int64_t> neighbourhood_id;
  std::optional<double> lat, lon;
};

// A place is optional; when given it must lie inside a neighbourhood's outline.
Place read_place(const boost::json::object& body) {
  Place p;
  p.lat = opt_number(body, "lat");
  p.lon = opt_number(body, "lon");
  if (!p.lat && !p.lon) return p;
  if (!p.lat || !p.lon || *p.lat < -90 || *p.lat > 90 || *p.lon < -180 || *p.lon > 180)
    fail(400, "invalid_place", "Ort: bitte Breite (lat) und Länge (lon) zusammen angeben, als Grad.",
         "Place: give latitude (lat) and longitude (lon) together, in degrees.");
  p.neighbourhood_id = quartier::neighbourhood_at(*p.lat, *p.lon);
  if (!p.neighbourhood_id)
    fail(400, "outside_neighbourhoods", "Dieser Ort liegt in keinem unserer Quartiere. Bitte einen Ort im Gebiet wählen oder keinen.",
         "This place lies in none of our neighbourhoods. Pick a place inside the area, or none.");
  return p;
}

std::pair<std::string, std::string> topic_department(std::int64_t topic_id) {
  quartier::Statement s("SELECT department, slug FROM participation_topics WHERE id = :id");
  s.bind("id", topic_id);
  if (!s.step())
    fail(400, "invalid_topic_id", "Dieses Thema gibt es nicht. Bitte eines aus der Liste wählen.",
         "This topic does not exist. Please pick one from the list.");
  return {s.text(0), s.text(1)};
}

// The first line of the text, at most 100 code points, when no title is given.
std::string title_from(const std::string& text) {
  std::string line = text.substr(0, text.find('\n'));
  std::size_t cut = 0, points = 0;
  while (cut < line.size() && points < 100) {
    ++cut;
    while (cut < line.size() && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) ++cut;
    ++points;
  }
  return trim(line.substr(0, cut));
}

void ask(quartier::Request& req, quartier::Response& res) {
  const auto body = body_object(req);
  allow_only(body, "kind,topic_id,title,text,lat,lon");
  const auto kind = opt_string(body, "kind", 20).value_or("question");
  if (kind != "question" && kind != "idea")
    fail(400, "invalid_kind", "'kind' ist 'question' (Frage) oder 'idea' (Idee).", "'kind' is 'question' or 'idea'.");
  const auto text = required_text(body, "text", 4000);
  auto title = trim(opt_string(body, "title", 140).value_or(""));
  if (title.empty()) title = title_from(text);
  const auto topic_id = opt_int(body, "topic_id");
  if (!topic_id) fail(400, "invalid_topic_id", "Bitte ein Thema wählen.", "Please pick a topic.");
  const auto [department, slug] = topic_department(*topic_id);
  const auto place = read_place(body);
  const auto now = now_ms();
  quartier::Transaction tx;
  quartier::Statement ins("INSERT INTO participation_questions (kind, asker_id, topic_id, department, title, body,"
                          " neighbourhood_id, lat, lon, status, created_at, updated_at)"
                          " VALUES (:k, :a, :t, :d, :ti, :b, :n, :lat, :lon, 'received', :now1, :now2) RETURNING id");
  ins.bind("k", kind).bind("a", req.user_id()).bind("t", *topic_id).bind("d", department).bind("ti", title).bind("b", text);
  ins.bind("n", place.neighbourhood_id).bind("lat", place.lat).bind("lon", place.lon).bind("now1", now).bind("now2", now);
  ins.step();
  const auto id = ins.int64(0);
  quartier::Statement h("INSERT INTO participation_history (question_id, status, department, actor_id, created_at)"
                        " VALUES (:q, 'received', :d, :a, :now)");
  h.bind("q", id).bind("d", department).bind("a", req.user_id()).bind("now", now).run();
  const auto q = load_question(id);
  notify_department(q);
  tx.commit();
  auto out = to_json(q, req.user_id(), now);
  out["history"] = history_json(id);
  send(res, out, 201);
}

void read_one(quartier::Request& req, quartier::Response& res) {
  const auto q = load_question(req.id_param("id"));
  auto out = to_json(q, req.user_id(), now_ms());
  out["history"] = history_json(q.id);
  // Whether the page offers the staff's forms (the server checks again on every change).
  bool may_handle = false;
  if (req.role() >= QT_ROLE_STAFF && is_open(q.status)) {
    const auto me = quartier::user(req.user_id());
    may_handle = me && !me->department.empty() && me->department == q.department;
  }
  out["may_handle"] = may_handle;
  send(res, out);
}

// Words are found whatever their case, umlauts included, the same on both databases: SQLite's
// LOWER folds only A-Z and PostgreSQL's all letters, so both sides also fold Ä, Ö and Ü.
const std::pair<const char*, const char*> kUmlauts[] = {{"Ä", "ä"}, {"Ö", "ö"}, {"Ü", "ü"}};

std::string folded(const std::string& column) {
  std::string sql = "LOWER(" + column + ")";
  for (const auto& [upper, lower] : kUmlauts) sql = "REPLACE(" + sql + ", '" + upper + "', '" + lower + "')";
  return sql;
}

std::string fold(const std::string& text) {
  std::string out;
  for (char c : text) out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  for (const auto& [upper, lower] : kUmlauts)
    for (auto at = out.find(upper); at != std::string::npos; at = out.find(upper, at)) out.replace(at, std::string_view(upper).size(), lower);
  return out;
}

// The words as a LIKE pattern that matches them literally: %, _ and the backslash escaped.
std::string like_pattern(const std::string& words) {
  std::string out;
  for (char c : words) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

// Newest first, keyset paged by id; filters by kind, status, topic, neighbourhood and words.
void list(quartier::Request& req, quartier::Response& res) {
  const auto limit = query_int(req, "limit", 20, 1, 100);
  const auto after = query_int(req, "before", 0, 0, INT64_MAX / 2);
  const auto status = std::string(req.query("status").value_or(""));
  const auto kind = std::string(req.query("kind").value_or(""));
  if (!status.empty() && !is_status(status))
    fail(400, "invalid_status", "Unbekannter Status.", "Unknown status.");
  if (!kind.empty() && kind != "question" && kind != "idea")
    fail(400, "invalid_kind", "'kind' ist 'question' oder 'idea'.", "'kind' is 'question' or 'idea'.");
  const auto words = trim(req.query("q").value_or(""));
  std::string sql = std::string("SELECT ") + kQuestionColumns +
                    " FROM participation_questions q JOIN participation_topics t ON t.id = q.topic_id WHERE 1 = 1";
  if (after > 0) sql += " AND q.id < :before";
  if (!status.empty()) sql += " AND q.status = :status";
  if (!kind.empty()) sql += " AND q.kind = :kind";
  if (req.query("topic_id")) sql += " AND q.topic_id = :topic";
  if (req.query("neighbourhood_id")) sql += " AND q.neighbourhood_id = :nb";
  if (!words.empty())
    sql += " AND (" + folded("q.title") + " LIKE :w1 ESCAPE '\\' OR " + folded("q.body") + " LIKE :w2 ESCAPE '\\' OR " +
           folded("q.answer") + " LIKE :w3 ESCAPE '\\')";
  sql += " ORDER BY q.id DESC LIMIT :limit";
  quartier::Statement s(sql);
  if (after > 0) s.bind("before", after);
  if (!status.empty()) s.bind("status", status);
  if (!kind.empty()) s.bind("kind", kind);
  if (req.query("topic_id")) s.bind("topic", query_int(req, "topic_id", 0, 1, INT64_MAX / 2));
  if (req.query("neighbourhood_id")) s.bind("nb", query_int(req, "neighbourhood_id", 0, 1, INT64_MAX / 2));
  if (!words.empty())
    for (const char* w : {"w1", "w2", "w3"}) s.bind(w, "%" + like_pattern(fold(words)) + "%");
  s.bind("limit", limit);
  std::vector<Question> page;
  while (s.step()) page.push_back(read_question(s));
  res.json("{\"questions\":" + questions_json(page, req.user_id(), now_ms()) + "}");
}

// What I asked and what I follow, newest first.
void mine(quartier::Request& req, quartier::Response& res) {
  quartier::Statement s(std::string("SELECT ") + kQuestionColumns +
                        " FROM participation_questions q JOIN participation_topics t ON t.id = q.topic_id"
                        " WHERE q.asker_id = :u1 OR q.id IN (SELECT question_id FROM participation_follows WHERE user_id = :u2)"
                        " ORDER BY q.id DESC LIMIT 200");
  s.bind("u1", req.user_id()).bind("u2", req.user_id());
  std::vector<Question> page;
  while (s.step()) page.push_back(read_question(s));
  res.json("{\"questions\":" + questions_json(page, req.user_id(), now_ms()) + "}");
}

}  // namespace

void add_question_routes(quartier::Plugin& plugin) {
  plugin.post("/questions", quartier::Access::user, ask);
  plugin.get("/questions", quartier::Access::user, list);
  plugin.get("/my-questions", quartier::Access::user, mine);
  plugin.get("/questions/{id}", quartier::Access::user, read_one);
}

}  // namespace participation
