// Topics and the department each is routed to; the municipality (admins) maps them.
#include "routes.hpp"
#include "util.hpp"

namespace participation {
namespace {

boost::json::object topic_json(const quartier::Statement& s) {
  return {{"id", s.int64(0)}, {"slug", s.text(1)}, {"name_de", s.text(2)}, {"name_en", s.text(3)}, {"department", s.text(4)}};
}

boost::json::object load_topic(std::int64_t id) {
  quartier::Statement s("SELECT id, slug, name_de, name_en, department FROM participation_topics WHERE id = :id");
  s.bind("id", id);
  if (!s.step()) fail(404, "not_found", "Dieses Thema gibt es nicht.", "This topic does not exist.");
  return topic_json(s);
}

void check_slug(const std::string& slug) {
  bool ok = !slug.empty() && slug.size() <= 40 && slug[0] >= 'a' && slug[0] <= 'z';
  for (char c : slug) ok = ok && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-');
  if (!ok)
    fail(400, "invalid_slug", "'slug': Kleinbuchstaben, Ziffern und '-', mit einem Buchstaben vorn, höchstens 40 Zeichen.",
         "'slug': lower-case letters, digits and '-', starting with a letter, at most 40 characters.");
}

void list_topics(quartier::Request&, quartier::Response& res) {
  boost::json::array topics;
  quartier::Statement s("SELECT id, slug, name_de, name_en, department FROM participation_topics ORDER BY name_de, id");
  while (s.step()) topics.push_back(topic_json(s));
  send(res, boost::json::object{{"topics", std::move(topics)}});
}

void create_topic(quartier::Request& req, quartier::Response& res) {
  const auto body = body_object(req);
  allow_only(body, "slug,name_de,name_en,department");
  const auto slug = required_text(body, "slug", 40);
  check_slug(slug);
  const auto name_de = required_text(body, "name_de", 80);
  const auto name_en = trim(opt_string(body, "name_en", 80).value_or(name_de));
  const auto department = required_text(body, "department", 120);
  quartier::Statement dup("SELECT 1 FROM participation_topics WHERE slug = :s");
  dup.bind("s", slug);
  if (dup.step()) fail(409, "slug_taken", "Ein Thema mit diesem Kürzel gibt es schon.", "A topic with this slug exists already.");
  quartier::Statement ins("INSERT INTO participation_topics (slug, name_de, name_en, department, created_at)"
                          " VALUES (:s, :de, :en, :d, :t) RETURNING id");
  ins.bind("s", slug).bind("de", name_de).bind("en", name_en.empty() ? name_de : name_en).bind("d", department).bind("t", now_ms());
  ins.step();
  const auto id = ins.int64(0);
  quartier::audit(req.user_id(), "topic.created", "topic", id, boost::json::serialize(boost::json::object{{"department", department}}));
  send(res, load_topic(id), 201);
}

void update_topic(quartier::Request& req, quartier::Response& res) {
  const auto id = req.id_param("id");
  load_topic(id);
  const auto body = body_object(req);
  allow_only(body, "name_de,name_en,department");
  const auto name_de = opt_string(body, "name_de", 80);
  const auto name_en = opt_string(body, "name_en", 80);
  const auto department = opt_string(body, "department", 120);
  for (const auto* v : {&name_de, &department})
    if (*v && trim(**v).empty())
      fail(400, v == &department ? "invalid_department" : "invalid_name_de", "Darf nicht leer sein.", "Must not be empty.");
  quartier::Statement up("UPDATE participation_topics SET name_de = COALESCE(:de, name_de), name_en = COALESCE(:en, name_en),"
                         " department = COALESCE(:d, department) WHERE id = :id");
  up.bind("de", name_de ? std::optional(trim(*name_de)) : std::nullopt)
      .bind("en", name_en ? std::optional(trim(*name_en)) : std::nullopt)
      .bind("d", department ? std::optional(trim(*department)) : std::nullopt)
      .bind("id", id);
  up.run();
  if (department) quartier::audit(req.user_id(), "topic.routed", "topic", id, boost::json::serialize(boost::json::object{{"department", trim(*department)}}));
  send(res, load_topic(id));
}

}  // namespace

void add_topic_routes(quartier::Plugin& plugin) {
  plugin.get("/topics", quartier::Access::user, list_topics);
  plugin.post("/topics", quartier::Access::admin, create_topic);
  plugin.patch("/topics/{id}", quartier::Access::admin, update_topic);
}

}  // namespace participation
