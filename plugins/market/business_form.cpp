#include "business_form.hpp"

#include <algorithm>
#include <array>
#include <set>

#include "util.hpp"

namespace market {
namespace {

constexpr const char* kFields =
    "name,category,address,lat,lon,hours,delivery,pickup,payment,step_free,accessibility,description,links";

std::string payment_list(const boost::json::value& v) {
  static constexpr std::array<std::string_view, 6> kKinds = {"cash", "card", "contactless", "invoice", "voucher", "online"};
  if (!v.is_array()) bad("invalid_payment", "'payment' muss eine Liste sein.", "'payment' must be a list.");
  std::set<std::string> seen;
  for (const auto& e : v.as_array()) {
    if (!e.is_string() || std::find(kKinds.begin(), kKinds.end(), std::string_view(e.as_string())) == kKinds.end())
      bad("invalid_payment", "Zahlungsarten: cash, card, contactless, invoice, voucher, online.",
          "Payment options: cash, card, contactless, invoice, voucher, online.");
    seen.insert(std::string(e.as_string()));
  }
  boost::json::array out(seen.begin(), seen.end());
  return boost::json::serialize(out);
}

std::string link_list(const boost::json::value& v) {
  if (!v.is_array() || v.as_array().size() > 10)
    bad("invalid_links", "'links' muss eine Liste von höchstens 10 Links sein.", "'links' must be a list of at most 10 links.");
  boost::json::array out;
  for (const auto& e : v.as_array()) {
    const auto* o = e.if_object();
    const auto* url = o ? o->if_contains("url") : nullptr;
    const auto* label = o ? o->if_contains("label") : nullptr;
    const bool url_ok = url && url->is_string() && url->as_string().size() <= 500 &&
                        (url->as_string().starts_with("https://") || url->as_string().starts_with("http://"));
    if (!url_ok || (label && (!label->is_string() || label->as_string().size() > 100)))
      bad("invalid_links", "Jeder Link braucht eine 'url', die mit https:// oder http:// beginnt, und höchstens 100 Zeichen 'label'.",
          "Every link needs a 'url' starting with https:// or http://, and a 'label' of at most 100 characters.");
    out.push_back(boost::json::object{{"url", url->as_string()}, {"label", label ? label->as_string() : url->as_string()}});
  }
  return boost::json::serialize(out);
}

// The neighbourhood whose outline holds the point; 400 outside every one.
std::int64_t locate(double lat, double lon) {
  if (lat < -90 || lat > 90 || lon < -180 || lon > 180)
    bad("invalid_location", "Breite von -90 bis 90, Länge von -180 bis 180.", "Latitude from -90 to 90, longitude from -180 to 180.");
  auto nb = quartier::neighbourhood_at(lat, lon);
  if (!nb)
    bad("address_outside", "Die Adresse liegt in keinem Quartier dieser Gemeinde. Bitte den Ort auf der Karte prüfen.",
        "The address lies outside every neighbourhood of this municipality. Please check the location.");
  return *nb;
}

bool apply_identity(const boost::json::object& o, Business& b, bool creating) {
  bool changed = false;
  if (auto name = opt_string(o, "name", 120)) {
    if (name->size() < 2) bad("invalid_name", "Der Name braucht mindestens 2 Zeichen.", "The name needs at least 2 characters.");
    changed |= *name != b.name;
    b.name = *name;
  } else if (creating) {
    bad("invalid_name", "Bitte einen Namen angeben.", "Please give a name.");
  }
  if (auto cat = opt_string(o, "category", 40)) {
    if (!valid_business_category(*cat))
      bad("invalid_category", "Kategorie: shop, craft, restaurant, market_stall, social_enterprise, service oder other.",
          "Category: shop, craft, restaurant, market_stall, social_enterprise, service or other.");
    changed |= *cat != b.category;
    b.category = *cat;
  } else if (creating) {
    bad("invalid_category", "Bitte eine Kategorie wählen.", "Please choose a category.");
  }
  auto address = opt_string(o, "address", 200);
  auto lat = opt_number(o, "lat");
  auto lon = opt_number(o, "lon");
  if (creating && (!address || address->empty() || !lat || !lon))
    bad("invalid_address", "Bitte Adresse und Lage (lat, lon) angeben.", "Please give the address and its location (lat, lon).");
  if (lat.has_value() != lon.has_value()) bad("invalid_location", "lat und lon nur zusammen.", "lat and lon only together.");
  if (address && address->empty()) bad("invalid_address", "Bitte eine Adresse angeben.", "Please give an address.");
  if (address) {
    changed |= *address != b.address;
    b.address = *address;
  }
  if (lat) {
    b.neighbourhood_id = locate(*lat, *lon);
    changed |= *lat != b.lat || *lon != b.lon;
    b.lat = *lat;
    b.lon = *lon;
  }
  return changed;
}

}  // namespace

bool apply_business_body(const quartier::Request& req, Business& b, bool creating) {
  const auto o = body_object(req, kFields);
  const bool changed = apply_identity(o, b, creating);
  if (const auto* h = o.if_contains("hours"); h && !h->is_null()) b.hours = boost::json::serialize(hours_json(parse_hours(*h)));
  if (auto v = opt_bool(o, "delivery")) b.delivery = *v;
  if (auto v = opt_bool(o, "pickup")) b.pickup = *v;
  if (auto v = opt_bool(o, "step_free")) b.step_free = *v;
  if (const auto* p = o.if_contains("payment"); p && !p->is_null()) b.payment = payment_list(*p);
  if (const auto* l = o.if_contains("links"); l && !l->is_null()) b.links = link_list(*l);
  if (auto v = opt_string(o, "accessibility", 500)) b.accessibility = *v;
  if (auto v = opt_string(o, "description", 5000)) b.description = *v;
  return changed;
}

}  // namespace market
