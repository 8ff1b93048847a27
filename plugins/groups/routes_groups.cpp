// Directory (search, filters, my groups, suggestions), creating a group, its page, settings and
// deletion after confirmation.
#include <map>
#include <set>

#include "group.hpp"
#include "routes.hpp"
#include "token.hpp"
#include "util.hpp"

namespace groups {
namespace {

using quartier::Access;
using quartier::HttpError;
using quartier::Request;
using quartier::Response;
using quartier::Statement;

std::string like_pattern(std::string_view q) {
  std::string out = "%";
  for (char c : q) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += (u >= 'A' && u <= 'Z') ? static_cast<char>(u - 'A' + 'a') : c;
  }
  return out + "%";
}

std::set<std::int64_t> my_container_roles(std::int64_t user, std::map<std::int64_t, int>* roles = nullptr) {
  std::set<std::int64_t> out;
  for (const auto& m : quartier::member_containers(user)) {
    out.insert(m.container_id);
    if (roles) (*roles)[m.container_id] = m.role;
  }
  return out;
}

boost::json::array list_json(const std::vector<Group>& gs, const std::map<std::int64_t, int>& roles) {
  boost::json::array arr;
  for (const auto& g : gs) {
    auto o = to_json(g);
    auto it = roles.find(g.container_id);
    o["my_role"] = it == roles.end() ? boost::json::value(nullptr) : boost::json::value(role_name(it->second));
    arr.push_back(std::move(o));
  }
  return arr;
}

// GET /groups?q=&neighbourhood_id=&category=&limit=&offset=
// Lists public and private groups (hidden ones never); neighbourhood_id=0 means city-wide only.
void directory(Request& req, Response& res) {
  const auto q = trim(req.query("q").value_or(""));
  if (q.size() > 100) throw HttpError(400, "invalid_q", "Die Suche darf höchstens 100 Zeichen haben. / The search may have at most 100 characters.");
  const auto category = std::string(req.query("category").value_or(""));
  if (!category.empty() && !valid_category(category))
    throw HttpError(400, "invalid_category", "Unbekannte Kategorie. / Unknown category.");
  const bool has_nb = req.query("neighbourhood_id").has_value() && !req.query("neighbourhood_id")->empty();
  const auto nb = query_int(req, "neighbourhood_id", 0, 0, INT64_MAX);
  const auto limit = query_int(req, "limit", 50, 1, 100);
  const auto offset = query_int(req, "offset", 0, 0, 10000);

  std::string sql = std::string("SELECT ") + kGroupCols + " FROM groups_groups WHERE visibility IN ('public', 'private')";
  if (!q.empty()) sql += " AND (LOWER(name) LIKE :q1 ESCAPE '\\' OR LOWER(description) LIKE :q2 ESCAPE '\\')";
  if (!category.empty()) sql += " AND category = :cat";
  if (has_nb) sql += nb == 0 ? " AND neighbourhood_id IS NULL" : " AND neighbourhood_id = :nb";
  sql += " ORDER BY LOWER(name), id LIMIT :lim OFFSET :off";
  Statement s(sql);
  if (!q.empty()) {
    const auto p = like_pattern(q);
    s.bind("q1", p).bind("q2", p);
  }
  if (!category.empty()) s.bind("cat", category);
  if (has_nb && nb != 0) s.bind("nb", nb);
  s.bind("lim", limit).bind("off", offset);
  std::vector<Group> gs;
  while (s.step()) gs.push_back(read_group(s));

  std::map<std::int64_t, int> roles;
  my_container_roles(req.user_id(), &roles);
  send(res, boost::json::object{{"groups", list_json(gs, roles)}, {"limit", limit}, {"offset", offset}});
}

// GET /groups/mine: every group I am an active member of, hidden ones included.
void mine(Request& req, Response& res) {
  std::map<std::int64_t, int> roles;
  auto ids = my_container_roles(req.user_id(), &roles);
  auto gs = find_by_containers({ids.begin(), ids.end()});
  // Pending join requests, so the page can say "waiting for approval".
  boost::json::array pending;
  Statement s(std::string("SELECT g.slug, g.name, r.created_at FROM groups_requests r JOIN groups_groups g ON g.id = r.group_id"
                          " WHERE r.user_id = :u ORDER BY r.created_at"));
  s.bind("u", req.user_id());
  while (s.step()) pending.push_back(boost::json::object{{"slug", s.text(0)}, {"name", s.text(1)}, {"requested_at", s.int64(2)}});
  send(res, boost::json::object{{"groups", list_json(gs, roles)}, {"requests", std::move(pending)}});
}

// GET /groups/suggestions: listed groups of my neighbourhood (city-wide ones if I chose none)
// that I have not joined, newest first.
void suggestions(Request& req, Response& res) {
  auto me = quartier::user(req.user_id());
  const std::int64_t nb = me ? me->neighbourhood_id : 0;
  auto mine_ids = my_container_roles(req.user_id());
  std::string sql = std::string("SELECT ") + kGroupCols +
                    " FROM groups_groups WHERE visibility IN ('public', 'private') AND " +
                    (nb != 0 ? "neighbourhood_id = :nb" : "neighbourhood_id IS NULL") +
                    " ORDER BY created_at DESC, id DESC LIMIT 60";
  Statement s(sql);
  if (nb != 0) s.bind("nb", nb);
  std::vector<Group> gs;
  while (s.step() && gs.size() < 10) {
    auto g = read_group(s);
    if (!mine_ids.count(g.container_id)) gs.push_back(std::move(g));
  }
  send(res, boost::json::object{{"groups", list_json(gs, {})},
                                {"neighbourhood_id", nb != 0 ? boost::json::value(nb) : boost::json::value(nullptr)}});
}

// Addresses of other servers are refused: the Content-Security-Policy would block them (and
// they would tell another server who looks at the group). Pictures are uploaded instead
// (PUT /groups/{slug}/picture, routes_picture.cpp).
std::string validate_image(const std::string& image) {
  if (image.empty()) return image;
  const bool ok = image.rfind("/", 0) == 0 && image.rfind("//", 0) != 0;
  if (!ok || image.find_first_of(" \"'<>\\") != std::string::npos)
    throw HttpError(400, "invalid_image",
                    "Bilder von anderen Servern kann Quartier nicht zeigen. Bitte laden Sie das Gruppenbild hoch "
                    "(Einstellungen der Gruppe). / Pictures from other servers cannot be shown; please upload the "
                    "group picture in the group's settings.");
  return image;
}

void check_category_right(const std::string& category, const Request& req) {
  if (category == "verwaltung" && req.role() < QT_ROLE_STAFF)
    throw HttpError(403, "forbidden",
                    "Gruppen der Kategorie Verwaltung legen nur Verwaltungsmitarbeitende an. / Only administration "
                    "staff may create groups of the category Verwaltung.");
}

[[noreturn]] void bad_neighbourhood() {
  throw HttpError(400, "invalid_neighbourhood_id", "Dieses Quartier gibt es nicht. / This neighbourhood does not exist.");
}

// The neighbourhood the body names (0 or absent = city-wide), asked of the core's view.
std::optional<std::int64_t> neighbourhood_of(const boost::json::object& o) {
  auto nb = opt_int(o, "neighbourhood_id");
  if (nb && *nb < 0) throw HttpError(400, "invalid_neighbourhood_id", "Unbekanntes Quartier. / Unknown neighbourhood.");
  if (nb && *nb == 0) return std::nullopt;
  if (nb && !quartier::neighbourhood(*nb)) bad_neighbourhood();
  return nb;
}

bool slug_taken(const std::string& slug) {
  Statement s("SELECT 1 FROM groups_groups WHERE slug = :slug");
  s.bind("slug", slug);
  return s.step();
}

// Words the routes use next to {slug}.
bool reserved_slug(const std::string& slug) { return slug == "mine" || slug == "suggestions"; }

// A hidden group's address ends in ten random hex digits: nobody can guess it, and it never takes
// a readable address, so a non-member who tries the same name learns nothing from a 409 or a
// "-2" suffix.
std::string hidden_slug(const std::string& readable) {
  std::string base = readable.substr(0, 64 - 11);
  while (!base.empty() && base.back() == '-') base.pop_back();
  return base + "-" + new_token().substr(0, 10);
}

// POST /groups {name, slug?, description?, image?, neighbourhood_id?, category, visibility}
void create(Request& req, Response& res) {
  auto o = body_object(req);
  auto name = trim(opt_string(o, "name", 480).value_or(""));
  if (name.empty()) throw HttpError(400, "invalid_name", "Bitte einen Namen angeben. / Please give the group a name.");
  name = quartier::clean_name(name, 1, 120, "invalid_name");
  const auto description = trim(opt_string(o, "description", 4000).value_or(""));
  const auto image = validate_image(trim(opt_string(o, "image", 500).value_or("")));
  const auto category = opt_string(o, "category", 40).value_or("other");
  if (!valid_category(category))
    throw HttpError(400, "invalid_category",
                    "Kategorie: verein, initiative, schule, nachbarschaft, verwaltung oder other. / Category must be "
                    "verein, initiative, schule, nachbarschaft, verwaltung or other.");
  check_category_right(category, req);
  const auto visibility = opt_string(o, "visibility", 20).value_or("public");
  if (!valid_visibility(visibility))
    throw HttpError(400, "invalid_visibility",
                    "Sichtbarkeit: public, private oder hidden. / Visibility must be public, private or hidden.");
  const auto nb = neighbourhood_of(o);

  std::string slug;
  if (auto given = opt_string(o, "slug", 64)) {
    slug = *given;
    if (!valid_slug(slug))
      throw HttpError(400, "invalid_slug",
                      "Die Adresse (slug) besteht aus 2 bis 64 Kleinbuchstaben, Ziffern und Bindestrichen. / The slug "
                      "has 2 to 64 lower-case letters, digits and hyphens.");
    if (reserved_slug(slug) || slug_taken(slug))
      throw HttpError(409, "slug_taken", "Diese Adresse ist schon vergeben; bitte eine andere wählen. / This slug is taken; choose another.");
  } else {
    auto base = slug_from_name(name);
    if (base.size() < 2) base = "gruppe" + (base.empty() ? std::string() : "-" + base);
    slug = base;
    for (int n = 2; reserved_slug(slug) || slug_taken(slug); ++n) slug = base + "-" + std::to_string(n);
  }
  if (visibility == "hidden") slug = hidden_slug(slug);

  const auto t = now_ms();
  quartier::Transaction tx;
  quartier::ContainerInfo info;
  info.kind = "group";
  info.name = name;
  info.description = description;
  info.visibility = container_visibility(visibility);
  info.owner_id = req.user_id();
  info.neighbourhood_id = nb.value_or(0);
  const std::int64_t container = quartier::create_container(info);
  Statement ins("INSERT INTO groups_groups (container_id, slug, name, description, image, neighbourhood_id, category,"
                " visibility, created_by, created_at, updated_at) VALUES (:c, :slug, :name, :d, :img, :nb, :cat, :vis,"
                " :by, :t1, :t2) RETURNING id");
  ins.bind("c", container).bind("slug", slug).bind("name", name).bind("d", description).bind("img", image);
  ins.bind("nb", nb).bind("cat", category).bind("vis", visibility).bind("by", req.user_id());
  ins.bind("t1", t).bind("t2", t);
  ins.step();
  const auto id = ins.int64(0);
  tx.commit();
  auto g = find_by_id(id);
  Caller c{req.user_id(), req.role(), QT_MEMBER_OWNER};
  quartier::publish("groups.created", boost::json::serialize(boost::json::object{{"id", id}, {"container_id", container}}));
  send(res, to_json(*g, c, true), 201);
}

// GET /groups/{slug}
void show(Request& req, Response& res) {
  auto f = load_visible(req);
  auto o = to_json(f.group, f.caller, true);
  Statement s("SELECT 1 FROM groups_requests WHERE group_id = :g AND user_id = :u");
  s.bind("g", f.group.id).bind("u", req.user_id());
  o["my_request"] = s.step();
  Statement inv("SELECT id FROM groups_invitations WHERE group_id = :g AND invitee_id = :u");
  inv.bind("g", f.group.id).bind("u", req.user_id());
  o["my_invitation"] = inv.step() ? boost::json::value(inv.int64(0)) : boost::json::value(nullptr);
  send(res, o);
}

// PATCH /groups/{slug}: owners and moderators edit the details; only owners change visibility.
void update(Request& req, Response& res) {
  auto f = load_visible(req);
  require_manager(f.caller);
  auto o = body_object(req);
  Group g = f.group;
  if (auto v = opt_string(o, "name", 480)) {
    g.name = trim(*v);
    if (g.name.empty()) throw HttpError(400, "invalid_name", "Bitte einen Namen angeben. / Please give the group a name.");
    g.name = quartier::clean_name(g.name, 1, 120, "invalid_name");
  }
  if (auto v = opt_string(o, "description", 4000)) g.description = trim(*v);
  if (auto v = opt_string(o, "image", 500)) g.image = validate_image(trim(*v));
  if (auto v = opt_string(o, "category", 40)) {
    if (!valid_category(*v)) throw HttpError(400, "invalid_category", "Unbekannte Kategorie. / Unknown category.");
    if (*v != g.category) check_category_right(*v, req);
    g.category = *v;
  }
  if (o.contains("neighbourhood_id")) g.neighbourhood_id = neighbourhood_of(o);
  if (auto v = opt_string(o, "visibility", 20)) {
    if (!valid_visibility(*v))
      throw HttpError(400, "invalid_visibility", "Sichtbarkeit: public, private oder hidden. / Visibility must be public, private or hidden.");
    if (*v != g.visibility) require_owner(f.caller);
    // Going hidden takes the group off its readable address (members find it under "mine").
    if (*v == "hidden" && g.visibility != "hidden") g.slug = hidden_slug(g.slug);
    g.visibility = *v;
  }
  quartier::Transaction tx;
  quartier::ContainerInfo info;
  info.name = g.name;
  info.description = g.description;
  info.visibility = container_visibility(g.visibility);
  info.neighbourhood_id = g.neighbourhood_id.value_or(0);
  quartier::update_container(g.container_id, info);
  Statement up("UPDATE groups_groups SET name = :name, slug = :slug, description = :d, image = :img, category = :cat,"
               " visibility = :vis, neighbourhood_id = :nb, updated_at = :t WHERE id = :id");
  up.bind("name", g.name).bind("slug", g.slug).bind("d", g.description).bind("img", g.image).bind("cat", g.category);
  up.bind("vis", g.visibility).bind("nb", g.neighbourhood_id).bind("t", now_ms()).bind("id", g.id);
  up.run();
  tx.commit();
  send(res, to_json(*find_by_id(g.id), f.caller, true));
}

// DELETE /groups/{slug} {"confirm": "<slug>"}: owners (or admins) delete the group with all its
// content; the slug in the body is the confirmation that they mean it.
void remove(Request& req, Response& res) {
  auto f = load_visible(req);
  require_owner(f.caller);
  auto o = body_object(req);
  if (opt_string(o, "confirm", 64).value_or("") != f.group.slug)
    throw HttpError(400, "confirmation_required",
                    "Zum Löschen die Adresse der Gruppe als {\"confirm\": \"" + f.group.slug +
                        "\"} mitschicken: alle Beiträge der Gruppe werden gelöscht. / To delete, send the group's slug "
                        "as {\"confirm\": \"" + f.group.slug + "\"}: all of the group's content is deleted.");
  quartier::Transaction tx;
  quartier::delete_container(f.group.container_id);
  Statement del("DELETE FROM groups_groups WHERE id = :id");
  del.bind("id", f.group.id);
  del.run();
  tx.commit();
  drop_picture(f.group.picture_key);
  quartier::log_info("group " + std::to_string(f.group.id) + " deleted by user " + std::to_string(req.user_id()));
  quartier::publish("groups.deleted", boost::json::serialize(boost::json::object{{"id", f.group.id}, {"container_id", f.group.container_id}}));
  res.status(204);
}

}  // namespace

void add_group_routes(quartier::Plugin& plugin) {
  plugin.get("/groups", Access::user, directory);
  plugin.get("/groups/mine", Access::user, mine);
  plugin.get("/groups/suggestions", Access::user, suggestions);
  plugin.post("/groups", Access::user, create);
  plugin.get("/groups/{slug}", Access::user, show);
  plugin.patch("/groups/{slug}", Access::user, update);
  plugin.del("/groups/{slug}", Access::user, remove);
}

}  // namespace groups
