#include "input.hpp"

#include <cmath>

#include "model.hpp"
#include "util.hpp"

namespace help {

using quartier::HttpError;

std::string read_category(const boost::json::object& o) {
  const auto c = opt_string(o, "category", 40).value_or("");
  if (c.empty())
    throw HttpError(400, "invalid_category", "Bitte eine Kategorie wählen (" + category_list() +
                                                 "). / Please choose a category (" + category_list() + ").");
  if (!valid_category(c))
    throw HttpError(400, "invalid_category", "Unbekannte Kategorie „" + c + "“; möglich sind: " + category_list() +
                                                 ". / Unknown category '" + c + "'; possible: " + category_list() + ".");
  return c;
}

std::string read_text(const boost::json::object& o, bool required, std::size_t max_chars) {
  const auto t = trim(opt_string(o, "text", max_chars).value_or(""));
  if (required && t.empty())
    throw HttpError(400, "invalid_text", "Bitte kurz beschreiben, wobei Sie Hilfe brauchen. / Please describe briefly what you need help with.");
  return t;
}

std::string read_when(const boost::json::object& o, bool offer) {
  const auto w = opt_string(o, "when", 20).value_or("");
  const bool ok = w == "once" || w == "regularly" || (offer ? w == "any" : w == "by_date");
  if (!ok)
    throw HttpError(400, "invalid_when",
                    offer ? "Wann? Bitte „once“ (ab und zu), „regularly“ (regelmäßig) oder „any“ angeben. / When? Please give "
                            "'once', 'regularly' or 'any'."
                          : "Wann? Bitte „once“ (einmal), „by_date“ (bis zu einem Datum) oder „regularly“ (regelmäßig) angeben. "
                            "/ When? Please give 'once', 'by_date' or 'regularly'.");
  return w;
}

std::optional<std::int64_t> read_due(const boost::json::object& o, const std::string& when) {
  const auto due = opt_int(o, "due_at");
  if (!due) {
    if (when == "regularly") return std::nullopt;
    throw HttpError(400, "invalid_due_at", "Bitte ein Datum angeben, bis wann Sie Hilfe brauchen. / Please give the date you need help by.");
  }
  const auto now = now_ms();
  if (*due <= now)
    throw HttpError(400, "invalid_due_at", "Das Datum liegt in der Vergangenheit; bitte ein künftiges wählen. / The date is in the past; please choose a future one.");
  if (*due > now + 366LL * 24 * 3600 * 1000)
    throw HttpError(400, "invalid_due_at", "Bitte ein Datum innerhalb eines Jahres wählen. / Please choose a date within a year.");
  return due;
}

namespace {
std::int64_t area_by_point(const boost::json::object& o) {
  const auto* lat = o.if_contains("lat");
  const auto* lon = o.if_contains("lon");
  if (!lat || !lon || !lat->is_number() || !lon->is_number())
    throw HttpError(400, "invalid_location", "Bitte lat und lon als Zahlen angeben. / Please give lat and lon as numbers.");
  const double la = lat->to_number<double>(), lo = lon->to_number<double>();
  if (!std::isfinite(la) || !std::isfinite(lo) || la < -90 || la > 90 || lo < -180 || lo > 180)
    throw HttpError(400, "invalid_location", "Diese Koordinaten gibt es nicht. / These coordinates do not exist.");
  auto nb = quartier::neighbourhood_at(la, lo);
  if (!nb)
    throw HttpError(400, "outside_city", "Dieser Ort liegt außerhalb der Stadt; bitte ein Quartier der Stadt wählen. / This place lies outside the city; please choose one of its neighbourhoods.");
  return *nb;
}
}  // namespace

std::int64_t read_area(const boost::json::object& o, std::int64_t user, std::string& name) {
  std::int64_t id = 0;
  if (auto nb = opt_int(o, "neighbourhood_id")) {
    id = *nb;
  } else if (o.contains("lat") || o.contains("lon")) {
    id = area_by_point(o);
  } else if (auto me = quartier::user(user)) {
    id = me->neighbourhood_id;
  }
  if (id == 0)
    throw HttpError(400, "invalid_neighbourhood_id", "Bitte ein Quartier wählen (oder im Profil Ihr eigenes angeben). / Please choose a neighbourhood (or set your own in your profile).");
  auto nb = id > 0 ? quartier::neighbourhood(id) : std::nullopt;
  if (!nb)
    throw HttpError(400, "invalid_neighbourhood_id", "Dieses Quartier gibt es nicht; bitte eines aus der Liste wählen. / This neighbourhood does not exist; please choose one from the list.");
  name = nb->name;
  return id;
}

std::int64_t query_area(const quartier::Request& req) {
  auto id = query_int(req, "neighbourhood_id", 0, 0, INT64_MAX);
  if (id == 0)
    if (auto me = quartier::user(req.user_id())) id = me->neighbourhood_id;
  if (id == 0)
    throw HttpError(400, "invalid_neighbourhood_id", "Bitte ein Quartier wählen (oder im Profil Ihr eigenes angeben). / Please choose a neighbourhood (or set your own in your profile).");
  return id;
}

}  // namespace help
