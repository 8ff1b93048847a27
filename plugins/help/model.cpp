#include "model.hpp"

#include <array>

#include "coordination.hpp"

namespace help {
namespace {

struct Category {
  const char* key;
  const char* de;
  const char* en;
};
constexpr std::array<Category, 11> kCategories{{
    {"shopping", "Einkaufen", "Shopping"},
    {"errands", "Besorgungen", "Errands"},
    {"mobility", "Mobilität", "Mobility"},
    {"care", "Begleitung und Gesellschaft", "Care and company"},
    {"childcare", "Kinderbetreuung", "Childcare"},
    {"tutoring", "Nachhilfe", "Tutoring"},
    {"repairs", "Reparaturen", "Repairs"},
    {"garden", "Garten", "Garden"},
    {"translation", "Übersetzen", "Translation"},
    {"digital", "Digitale Hilfe", "Digital help"},
    {"other", "Sonstiges", "Other"},
}};

const Category* category(std::string_view c) {
  for (const auto& k : kCategories)
    if (c == k.key) return &k;
  return nullptr;
}

}  // namespace

bool valid_category(std::string_view c) { return category(c) != nullptr; }
std::string category_de(std::string_view c) { return category(c) ? category(c)->de : std::string(c); }
std::string category_en(std::string_view c) { return category(c) ? category(c)->en : std::string(c); }
std::string category_list() {
  std::string out;
  for (const auto& k : kCategories) out += (out.empty() ? "" : ", ") + std::string(k.key);
  return out;
}

Request read_request(const quartier::Statement& s) {
  Request r;
  r.id = s.int64(0);
  r.content_id = s.int64(1);
  r.asker_id = s.int64(2);
  r.neighbourhood_id = s.int64(3);
  r.category = s.text(4);
  r.text = s.text(5);
  r.when_kind = s.text(6);
  r.urgency = s.text(7);
  r.status = s.text(8);
  r.due_at = s.optional_int64(9);
  r.helper_id = s.optional_int64(10);
  r.closed_at = s.optional_int64(11);
  r.risk_group = s.int64(12) != 0;
  r.created_at = s.int64(13);
  r.updated_at = s.int64(14);
  return r;
}

std::optional<Request> find_request(std::int64_t id) {
  quartier::Statement s(std::string("SELECT ") + kRequestCols + " FROM help_requests WHERE id = :id");
  s.bind("id", id);
  if (!s.step()) return std::nullopt;
  return read_request(s);
}

Request load_request(std::int64_t id) {
  auto r = find_request(id);
  if (!r) throw quartier::HttpError(404, "not_found", "Diese Anfrage gibt es nicht (mehr). / This request does not exist (any more).");
  return *r;
}

namespace {
bool has_row(const char* sql, std::int64_t request, std::int64_t user) {
  quartier::Statement s(sql);
  s.bind("r", request).bind("u", user);
  return s.step();
}
}  // namespace

Relation relation_of(const Request& r, std::int64_t user, int role) {
  Relation rel;
  rel.asker = user == r.asker_id;
  rel.helper = r.helper_id && *r.helper_id == user;
  rel.staff = role >= QT_ROLE_STAFF;
  rel.matched = !rel.asker && has_row("SELECT 1 FROM help_matches WHERE request_id = :r AND helper_id = :u", r.id, user);
  rel.responded = !rel.asker && has_row("SELECT 1 FROM help_responses WHERE request_id = :r AND helper_id = :u", r.id, user);
  rel.coordinator = !rel.asker && coordinating_group(user, r.neighbourhood_id).has_value();
  rel.sees_risk = rel.asker || rel.helper || rel.matched;  // not the coordinator: the mark never leaves the match
  rel.may_read = rel.asker || rel.helper || rel.matched || rel.responded || rel.staff || rel.coordinator ||
                 quartier::can_read_content(user, r.content_id);
  return rel;
}

namespace {
boost::json::value opt(const std::optional<std::int64_t>& v) {
  return v ? boost::json::value(*v) : boost::json::value(nullptr);
}
}  // namespace

boost::json::object to_json(const Request& r, const Relation& rel, std::string_view lang) {
  boost::json::object o{{"id", r.id},
                        {"content_id", r.content_id},
                        {"category", r.category},
                        {"category_name", lang == "en" ? category_en(r.category) : category_de(r.category)},
                        {"text", r.text},
                        {"when", r.when_kind},
                        {"due_at", opt(r.due_at)},
                        {"neighbourhood_id", r.neighbourhood_id},
                        {"urgency", r.urgency},
                        {"status", r.status},
                        {"created_at", r.created_at},
                        {"closed_at", opt(r.closed_at)},
                        {"mine", rel.asker},
                        {"i_help", rel.helper},
                        {"i_responded", rel.responded},
                        {"i_coordinate", rel.coordinator},
                        {"safety_note", safety_note(lang)}};
  auto asker = quartier::user(r.asker_id);
  o["asker"] = boost::json::object{{"id", r.asker_id}, {"display_name", asker ? asker->display_name : std::string()}};
  if (r.helper_id) {
    auto h = quartier::user(*r.helper_id);
    o["helper"] = boost::json::object{{"id", *r.helper_id}, {"display_name", h ? h->display_name : std::string()}};
  } else {
    o["helper"] = nullptr;
  }
  if (rel.sees_risk) o["risk_group"] = r.risk_group;
  return o;
}

std::string card_json(const Request& r, std::int64_t responses) {
  boost::json::object o{{"request_id", r.id},   {"status", r.status},        {"category", r.category},
                        {"when", r.when_kind},  {"due_at", opt(r.due_at)},   {"urgency", r.urgency},
                        {"neighbourhood_id", r.neighbourhood_id}, {"responses", responses}};
  return boost::json::serialize(o);
}

std::string safety_note(std::string_view lang) {
  if (lang == "en")
    return "Never pay money in advance, meet in a public place the first time, and never share bank details or "
           "passwords. Something seems wrong? Report it.";
  return "Nie Geld im Voraus zahlen, sich beim ersten Mal an einem öffentlichen Ort treffen und keine Bankdaten "
         "oder Passwörter weitergeben. Kommt Ihnen etwas seltsam vor? Melden Sie es.";
}

std::int64_t count_responses(std::int64_t request_id) {
  quartier::Statement s("SELECT COUNT(*) FROM help_responses WHERE request_id = :r");
  s.bind("r", request_id);
  s.step();
  return s.int64(0);
}

}  // namespace help
