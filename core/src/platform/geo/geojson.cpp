#include "platform/geo/geojson.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include <fmt/format.h>

namespace qt::accounts {
namespace {

namespace json = boost::json;

struct Pt {
  double x = 0, y = 0;  // lon, lat
};

struct Seg {
  Pt a, b;
  long ring = 0, index = 0;  // index = position of a (0-based) in its ring
  double minx = 0, maxx = 0;
};

// Where a problem is, and how to say it in both languages.
struct Place {
  bool multi = false;
  long polygon = -1, ring = -1, position = -1;

  std::string de() const {
    std::string s;
    if (multi && polygon >= 0) s += fmt::format("Polygon {}", polygon + 1);
    if (ring >= 0) s += fmt::format("{}Ring {}{}", s.empty() ? "" : ", ", ring + 1, ring == 0 ? " (Außenring)" : " (Loch)");
    if (position >= 0) s += fmt::format("{}Position {}", s.empty() ? "" : ", ", position + 1);
    return s.empty() ? "Polygon" : s;
  }
  std::string en() const {
    std::string s;
    if (multi && polygon >= 0) s += fmt::format("polygon {}", polygon + 1);
    if (ring >= 0) s += fmt::format("{}ring {}{}", s.empty() ? "" : ", ", ring + 1, ring == 0 ? " (outer)" : " (hole)");
    if (position >= 0) s += fmt::format("{}position {}", s.empty() ? "" : ", ", position + 1);
    return s.empty() ? "polygon" : s;
  }
};

GeoProblem problem(const Place& p, const std::string& de, const std::string& en) {
  GeoProblem g;
  g.message = p.de() + ": " + de + " / " + p.en() + ": " + en;
  g.polygon = p.polygon;
  g.ring = p.ring;
  g.position = p.position;
  return g;
}

// Sign of the cross product (b - a) x (c - a), in long double so nearly collinear points decide well.
int orient(const Pt& a, const Pt& b, const Pt& c) {
  const long double v = (static_cast<long double>(b.x) - a.x) * (static_cast<long double>(c.y) - a.y) -
                        (static_cast<long double>(b.y) - a.y) * (static_cast<long double>(c.x) - a.x);
  return (v > 0) - (v < 0);
}

bool within(const Pt& a, const Pt& b, const Pt& c) {  // c on the line ab: is it inside the box?
  return std::min(a.x, b.x) <= c.x && c.x <= std::max(a.x, b.x) && std::min(a.y, b.y) <= c.y &&
         c.y <= std::max(a.y, b.y);
}

bool intersect(const Pt& p1, const Pt& p2, const Pt& p3, const Pt& p4) {
  const int d1 = orient(p3, p4, p1), d2 = orient(p3, p4, p2), d3 = orient(p1, p2, p3), d4 = orient(p1, p2, p4);
  if (d1 * d2 < 0 && d3 * d4 < 0) return true;
  return (d1 == 0 && within(p3, p4, p1)) || (d2 == 0 && within(p3, p4, p2)) || (d3 == 0 && within(p1, p2, p3)) ||
         (d4 == 0 && within(p1, p2, p4));
}

bool same(const Pt& a, const Pt& b) { return a.x == b.x && a.y == b.y; }

// Reads one ring; returns its points or a problem.
std::optional<GeoProblem> read_ring(const json::value& v, Place place, std::vector<Pt>& out, std::size_t& budget,
                                    std::size_t max) {
  if (!v.is_array())
    return problem(place, "ist keine Liste von Positionen", "is not a list of positions");
  const auto& arr = v.as_array();
  if (arr.size() < 4)
    return problem(place, fmt::format("hat {} Positionen, nötig sind mindestens 4 (drei Ecken und zum Schluss "
                                      "noch einmal die erste)", arr.size()),
                   fmt::format("has {} positions; at least 4 are needed (three corners, then the first again)",
                               arr.size()));
  if (arr.size() > budget)
    return problem(place, fmt::format("zu viele Eckpunkte (höchstens {} insgesamt); bitte den Umriss vereinfachen",
                                      max),
                   fmt::format("too many vertices (at most {} in all); please simplify the outline", max));
  budget -= arr.size();
  out.clear();
  out.reserve(arr.size());
  for (std::size_t i = 0; i < arr.size(); ++i) {
    place.position = static_cast<long>(i);
    const auto& p = arr[i];
    if (!p.is_array() || p.as_array().size() < 2 || p.as_array().size() > 3)
      return problem(place, "ist keine Position [Länge, Breite]", "is not a position [longitude, latitude]");
    const auto& c = p.as_array();
    for (const auto& n : c)
      if (!n.is_number())
        return problem(place, "Länge und Breite müssen Zahlen sein", "longitude and latitude must be numbers");
    const Pt pt{c[0].to_number<double>(), c[1].to_number<double>()};
    if (!std::isfinite(pt.x) || pt.x < -180 || pt.x > 180)
      return problem(place, fmt::format("Länge {} liegt nicht zwischen -180 und 180 (Reihenfolge ist [Länge, Breite])", pt.x),
                     fmt::format("longitude {} is not between -180 and 180 (order is [longitude, latitude])", pt.x));
    if (!std::isfinite(pt.y) || pt.y < -90 || pt.y > 90)
      return problem(place, fmt::format("Breite {} liegt nicht zwischen -90 und 90 (Reihenfolge ist [Länge, Breite])", pt.y),
                     fmt::format("latitude {} is not between -90 and 90 (order is [longitude, latitude])", pt.y));
    if (!out.empty() && same(out.back(), pt))
      return problem(place, fmt::format("wiederholt Position {}; bitte doppelte Punkte entfernen", i),
                     fmt::format("repeats position {}; please remove duplicate points", i));
    out.push_back(pt);
  }
  place.position = static_cast<long>(arr.size() - 1);
  // The loop refused a repeat of the previous point, so the closing point is checked here.
  const auto& first = arr.front().as_array();
  const auto& last = arr.back().as_array();
  if (first[0].to_number<double>() != last[0].to_number<double>() ||
      first[1].to_number<double>() != last[1].to_number<double>())
    return problem(place, "der Ring ist nicht geschlossen: die letzte Position muss gleich der ersten sein",
                   "the ring is not closed: the last position must equal the first");
  return std::nullopt;
}

// Shoelace: all points on one line enclose nothing. Checked after the crossings, since a
// bow tie's two halves cancel out to zero as well.
bool encloses_area(const std::vector<Pt>& ring) {
  long double area = 0;
  for (std::size_t i = 0; i + 1 < ring.size(); ++i)
    area += static_cast<long double>(ring[i].x) * ring[i + 1].y - static_cast<long double>(ring[i + 1].x) * ring[i].y;
  return std::fabs(static_cast<double>(area)) >= 1e-14;
}

// Rings of one polygon: none may cross itself or another.
std::optional<GeoProblem> check_crossings(const std::vector<std::vector<Pt>>& rings, Place place) {
  std::vector<Seg> segs;
  for (std::size_t r = 0; r < rings.size(); ++r)
    for (std::size_t i = 0; i + 1 < rings[r].size(); ++i) {
      Seg s{rings[r][i], rings[r][i + 1], static_cast<long>(r), static_cast<long>(i), 0, 0};
      s.minx = std::min(s.a.x, s.b.x);
      s.maxx = std::max(s.a.x, s.b.x);
      segs.push_back(s);
    }
  std::sort(segs.begin(), segs.end(), [](const Seg& l, const Seg& r) { return l.minx < r.minx; });
  for (std::size_t i = 0; i < segs.size(); ++i) {
    const Seg& s = segs[i];
    for (std::size_t j = i + 1; j < segs.size() && segs[j].minx <= s.maxx; ++j) {
      const Seg& t = segs[j];
      const Seg& lo = s.ring < t.ring || (s.ring == t.ring && s.index < t.index) ? s : t;
      const Seg& hi = &lo == &s ? t : s;
      if (std::max(lo.a.y, lo.b.y) < std::min(hi.a.y, hi.b.y) || std::max(hi.a.y, hi.b.y) < std::min(lo.a.y, lo.b.y))
        continue;
      if (lo.ring == hi.ring) {
        const long n = static_cast<long>(rings[static_cast<std::size_t>(lo.ring)].size()) - 1;  // edges
        const bool next = hi.index == lo.index + 1;
        const bool wrap = lo.index == 0 && hi.index == n - 1;
        if (next || wrap) {
          // Neighbours share one corner; they only go wrong by folding back onto each other.
          const Pt& corner = next ? lo.b : lo.a;
          const Pt& p = next ? lo.a : lo.b;
          const Pt& q = next ? hi.b : hi.a;
          if (orient(p, corner, q) == 0 && (p.x - corner.x) * (q.x - corner.x) + (p.y - corner.y) * (q.y - corner.y) > 0) {
            place.ring = lo.ring;
            place.position = next ? hi.index : lo.index;
            return problem(place, "der Umriss läuft hier auf sich selbst zurück (Spitze ohne Fläche)",
                           "the outline folds back onto itself here (a spike without area)");
          }
          continue;
        }
        if (!intersect(lo.a, lo.b, hi.a, hi.b)) continue;
        place.ring = lo.ring;
        place.position = -1;
        return problem(place,
                       fmt::format("die Kante von Position {} nach {} kreuzt oder berührt die Kante von Position {} "
                                   "nach {}; ein Ring darf sich nicht selbst schneiden",
                                   lo.index + 1, lo.index + 2, hi.index + 1, hi.index + 2),
                       fmt::format("the edge from position {} to {} crosses or touches the edge from position {} to {}; "
                                   "a ring must not intersect itself",
                                   lo.index + 1, lo.index + 2, hi.index + 1, hi.index + 2));
      }
      if (intersect(lo.a, lo.b, hi.a, hi.b)) {
        place.ring = hi.ring;
        place.position = hi.index;
        return problem(place,
                       fmt::format("die Kante ab hier kreuzt oder berührt Ring {} (Kante ab Position {})", lo.ring + 1,
                                   lo.index + 1),
                       fmt::format("the edge from here crosses or touches ring {} (edge from position {})", lo.ring + 1,
                                   lo.index + 1));
      }
    }
  }
  return std::nullopt;
}

std::optional<GeoProblem> check_polygon(const json::value& v, Place place, std::size_t& budget, std::size_t max) {
  if (!v.is_array() || v.as_array().empty())
    return problem(place, "braucht eine Liste von Ringen (zuerst der Außenring, dann Löcher)",
                   "needs a list of rings (the outer ring first, then holes)");
  std::vector<std::vector<Pt>> rings(v.as_array().size());
  for (std::size_t r = 0; r < rings.size(); ++r) {
    place.ring = static_cast<long>(r);
    if (auto p = read_ring(v.as_array()[r], place, rings[r], budget, max)) return p;
  }
  place.ring = -1;
  if (auto p = check_crossings(rings, place)) return p;
  for (std::size_t r = 0; r < rings.size(); ++r) {
    place.ring = static_cast<long>(r);
    if (!encloses_area(rings[r]))
      return problem(place, "umschließt keine Fläche (alle Punkte auf einer Linie)",
                     "encloses no area (all points on one line)");
  }
  return std::nullopt;
}

}  // namespace

boost::json::object GeoProblem::details() const {
  boost::json::object o;
  if (polygon >= 0) o["polygon"] = polygon;
  if (ring >= 0) o["ring"] = ring;
  if (position >= 0) o["position"] = position;
  return o;
}

std::optional<GeoProblem> polygon_problem(const boost::json::value& geometry, std::size_t max_vertices) {
  Place root;
  if (!geometry.is_object())
    return problem(root, "muss ein GeoJSON-Objekt sein, z. B. {\"type\": \"Polygon\", \"coordinates\": [[[13.40, 52.52], ...]]}",
                   "must be a GeoJSON object such as {\"type\": \"Polygon\", \"coordinates\": [...]}");
  const auto& o = geometry.as_object();
  for (const auto& kv : o)
    if (kv.key() != "type" && kv.key() != "coordinates" && kv.key() != "bbox")
      return problem(root, "unbekanntes Feld \"" + std::string(kv.key()) + "\"; erlaubt sind type, coordinates und bbox",
                     "unknown member \"" + std::string(kv.key()) + "\"; allowed: type, coordinates, bbox");
  const auto* type = o.if_contains("type");
  const auto* coords = o.if_contains("coordinates");
  const bool multi = type && type->is_string() && type->as_string() == "MultiPolygon";
  if (!type || !type->is_string() || (!multi && type->as_string() != "Polygon"))
    return problem(root, "type muss \"Polygon\" oder \"MultiPolygon\" sein", "type must be \"Polygon\" or \"MultiPolygon\"");
  if (!coords) return problem(root, "coordinates fehlt", "coordinates is missing");
  std::size_t budget = max_vertices;
  Place place;
  place.multi = multi;
  if (!multi) return check_polygon(*coords, place, budget, max_vertices);
  if (!coords->is_array() || coords->as_array().empty())
    return problem(root, "ein MultiPolygon braucht eine Liste von Polygonen", "a MultiPolygon needs a list of polygons");
  for (std::size_t i = 0; i < coords->as_array().size(); ++i) {
    place.polygon = static_cast<long>(i);
    if (auto p = check_polygon(coords->as_array()[i], place, budget, max_vertices)) return p;
  }
  return std::nullopt;
}

}  // namespace qt::accounts
