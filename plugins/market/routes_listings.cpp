// Residents' listings: the faceted search of a neighbourhood, creating one (a core content item
// in the neighbourhood's container, out of streams and search when it expires), reading one.
#include <algorithm>
#include <cmath>

#include "blocks.hpp"
#include "geo.hpp"
#include "listing.hpp"
#include "listing_form.hpp"
#include "photos.hpp"
#include "routes.hpp"
#include "stems.hpp"
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
  std::vector<std::string> stems;  // of q's words, for SQLite (at most 8)
  Nearness near;
  Point centre;  // of the neighbourhood: where listings without a pickup point are
};

SearchFilter read_filter(const Request& req) {
  SearchFilter f;
  f.type = std::string(req.query("type").value_or(""));
  if (!f.type.empty() && !valid_listing_type(f.type)) bad("invalid_type", "Unbekannte Art.", "Unknown type.");
  f.category = std::string(req.query("category").value_or(""));
  f.q = trim(req.query("q").value_or(""));
  if (f.q.size() > 100) bad("invalid_q", "Die Suche darf höchstens 100 Zeichen haben.", "The search may have at most 100 characters.");
  f.stems = german_stems(f.q, 8);
  f.max_price = query_int(req, "max_price_cents", -1, 0, 10000000);
  f.free = query_flag(req, "free");
  f.mine = query_flag(req, "mine");
  f.near = read_nearness(req);
  if (f.mine && f.near.from)
    bad("invalid_sort", "Die eigenen Anzeigen erscheinen nach Datum; Entfernungen gelten für die Suche im Quartier.",
        "Your own listings come by date; distances apply to the neighbourhood's search.");
  if (!f.mine) {
    f.nb = query_int(req, "neighbourhood_id", 0, 0, INT64_MAX);
    if (f.nb == 0) f.nb = home_neighbourhood(req.user_id());
    if (!quartier::can_read_container(req.user_id(), quartier::neighbourhood_container(f.nb)))
      forbidden("Die Anzeigen dieses Quartiers sieht nur, wer dort wohnt.", "Only the people who live there see this neighbourhood's listings.");
  }
  if (f.near.from) f.centre = neighbourhood_centre(f.nb).value_or(*f.near.from);
  return f;
}

// Words match by their German stem (PostgreSQL's 'german' text search, on SQLite the stored
// Snowball stems: every word's stem starts a stored one), or the text contains the search as it
// was typed (parts of compound words: "rad" finds "Kinderrad").
std::string words_sql(const SearchFilter& f) {
  if (quartier::dialect() == "postgresql")
    return "to_tsvector('german', l.title || ' ' || l.description) @@ plainto_tsquery('german', :fts) OR ";
  if (f.stems.empty()) return "";
  std::string sql = "(";
  for (std::size_t i = 0; i < f.stems.size(); ++i) sql += (i ? " AND " : "") + std::string("l.search_stems LIKE :st") + std::to_string(i);
  return sql + ") OR ";
}

// Rows come in batches and pass the block filter, so a page is filled even when some authors
// are hidden from the viewer. With a point to measure from, a listing without its own pickup
// point counts from its neighbourhood's centre.
std::string search_sql(const SearchFilter& f) {
  std::string inner = std::string("SELECT ") + kListingCols;
  if (f.near.from) inner += ", COALESCE(l.lat, :clat) AS dlat, COALESCE(l.lon, :clon) AS dlon";
  inner += std::string(kListingFrom) + " WHERE 1 = 1";
  if (f.mine) inner += " AND l.author_id = :me";
  else inner += " AND l.neighbourhood_id = :nb AND l.state IN ('active', 'reserved') AND l.expires_at > :now AND l.hidden = 0";
  if (!f.type.empty()) inner += " AND l.type = :type";
  if (!f.category.empty()) inner += " AND l.category = :cat";
  if (f.max_price >= 0) inner += " AND l.price_cents <= :maxp";
  if (f.free) inner += " AND (l.type = 'give_away' OR l.price_cents = 0)";
  if (!f.q.empty()) inner += " AND (" + words_sql(f) + "LOWER(l.title) LIKE :q1 ESCAPE '\\' OR LOWER(l.description) LIKE :q2 ESCAPE '\\')";
  if (!f.near.from) return inner + " ORDER BY l.id DESC LIMIT :lim OFFSET :off";
  const auto dist = distance_sql("d.dlat", "d.dlon");
  std::string sql = "SELECT * FROM (" + inner + ") d";
  if (f.near.max_km > 0) sql += " WHERE " + dist + " <= :dmax";
  return sql + " ORDER BY " + (f.near.sort ? dist + ", " : std::string()) + "d.id DESC LIMIT :lim OFFSET :off";
}

