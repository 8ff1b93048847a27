// Several people manage one profile: its managers add and remove each other (the municipality
// may too, e.g. for a profile whose last manager left); residents follow a business.
#include "business.hpp"
#include "routes.hpp"
#include "util.hpp"

namespace market {
namespace {

using quartier::Access;
using quartier::Request;
using quartier::Response;
using quartier::Statement;

void list_managers(Request& req, Response& res) {
  const auto b = require_business(req.id_param("id"));
  require_manager(req, b);
  Statement s("SELECT m.user_id, u.display_name, m.created_at FROM market_managers m JOIN plugin_users u ON u.id = m.user_id"
              " WHERE m.business_id = :b ORDER BY m.created_at, m.user_id");
  s.bind("b", b.id);
  boost::json::array out;
  while (s.step()) out.push_back(boost::json::object{{"user_id", s.int64(0)}, {"display_name", s.text(1)}, {"since", s.int64(2)}});
  send(res, boost::json::object{{"managers", std::move(out)}});
}

void add_manager(Request& req, Response& res) {
  const auto b = require_business(req.id_param("id"));
  require_manager(req, b);
  const auto o = body_object(req, "user_id");
  const auto user = opt_int(o, "user_id");
  if (!user) bad("invalid_user_id", "Bitte 'user_id' angeben.", "Please give 'user_id'.");
  const auto person = quartier::user(*user);
  if (!person || !person->active) bad("invalid_user_id", "Diese Person gibt es nicht.", "There is no such person.");
  if (is_manager(b.id, *user)) {
    res.json(R"({"added":false})", 200);
    return;
  }
  Statement ins("INSERT INTO market_managers (business_id, user_id, created_at) VALUES (:b, :u, :now)");
  ins.bind("b", b.id).bind("u", *user).bind("now", now_ms());
  ins.run();
  res.json(R"({"added":true})", 201);
}

// The last manager cannot leave: the profile would have nobody to answer for it.
void remove_manager(Request& req, Response& res) {
  const auto b = require_business(req.id_param("id"));
  const auto user = req.id_param("user");
  if (user != req.user_id()) require_manager(req, b);
  if (!is_manager(b.id, user)) not_found();
  Statement n("SELECT COUNT(*) FROM market_managers WHERE business_id = :b");
  n.bind("b", b.id);
  n.step();
  if (n.int64(0) <= 1)
    throw quartier::HttpError(409, "last_manager",
                              "Das Profil braucht mindestens eine verwaltende Person: erst jemand anderen hinzufügen. / "
                              "The profile needs at least one manager: add someone else first.");
  Statement del("DELETE FROM market_managers WHERE business_id = :b AND user_id = :u");
  del.bind("b", b.id).bind("u", user);
  del.run();
  res.status(204);
}

void follow(Request& req, Response& res) {
  const auto b = require_business(req.id_param("id"));
  Statement ins(req.method() == "PUT"
                    ? "INSERT INTO market_follows (business_id, user_id, created_at) SELECT :b, :u, :now WHERE NOT EXISTS"
                      " (SELECT 1 FROM market_follows WHERE business_id = :b2 AND user_id = :u2)"
                    : "DELETE FROM market_follows WHERE business_id = :b AND user_id = :u");
  ins.bind("b", b.id).bind("u", req.user_id());
  if (req.method() == "PUT") ins.bind("now", now_ms()).bind("b2", b.id).bind("u2", req.user_id());
  ins.run();
  send(res, business_json(b, req.user_id()));
}

}  // namespace

void add_manager_routes(quartier::Plugin& plugin) {
  plugin.get("/businesses/{id}/managers", Access::user, list_managers);
  plugin.post("/businesses/{id}/managers", Access::user, add_manager);
  plugin.del("/businesses/{id}/managers/{user}", Access::user, remove_manager);
  plugin.put("/businesses/{id}/follow", Access::user, follow);
  plugin.del("/businesses/{id}/follow", Access::user, follow);
}

}  // namespace market
