#include "listing_form.hpp"

#include <algorithm>
#include <cmath>

#include "geo.hpp"
#include "util.hpp"

namespace market {
namespace {

constexpr const char* kFields = "type,title,description,category,condition,price,area,neighbourhood_id,state,lat,lon";  // state: PATCH

// Euros as a number ("12.5", 3) to cents; 400 for a negative amount, more than two decimals
// or an amount beyond 100,000 euros.
std::int64_t cents(double euros) {
  if (euros < 0) bad("invalid_price", "Der Preis darf nicht negativ sein.", "The price must not be negative.");
  if (euros > 100000) bad("invalid_price", "Der Preis darf höchstens 100000 Euro sein.", "The price may be at most 100000 euros.");
  const double c = euros * 100.0;
  if (std::fabs(c - std::round(c)) > 1e-6)
    bad("invalid_price", "Der Preis hat höchstens zwei Nachkommastellen.", "The price has at most two decimals.");
  return std::llround(c);
}

void apply_category(const boost::json::object& o, Listing& l, bool creating) {
  auto cat = opt_string(o, "category", 40);
  if (!cat && !creating) {
    if (forbidden_category(l.category, l.type)) cat = l.category;  // a type change may make it forbidden
    else return;
  }
  if (!cat) bad("invalid_category", "Bitte eine Kategorie wählen.", "Please choose a category.");
  if (forbidden_category(*cat, l.type))
    bad("forbidden_category",
        "In dieser Kategorie sind Anzeigen hier nicht erlaubt (z. B. Waffen, Medikamente, Tiere zum Verkauf).",
        "Listings in this category are not allowed here (e.g. weapons, medicines, animals for sale).");
  const auto& all = listing_categories();
  if (std::find(all.begin(), all.end(), *cat) == all.end()) bad("invalid_category", "Unbekannte Kategorie.", "Unknown category.");
  l.category = *cat;
}

// Selling needs a price; giving away is free; searching and swapping carry none.
void apply_price(const boost::json::object& o, Listing& l, bool creating) {
  const bool given = o.contains("price");
  const auto price = opt_number(o, "price");
  if (given) l.price_cents = price ? std::optional(cents(*price)) : std::nullopt;
  if (!given && !creating && !o.contains("type")) return;
  if (l.type == "give_away") l.price_cents.reset();
  if ((l.type == "search" || l.type == "swap") && l.price_cents)
    bad("invalid_price", "Suchen und Tauschen haben keinen Preis.", "Searching and swapping carry no price.");
  if (l.type == "sell" && !l.price_cents)
    bad("invalid_price", "Zum Verkaufen bitte einen Preis angeben (0 für umsonst).", "To sell, please give a price (0 for free).");
}

// An optional pickup point ("lat", "lon"; null for none) inside the listing's neighbourhood,
// kept on a ~200 m grid so that no exact address is stored.
void apply_location(const boost::json::object& o, Listing& l) {
  if (!o.contains("lat") && !o.contains("lon")) return;
  const auto lat = opt_number(o, "lat");
  const auto lon = opt_number(o, "lon");
  if (lat.has_value() != lon.has_value()) bad("invalid_location", "lat und lon nur zusammen.", "lat and lon only together.");
  if (!lat) {
    l.lat.reset();
    l.lon.reset();
    return;
  }
  if (*lat < -90 || *lat > 90 || *lon < -180 || *lon > 180)
    bad("invalid_location", "Breite von -90 bis 90, Länge von -180 bis 180.", "Latitude from -90 to 90, longitude from -180 to 180.");
  const auto nb = quartier::neighbourhood_at(*lat, *lon);
  if (!nb || *nb != l.neighbourhood_id)
    bad("invalid_location", "Der Abholort muss im Quartier der Anzeige liegen.", "The pickup point must lie in the listing's neighbourhood.");
  const auto p = coarse(Point{*lat, *lon});
  l.lat = p.lat;
  l.lon = p.lon;
}

}  // namespace

std::int64_t home_neighbourhood(std::int64_t user) {
  const auto me = quartier::user(user);
  if (!me || me->neighbourhood_id == 0)
    bad("no_neighbourhood", "Bitte zuerst im Profil das eigene Quartier wählen.", "Please choose your neighbourhood in your profile first.");
  return me->neighbourhood_id;
}

void apply_listing_body(const quartier::Request& req, Listing& l, bool creating) {
  const auto o = body_object(req, kFields);
  if (auto t = opt_string(o, "type", 20)) {
    if (!valid_listing_type(*t))
      bad("invalid_type", "Art: search, offer, give_away, lend, swap oder sell.", "Type: search, offer, give_away, lend, swap or sell.");
    l.type = *t;
  } else if (creating) {
    bad("invalid_type", "Bitte die Art der Anzeige wählen.", "Please choose the type of listing.");
  }
  if (auto t = opt_string(o, "title", 120)) l.title = *t;
  if ((creating || o.contains("title")) && l.title.size() < 2)
    bad("invalid_title", "Der Titel braucht mindestens 2 Zeichen.", "The title needs at least 2 characters.");
  if (auto d = opt_string(o, "description", 3000)) l.description = *d;
  if (auto a = opt_string(o, "area", 100)) l.area = *a;
  if (auto c = opt_string(o, "condition", 20)) {
    if (!valid_condition(*c))
      bad("invalid_condition", "Zustand: new, like_new, good, used oder not_applicable.", "Condition: new, like_new, good, used or not_applicable.");
    l.condition = *c;
  } else if (creating) {
    l.condition = "not_applicable";
  }
  apply_category(o, l, creating);
  apply_price(o, l, creating);
  if (!creating && o.contains("neighbourhood_id"))
    bad("invalid_neighbourhood_id", "Eine Anzeige bleibt in ihrem Quartier; bitte eine neue aufgeben.",
        "A listing stays in its neighbourhood; please post a new one.");
  if (creating) {
    const auto nb = opt_int(o, "neighbourhood_id");
    l.neighbourhood_id = nb ? *nb : home_neighbourhood(req.user_id());
    if (!quartier::neighbourhood(l.neighbourhood_id)) bad("invalid_neighbourhood_id", "Dieses Quartier gibt es nicht.", "There is no such neighbourhood.");
    if (!quartier::can_read_container(req.user_id(), quartier::neighbourhood_container(l.neighbourhood_id)))
      forbidden("Anzeigen gibt es nur im eigenen Quartier.", "Listings go into your own neighbourhood only.");
  }
  apply_location(o, l);
}

}  // namespace market