void bind_filter(Statement& s, const SearchFilter& f, const Request& req) {
  if (f.mine) s.bind("me", req.user_id());
  else s.bind("nb", f.nb).bind("now", now_ms());
  if (!f.type.empty()) s.bind("type", f.type);
  if (!f.category.empty()) s.bind("cat", f.category);
  if (f.max_price >= 0) s.bind("maxp", f.max_price);
  if (!f.q.empty()) s.bind("q1", like_pattern(f.q)).bind("q2", like_pattern(f.q));
  if (!f.q.empty() && quartier::dialect() == "postgresql") s.bind("fts", f.q);
  else
    for (std::size_t i = 0; i < f.stems.size(); ++i) s.bind("st" + std::to_string(i), "% " + f.stems[i] + "%");
  if (f.near.from) {
    s.bind("clat", f.centre.lat).bind("clon", f.centre.lon);
    bind_distance(s, *f.near.from, f.near.max_km);
  }
}

struct Found {
  Listing listing;
  std::optional<Point> at;  // where it was measured from, when the search has a point
};

// Steps through the matches in batches until `limit` listings the viewer may see are found.
std::vector<Found> find_page(const Request& req, const SearchFilter& f, std::int64_t limit, std::int64_t offset) {
  const auto sql = search_sql(f);
  BlockFilter blocks(req.user_id());
  std::vector<Found> page;
  std::int64_t skipped = 0;
  const std::int64_t batch = std::max<std::int64_t>(limit + offset, 50);
  for (std::int64_t raw = 0, rows = batch; rows == batch && static_cast<std::int64_t>(page.size()) < limit; raw += batch) {
    Statement s(sql);
    bind_filter(s, f, req);
    s.bind("lim", batch).bind("off", raw);
    rows = 0;
    while (static_cast<std::int64_t>(page.size()) < limit && s.step()) {
      ++rows;
      auto l = read_listing(s);
      if (blocks.hides(l.author_id) || skipped++ < offset) continue;
      page.push_back({std::move(l), f.near.from ? std::optional(Point{s.real(18), s.real(19)}) : std::nullopt});
    }
  }
  return page;
}

// GET /listings?type=&category=&q=&max_price_cents=&free=1&neighbourhood_id=&mine=1
//   &lat=&lon=&sort=distance&max_km=&limit=&offset=
void search(Request& req, Response& res) {
  const auto f = read_filter(req);
  const auto page = find_page(req, f, query_int(req, "limit", 30, 1, 100), query_int(req, "offset", 0, 0, 100000));
  std::vector<std::int64_t> ids;
  for (const auto& p : page) ids.push_back(p.listing.id);
  const auto firsts = first_photos(PhotoOwner::listing, ids);
  boost::json::array out;
  for (const auto& p : page) {
    auto o = listing_json(p.listing, req.user_id(), false);
    const auto it = firsts.find(p.listing.id);
    o["photos"] = it == firsts.end() ? boost::json::array() : boost::json::array{photo_json(it->second)};
    if (p.at) o["distance_m"] = std::llround(distance_m(*f.near.from, *p.at));
    out.push_back(std::move(o));
  }
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
                " description, area, state, expires_at, created_at, updated_at, lat, lon, search_stems) VALUES (:a, :nb, :type, :cat, :cond,"
                " :price, :title, :descr, :area, 'active', :exp, :now, :now2, :lat, :lon, :stems) RETURNING id");
  ins.bind("a", l.author_id).bind("nb", l.neighbourhood_id).bind("type", l.type).bind("cat", l.category);
  ins.bind("cond", l.condition).bind("price", l.price_cents).bind("title", l.title).bind("descr", l.description);
  ins.bind("area", l.area).bind("exp", l.expires_at).bind("now", l.created_at).bind("now2", l.created_at);
  ins.bind("lat", l.lat).bind("lon", l.lon).bind("stems", stem_column(l.title, l.description));
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
  c.markdown = true;  // the core renders and sanitises it to body_html like a post
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

// A listing by someone the viewer blocked (or who blocked the viewer) is not shown, as in search.
void show(Request& req, Response& res) {
  const auto l = readable_listing(req, req.id_param("id"));
  if (BlockFilter(req.user_id()).hides(l.author_id)) not_found();
  send(res, listing_json(l, req.user_id()));
}

}  // namespace

void add_listing_routes(quartier::Plugin& plugin) {
  plugin.get("/categories", Access::public_, categories);
  plugin.get("/listings", Access::user, search);
  plugin.post("/listings", Access::user, create);
  plugin.get("/listings/{id}", Access::user, show);
}

}  // namespace market
