#include "geo.hpp"

#include <cmath>
#include <numbers>

#include <boost/json.hpp>

#include "util.hpp"

namespace market {
namespace {

constexpr double kEarthM = 6371008.8;
constexpr double kDegM = kEarthM * std::numbers::pi / 180.0;  // metres per degree of latitude
constexpr double kGrid = 0.002;                                // degrees: ~220 m north-south

double rad(double deg) { return deg * std::numbers::pi / 180.0; }

// Shoelace centroid of one ring of [lon, lat] pairs; *area gets its absolute area.
std::optional<Point> ring_centre(const boost::json::array& ring, double* area) {
  double a = 0, cx = 0, cy = 0;
  for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
    const auto& p = ring[i].as_array();
    const auto& q = ring[i + 1].as_array();
    const double x0 = p.at(0).to_number<double>(), y0 = p.at(1).to_number<double>();
    const double x1 = q.at(0).to_number<double>(), y1 = q.at(1).to_number<double>();
    const double cross = x0 * y1 - x1 * y0;
    a += cross;
    cx += (x0 + x1) * cross;
    cy += (y0 + y1) * cross;
  }
  if (std::fabs(a) < 1e-12) return std::nullopt;
  *area = std::fabs(a / 2);
  return Point{cy / (3 * a), cx / (3 * a)};
}

std::optional<double> query_number(const quartier::Request& req, std::string_view name, double lo, double hi) {
  const auto v = req.query(name);
  if (!v || v->empty()) return std::nullopt;
  const std::string text(*v);
  char* end = nullptr;
  const double d = std::strtod(text.c_str(), &end);
  const std::string k(name);
  if (end != text.c_str() + text.size() || !std::isfinite(d) || d < lo || d > hi)
    bad("invalid_" + k, "'" + k + "' muss eine Zahl von " + std::to_string(lo) + " bis " + std::to_string(hi) + " sein.",
        "'" + k + "' must be a number from " + std::to_string(lo) + " to " + std::to_string(hi) + ".");
  return d;
}

}  // namespace

std::optional<Point> outline_centre(const std::string& geojson) {
  boost::system::error_code ec;
  const auto v = boost::json::parse(geojson, ec);
  if (ec || !v.is_object()) return std::nullopt;
  try {
    const auto& o = v.as_object();
    const auto type = o.at("type").as_string();
    std::vector<const boost::json::array*> polygons;
    if (type == "Polygon") polygons.push_back(&o.at("coordinates").as_array());
    else if (type == "MultiPolygon")
      for (const auto& p : o.at("coordinates").as_array()) polygons.push_back(&p.as_array());
    std::optional<Point> best;
    double best_area = 0;
    for (const auto* poly : polygons) {
      if (poly->empty()) continue;
      double area = 0;
      auto c = ring_centre(poly->at(0).as_array(), &area);
      if (c && area > best_area) best = c, best_area = area;
    }
    return best;
  } catch (const std::exception&) {
    return std::nullopt;  // not the shape GeoJSON promises
  }
}

std::optional<Point> neighbourhood_centre(std::int64_t neighbourhood_id) {
  if (neighbourhood_id == 0) return std::nullopt;
  const auto n = quartier::neighbourhood(neighbourhood_id);
  return n ? outline_centre(n->polygon) : std::nullopt;
}

double distance_m(const Point& a, const Point& b) {
  const double dlat = rad(b.lat - a.lat), dlon = rad(b.lon - a.lon);
  const double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(rad(a.lat)) * std::cos(rad(b.lat)) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarthM * std::asin(std::min(1.0, std::sqrt(h)));
}

Nearness read_nearness(const quartier::Request& req) {
  Nearness n;
  const auto lat = query_number(req, "lat", -90, 90);
  const auto lon = query_number(req, "lon", -180, 180);
  if (lat.has_value() != lon.has_value()) bad("invalid_location", "lat und lon nur zusammen.", "lat and lon only together.");
  const auto sort = req.query("sort").value_or("");
  if (!sort.empty() && sort != "distance" && sort != "newest" && sort != "name")
    bad("invalid_sort", "Sortierung: distance, newest oder name.", "Sort: distance, newest or name.");
  n.sort = sort == "distance";
  n.max_km = query_number(req, "max_km", 0.1, 100).value_or(0);
  if (lat) n.from = Point{*lat, *lon};
  if (!n.from && (n.sort || n.max_km > 0)) {
    const auto me = req.user_id() != 0 ? quartier::user(req.user_id()) : std::nullopt;
    n.from = neighbourhood_centre(me ? me->neighbourhood_id : 0);
    if (!n.from)
      bad("invalid_location", "Für die Entfernung bitte einen Ort (lat, lon) angeben oder im Profil das eigene Quartier wählen.",
          "For distances, please give a place (lat, lon) or choose your neighbourhood in your profile.");
  }
  return n;
}

std::string distance_sql(const std::string& lat, const std::string& lon) {
  return "((" + lat + " - :dla1) * (" + lat + " - :dla2) + (" + lon + " - :dlo1) * :dk1 * (" + lon + " - :dlo2) * :dk2)";
}

void bind_distance(quartier::Statement& s, const Point& from, double max_km) {
  const double k = std::cos(rad(from.lat));
  s.bind("dla1", from.lat).bind("dla2", from.lat).bind("dlo1", from.lon).bind("dlo2", from.lon).bind("dk1", k).bind("dk2", k);
  if (max_km > 0) {
    const double deg = max_km * 1000.0 / kDegM;
    s.bind("dmax", deg * deg);
  }
}

Point coarse(const Point& p) {
  return Point{std::round(p.lat / kGrid) * kGrid, std::round(p.lon / kGrid) * kGrid};
}

}  // namespace market
