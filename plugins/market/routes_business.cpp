// The business directory (category, neighbourhood, "open now"), registering a profile, reading
// and changing it, and the municipality's verification.
#include <cmath>

#include "business.hpp"
#include "business_form.hpp"
#include "geo.hpp"
#include "photos.hpp"
#include "routes.hpp"
#include "util.hpp"

namespace market {
namespace {

using quartier::Access;
using quartier::Request;
using quartier::Response;
using quartier::Statement;

struct DirectoryQuery {
  std::string q, category;
  std::int64_t nb = 0, limit = 30, offset = 0;
  bool only_open = false, only_verified = false;
  Nearness near;
};

DirectoryQuery read_directory_query(const Request& req) {
  DirectoryQuery d;
  d.q = trim(req.query("q").value_or(""));
  if (d.q.size() > 100) bad("invalid_q", "Die Suche darf höchstens 100 Zeichen haben.", "The search may have at most 100 characters.");
  d.category = std::string(req.query("category").value_or(""));
  if (!d.category.empty() && !valid_business_category(d.category)) bad("invalid_category", "Unbekannte Kategorie.", "Unknown category.");
  d.nb = query_int(req, "neighbourhood_id", 0, 0, INT64_MAX);
  d.limit = query_int(req, "limit", 30, 1, 100);
  d.offset = query_int(req, "offset", 0, 0, 100000);
  d.only_open = query_flag(req, "open_now");
  d.only_verified = query_flag(req, "verified");
  d.near = read_nearness(req);
  return d;
}

std::string directory_sql(const DirectoryQuery& d) {
  std::string sql = std::string("SELECT ") + kBusinessCols + " FROM market_businesses b WHERE 1 = 1";
  if (!d.q.empty()) sql += " AND LOWER(name) LIKE :q ESCAPE '\\'";
  if (!d.category.empty()) sql += " AND category = :cat";
  if (d.nb != 0) sql += " AND neighbourhood_id = :nb";
  if (d.only_verified) sql += " AND verified_at IS NOT NULL";
  if (d.near.max_km > 0) sql += " AND " + distance_sql("b.lat", "b.lon") + " <= :dmax";
  sql += d.near.sort ? " ORDER BY " + distance_sql("b.lat", "b.lon") + ", id" : std::string(" ORDER BY name, id");
  if (!d.only_open) sql += " LIMIT :lim OFFSET :off";
  return sql;
}

// GET /businesses?q=&category=&neighbourhood_id=&open_now=1&verified=1&lat=&lon=&sort=distance
//   &max_km=&limit=&offset=
// "Open now" is evaluated per row in the municipality's time zone, so the page is filled by
// scanning on until `limit` open businesses are found.
void directory(Request& req, Response& res) {
  const auto d = read_directory_query(req);
  Statement s(directory_sql(d));
  if (!d.q.empty()) s.bind("q", like_pattern(d.q));
  if (!d.category.empty()) s.bind("cat", d.category);
  if (d.nb != 0) s.bind("nb", d.nb);
  if (d.near.from && (d.near.sort || d.near.max_km > 0)) bind_distance(s, *d.near.from, d.near.max_km);
  if (!d.only_open) s.bind("lim", d.limit).bind("off", d.offset);
  std::vector<Business> page;
  std::int64_t skipped = 0;
  while (static_cast<std::int64_t>(page.size()) < d.limit && s.step()) {
    auto b = read_business(s);
    if (d.only_open && (!open_now(b) || skipped++ < d.offset)) continue;
    page.push_back(std::move(b));
  }
  std::vector<std::int64_t> ids;
  for (const auto& b : page) ids.push_back(b.id);
  const auto firsts = first_photos(PhotoOwner::business, ids);
  const auto viewer = viewer_of(req.user_id());
  boost::json::array out;
  for (const auto& b : page) {
    auto card = business_card(b, viewer);
    const auto it = firsts.find(b.id);
    card["photo"] = it == firsts.end() ? boost::json::value(nullptr) : boost::json::value(photo_json(it->second));
    if (d.near.from) card["distance_m"] = std::llround(distance_m(*d.near.from, Point{b.lat, b.lon}));
    out.push_back(std::move(card));
  }
  send(res, boost::json::object{{"businesses", std::move(out)}});
}

void create(Request& req, Response& res) {
  Business b;
  b.hours = R"({"weekly":{},"holidays":[],"exceptions":[]})";
  b.payment = "[]";
  b.links = "[]";
  apply_business_body(req, b, true);
  const auto now = now_ms();
  quartier::Transaction tx;
  Statement ins("INSERT INTO market_businesses (name, category, neighbourhood_id, address, lat, lon, hours, delivery, pickup,"
                " payment, step_free, accessibility, description, links, created_by, created_at, updated_at)"
                " VALUES (:name, :cat, :nb, :addr, :lat, :lon, :hours, :del, :pick, :pay, :sf, :acc, :descr, :links, :u, :now, :now2)"
                " RETURNING id");
  ins.bind("name", b.name).bind("cat", b.category).bind("nb", b.neighbourhood_id).bind("addr", b.address);
  ins.bind("lat", b.lat).bind("lon", b.lon).bind("hours", b.hours).bind("del", b.delivery ? 1 : 0);
  ins.bind("pick", b.pickup ? 1 : 0).bind("pay", b.payment).bind("sf", b.step_free ? 1 : 0).bind("acc", b.accessibility);
  ins.bind("descr", b.description).bind("links", b.links).bind("u", req.user_id()).bind("now", now).bind("now2", now);
  ins.step();
  const auto id = ins.int64(0);
  ins.reset();
  Statement mgr("INSERT INTO market_managers (business_id, user_id, created_at) VALUES (:b, :u, :now)");
  mgr.bind("b", id).bind("u", req.user_id()).bind("now", now);
  mgr.run();
  tx.commit();
  send(res, business_json(require_business(id), req.user_id()), 201);
}

void show(Request& req, Response& res) {
  send(res, business_json(require_business(req.id_param("id")), req.user_id()));
}

// Changing name, category or address ends a verification: the municipality checks again.
void update(Request& req, Response& res) {
  auto b = require_business(req.id_param("id"));
  require_manager(req, b);
  const bool identity_changed = apply_business_body(req, b, false);
  Statement up("UPDATE market_businesses SET name = :name, category = :cat, neighbourhood_id = :nb, address = :addr, lat = :lat,"
               " lon = :lon, hours = :hours, delivery = :del, pickup = :pick, payment = :pay, step_free = :sf,"
               " accessibility = :acc, description = :descr, links = :links, updated_at = :now" +
               std::string(identity_changed ? ", verified_at = NULL, verified_by = NULL" : "") + " WHERE id = :id");
  up.bind("name", b.name).bind("cat", b.category).bind("nb", b.neighbourhood_id).bind("addr", b.address);
  up.bind("lat", b.lat).bind("lon", b.lon).bind("hours", b.hours).bind("del", b.delivery ? 1 : 0);
  up.bind("pick", b.pickup ? 1 : 0).bind("pay", b.payment).bind("sf", b.step_free ? 1 : 0).bind("acc", b.accessibility);
  up.bind("descr", b.description).bind("links", b.links).bind("now", now_ms()).bind("id", b.id);
  up.run();
  send(res, business_json(require_business(b.id), req.user_id()));
}

// POST /businesses/{id}/verification {"verified": true|false}: the municipality only.
// With [plugins.market] verifier_department set, staff of that department only (and admins).
void require_verifier(const Request& req) {
  const auto dept = std::string(quartier::config("verifier_department").value_or(""));
  if (dept.empty() || req.role() >= QT_ROLE_ADMIN) return;
  const auto me = quartier::user(req.user_id());
  if (!me || me->department != dept)
    forbidden("Geschäftsprofile bestätigt die Abteilung „" + dept + "“.", "Business profiles are verified by the department \"" + dept + "\".");
}

void verify(Request& req, Response& res) {
  require_verifier(req);
  auto b = require_business(req.id_param("id"));
  const auto o = body_object(req, "verified");
  const auto verified = opt_bool(o, "verified");
  if (!verified) bad("invalid_verified", "Bitte 'verified' als true oder false angeben.", "Please give 'verified' as true or false.");
  Statement up(*verified ? "UPDATE market_businesses SET verified_at = :now, verified_by = :u WHERE id = :id"
                         : "UPDATE market_businesses SET verified_at = NULL, verified_by = NULL WHERE id = :id");
  if (*verified) up.bind("now", now_ms()).bind("u", req.user_id());
  up.bind("id", b.id);
  up.run();
  quartier::audit(req.user_id(), *verified ? "business.verified" : "business.unverified", "market_business", b.id, "{}");
  send(res, business_json(require_business(b.id), req.user_id()));
}

}  // namespace

void add_business_routes(quartier::Plugin& plugin) {
  plugin.get("/businesses", Access::public_, directory);
  plugin.post("/businesses", Access::user, create);
  plugin.get("/businesses/{id}", Access::public_, show);
  plugin.patch("/businesses/{id}", Access::user, update);
  plugin.post("/businesses/{id}/verification", Access::staff, verify);
}

}  // namespace market
