// Projects from meinBerlin as cards, and the bridge's state for administrators.
#include <set>

#include "importer.hpp"
#include "routes.hpp"
#include "util.hpp"

namespace participation {
namespace {

boost::json::value opt_int(const quartier::Statement& s, int i) { return s.is_null(i) ? boost::json::value(nullptr) : boost::json::value(s.int64(i)); }
boost::json::value opt_real(const quartier::Statement& s, int i) { return s.is_null(i) ? boost::json::value(nullptr) : boost::json::value(s.real(i)); }

boost::json::object project_json(const quartier::Statement& s) {
  return {{"id", s.int64(0)}, {"source", s.text(1)}, {"kind", s.text(2)}, {"title", s.text(3)}, {"description", s.text(4)},
          {"organisation", s.text(5)}, {"district", s.text(6)}, {"phase", s.text(7)}, {"active", s.int64(8) != 0},
          {"end_at", opt_int(s, 9)}, {"url", s.text(10)}, {"image", s.text(11)}, {"image_alt", s.text(12)},
          {"image_copyright", s.text(13)}, {"lat", opt_real(s, 14)}, {"lon", opt_real(s, 15)},
          {"neighbourhood_id", opt_int(s, 16)}, {"listed", s.int64(17) != 0}, {"updated_at", s.int64(18)},
          {"content_id", opt_int(s, 19)}};
}

// A neighbourhood's projects first, then the city-wide ones (no point, or outside every outline).
void list_projects(quartier::Request& req, quartier::Response& res) {
  const auto nb = query_int(req, "neighbourhood_id", 0, 0, INT64_MAX / 2);
  const bool all = req.query("include_unlisted").value_or("") == "true";
  std::string sql = "SELECT id, source, kind, title, description, organisation, district, phase, active, end_at, url, image,"
                    " image_alt, image_copyright, lat, lon, neighbourhood_id, listed, updated_at, content_id FROM participation_projects"
                    " WHERE 1 = 1";
  if (!all) sql += " AND listed = 1";
  if (nb > 0) sql += " AND (neighbourhood_id = :nb OR neighbourhood_id IS NULL)";
  sql += nb > 0 ? " ORDER BY CASE WHEN neighbourhood_id IS NULL THEN 1 ELSE 0 END, title, id" : " ORDER BY title, id";
  sql += " LIMIT :limit";
  quartier::Statement s(sql);
  if (nb > 0) s.bind("nb", nb);
  s.bind("limit", query_int(req, "limit", 100, 1, 500));
  std::set<std::int64_t> followed;
  {
    quartier::Statement f("SELECT project_id FROM participation_project_follows WHERE user_id = :u");
    f.bind("u", req.user_id());
    while (f.step()) followed.insert(f.int64(0));
  }
  boost::json::array items;
  while (s.step()) {
    auto o = project_json(s);
    o["following"] = followed.count(s.int64(0)) > 0;
    items.push_back(std::move(o));
  }
  send(res, boost::json::object{{"projects", std::move(items)}});
}

void status(quartier::Request&, quartier::Response& res) {
  const auto cfg = meinberlin_settings();
  boost::json::object o{{"enabled", cfg.enabled}, {"url", cfg.url}, {"interval_minutes", cfg.interval_minutes},
                        {"last_attempt_at", nullptr}, {"last_success_at", nullptr}, {"last_error", ""},
                        {"listed", 0}, {"skipped", 0}, {"changed", 0}, {"duration_ms", 0}};
  quartier::Statement s("SELECT last_attempt_at, last_success_at, last_error, listed, skipped, changed, duration_ms"
                        " FROM participation_sources WHERE source = 'meinberlin'");
  if (s.step()) {
    o["last_attempt_at"] = opt_int(s, 0);
    o["last_success_at"] = opt_int(s, 1);
    o["last_error"] = s.text(2);
    o["listed"] = s.int64(3);
    o["skipped"] = s.int64(4);
    o["changed"] = s.int64(5);
    o["duration_ms"] = s.int64(6);
  }
  send(res, o);
}

void sync_now(quartier::Request& req, quartier::Response& res) {
  if (!meinberlin_settings().enabled || !QT_HOST_HAS(&quartier::api(), job_enqueue))
    fail(409, "meinberlin_disabled", "Die meinBerlin-Anbindung ist aus ([plugins.participation] meinberlin_enabled).",
         "The meinBerlin bridge is off ([plugins.participation] meinberlin_enabled).");
  const auto id = quartier::job_enqueue("meinberlin_poll", "{}", 0, 3);
  quartier::audit(req.user_id(), "meinberlin.sync", "job", id);
  send(res, boost::json::object{{"job_id", id}}, 202);
}

std::int64_t project_id(const quartier::Request& req) {
  const auto id = req.id_param("id");
  quartier::Statement s("SELECT 1 FROM participation_projects WHERE id = :id");
  s.bind("id", id);
  if (!s.step()) fail(404, "not_found", "Dieses Projekt gibt es nicht.", "This project does not exist.");
  return id;
}

bool following(std::int64_t project, std::int64_t user) {
  quartier::Statement s("SELECT 1 FROM participation_project_follows WHERE project_id = :p AND user_id = :u");
  s.bind("p", project).bind("u", user);
  return s.step();
}

// Following a project: a notice when its phase changes.
void follow(quartier::Request& req, quartier::Response& res) {
  const auto id = project_id(req);
  if (following(id, req.user_id())) fail(409, "already_following", "Sie folgen diesem Projekt schon.", "You follow this project already.");
  quartier::Statement s("INSERT INTO participation_project_follows (project_id, user_id, created_at) VALUES (:p, :u, :t)");
  s.bind("p", id).bind("u", req.user_id()).bind("t", now_ms()).run();
  send(res, boost::json::object{{"id", id}, {"following", true}}, 201);
}

void unfollow(quartier::Request& req, quartier::Response& res) {
  const auto id = project_id(req);
  if (!following(id, req.user_id())) fail(404, "not_following", "Sie folgen diesem Projekt nicht.", "You do not follow this project.");
  quartier::Statement s("DELETE FROM participation_project_follows WHERE project_id = :p AND user_id = :u");
  s.bind("p", id).bind("u", req.user_id()).run();
  send(res, boost::json::object{{"id", id}, {"following", false}});
}

}  // namespace

void add_project_routes(quartier::Plugin& plugin) {
  plugin.get("/projects", quartier::Access::user, list_projects);
  plugin.post("/projects/{id}/follow", quartier::Access::user, follow);
  plugin.del("/projects/{id}/follow", quartier::Access::user, unfollow);
  plugin.get("/meinberlin", quartier::Access::admin, status);
  plugin.post("/meinberlin/sync", quartier::Access::admin, sync_now);
}

}  // namespace participation
