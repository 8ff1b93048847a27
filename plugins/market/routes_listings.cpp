// Residents' listings: the faceted search of a neighbourhood, creating one (a core content item
// in the neighbourhood's container, out of streams and search when it expires), reading one.
#include "listing.hpp"
#include "listing_form.hpp"
#include "routes.hpp"
#include "util.hpp"

namespace market {
namespace {

using quartier::Access;
using quartier::Request;
using quartier::Response;
using quartier::Statement;

void categories(Request&, Response& res) {
  boost::json::array cats(listing_categories().begin(), listing_categories().end());
  auto extra = setting_list("forbidden_categories");
  boost::json::array allowed;
  for (const auto& c : cats)
    if (std::find(extra.begin(), extra.end(), c.as_string()) == extra.end()) allowed.push_back(c);
  send(res, boost::json::object{{"listing_categories", std::move(allowed)},
                                {"business_categories", {"shop", "craft", "restaurant", "market_stall", "social_enterprise", "service", "other"}}});
}

struct SearchFilter {
  std::string type, category, q;
  std::int64_t nb = 0, max_price = -1;
  bool free = false, mine = false;
};

SearchFilter read_filter(const Request& req) {
  SearchFilter f;
  f.type = std::string(req.query("type").value_or(""));
  if (!f.type.empty() && !valid_listing_type(f.type)) bad("invalid_type", "Unbekannte Art.", "Unknown type.");
  f.category = std::string(req.query("category").value_or(""));
  f.q = trim(req.query("q").value_or(""));
  if (f.q.size() > 100) bad("invalid_q", "Die Suche darf höchstens 100 Zeichen haben.", "The search may have at most 100 characters.");
  f.max_price = query_int(req, "max_price_cents", -1, 0, 10000000);
  f.free = query_flag(req, "free");
  f.mine = query_flag(req, "mine");
  if (!f.mine) {
    f.nb = query_int(req, "neighbourhood_id", 0, 0, INT64_MAX);
    if (f.nb == 0) f.nb = home_neighbourhood(req.user_id());
    if (!quartier::can_read_container(req.user_id(), quartier::neighbourhood_container(f.nb)))
      forbidden("Die Anzeigen dieses Quartiers sieht nur, wer dort wohnt.", "Only the people who live there see this neighbourhood's listings.");
  }
  return f;
}

// GET /listings?type=&category=&q=&max_price_cents=&free=1&neighbourhood_id=&mine=1&limit=&offset=
void search(Request& req, Response& res) {
  const auto f = read_filter(req);
  const auto limit = query_int(req, "limit", 30, 1, 100);
  const auto offset = query_int(req, "offset", 0, 0, 100000);
  std::string sql = std::string("SELECT ") + kListingCols + kListingFrom + " WHERE 1 = 1";
  if (f.mine) sql += " AND l.author_id = :me";
  else sql += " AND l.neighbourhood_id = :nb AND l.state IN ('active', 'reserved') AND l.expires_at > :now AND l.hidden = 0";
  if (!f.type.empty()) sql += " AND l.type = :type";
  if (!f.category.empty()) sql += " AND l.category = :cat";
  if (f.max_price >= 0) sql += " AND l.price_cents <= :maxp";
  if (f.free) sql += " AND (l.type = 'give_away' OR l.price_cents = 0)";
  if (!f.q.empty()) sql += " AND (LOWER(l.title) LIKE :q1 ESCAPE '\\' OR LOWER(l.description) LIKE :q2 ESCAPE '\\')";
  sql += " ORDER BY l.id DESC LIMIT :lim OFFSET :off";
  Statement s(sql);
  if (f.mine) s.bind("me", req.user_id());
  else s.bind("nb", f.nb).bind("now", now_ms());
  if (!f.type.empty()) s.bind("type", f.type);
  if (!f.category.empty()) s.bind("cat", f.category);
  if (f.max_price >= 0) s.bind("maxp", f.max_price);
  if (!f.q.empty()) s.bind("q1", like_pattern(f.q)).bind("q2", like_pattern(f.q));
  s.bind("lim", limit).bind("off", offset);
  boost::json::array out;
  while (s.step()) out.push_back(listing_json(read_listing(s), req.user_id()));
  send(res, boost::json::object{{"listings", std::move(out)}, {"neighbourhood_id", f.nb}});
}

// Per person: at most max_active_listings open listings, of which max_sell_listings sell.
void check_limits(std::int64_t user, const Listing& l) {
  Statement n("SELECT COUNT(*), SUM(CASE WHEN type = 'sell' THEN 1 ELSE 0 END) FROM market_listings"
              " WHERE author_id = :u AND state IN ('active', 'reserved')");
  n.bind("u", user);
  n.step();
  const auto active = n.int64(0), selling = n.is_null(1) ? 0 : n.int64(1);
  const auto max_active = setting_int("max_active_listings", 20);
  if (active >= max_active)
    throw quartier::HttpError(429, "listing_limit",
                              "Höchstens " + std::to_string(max_active) + " offene Anzeigen: bitte erst eine als erledigt markieren. / "
                              "At most " + std::to_string(max_active) + " open listings: please mark one as done first.");
  const auto max_sell = setting_int("max_sell_listings", 10);
  if (l.type == "sell" && selling >= max_sell)
    throw quartier::HttpError(429, "sell_limit",
                              "Privat höchstens " + std::to_string(max_sell) + " Verkaufsanzeigen zugleich; gewerblicher Verkauf gehört in ein Geschäftsprofil. / "
                              "Residents may have at most " + std::to_string(max_sell) + " sale listings at once; commercial selling belongs in a business profile.");
}

std::int64_t store(const Listing& l) {
  Statement ins("INSERT INTO market_listings (author_id, neighbourhood_id, type, category, item_condition, price_cents, title,"
                " description, area, state, expires_at, created_at, updated_at) VALUES (:a, :nb, :type, :cat, :cond, :price,"
                " :title, :descr, :area, 'active', :exp, :now, :now2) RETURNING id");
  ins.bind("a", l.author_id).bind("nb", l.neighbourhood_id).bind("type", l.type).bind("cat", l.category);
  ins.bind("cond", l.condition).bind("price", l.price_cents).bind("title", l.title).bind("descr", l.description);
  ins.bind("area", l.area).bind("exp", l.expires_at).bind("now", l.created_at).bind("now2", l.created_at);
  ins.step();
  const auto id = ins.int64(0);
  ins.reset();
  return id;
}

void create(Request& req, Response& res) {
  Listing l;
  l.author_id = req.user_id();
  apply_listing_body(req, l, true);
  check_limits(l.author_id, l);
  l.created_at = l.updated_at = now_ms();
  l.expires_at = l.created_at + setting_int("listing_days", 30) * kDayMs;
  l.state = "active";
  quartier::Transaction tx;
  l.id = store(l);
  quartier::Content c;
  c.container_id = quartier::neighbourhood_container(l.neighbourhood_id);
  c.author_id = l.author_id;
  c.kind = "listing";
  c.title = l.title;
  c.body = l.description;
  c.card_json = listing_card(l);
  c.expires_at = l.expires_at;
  l.content_id = quartier::create_content(c);
  Statement link("UPDATE market_listings SET content_id = :c WHERE id = :id");
  link.bind("c", l.content_id).bind("id", l.id);
  link.run();
  quartier::job_enqueue("expire_listing", "{\"id\":" + std::to_string(l.id) + "}", l.expires_at);
  tx.commit();
  send(res, listing_json(*find_listing(l.id), req.user_id()), 201);
}

void show(Request& req, Response& res) {
  send(res, listing_json(readable_listing(req, req.id_param("id")), req.user_id()));
}

}  // namespace

void add_listing_routes(quartier::Plugin& plugin) {
  plugin.get("/categories", Access::public_, categories);
  plugin.get("/listings", Access::user, search);
  plugin.post("/listings", Access::user, create);
  plugin.get("/listings/{id}", Access::user, show);
}

}  // namespace market
