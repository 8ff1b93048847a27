#include "neighbours.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <mutex>

#include <boost/json.hpp>
#include <quartier/plugin.hpp>

namespace help {
namespace {

Ring read_ring(const boost::json::value& v) {
  Ring r;
  if (!v.is_array()) return r;
  for (const auto& p : v.as_array()) {
    if (!p.is_array() || p.as_array().size() < 2) continue;
    const auto& xy = p.as_array();
    if (!xy[0].is_number() || !xy[1].is_number()) continue;
    r.push_back({xy[0].to_number<double>(), xy[1].to_number<double>()});
  }
  return r;
}

// Metres on a local flat projection around `lat0`: fine at the scale of a city.
struct Flat {
  double kx, ky;
  explicit Flat(double lat0) : kx(111320.0 * std::cos(lat0 * M_PI / 180.0)), ky(110540.0) {}
};

double segment_distance(const Flat& f, Point p, Point a, Point b) {
  const double px = p.lon * f.kx, py = p.lat * f.ky, ax = a.lon * f.kx, ay = a.lat * f.ky;
  const double bx = b.lon * f.kx, by = b.lat * f.ky;
  const double dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / len2 : 0;
  t = std::clamp(t, 0.0, 1.0);
  return std::hypot(px - (ax + t * dx), py - (ay + t * dy));
}

bool corner_near(const Flat& f, const std::vector<Ring>& from, const std::vector<Ring>& to, double tol) {
  for (const auto& ring : from)
    for (const auto& p : ring)
      for (const auto& edge : to)
        for (std::size_t i = 1; i < edge.size(); ++i)
          if (segment_distance(f, p, edge[i - 1], edge[i]) <= tol) return true;
  return false;
}

struct Box {
  double x0 = 1e9, y0 = 1e9, x1 = -1e9, y1 = -1e9;
};
Box box_of(const std::vector<Ring>& rs) {
  Box b;
  for (const auto& r : rs)
    for (const auto& p : r) {
      b.x0 = std::min(b.x0, p.lon);
      b.y0 = std::min(b.y0, p.lat);
      b.x1 = std::max(b.x1, p.lon);
      b.y1 = std::max(b.y1, p.lat);
    }
  return b;
}

}  // namespace

std::vector<Ring> parse_outline(std::string_view geojson) {
  std::vector<Ring> out;
  boost::system::error_code ec;
  auto v = boost::json::parse(geojson, ec);
  if (ec || !v.is_object()) return out;
  const auto& o = v.as_object();
  const auto* type = o.if_contains("type");
  const auto* coords = o.if_contains("coordinates");
  if (!type || !coords || !type->is_string() || !coords->is_array()) return out;
  if (type->as_string() == "Polygon") {
    for (const auto& ring : coords->as_array()) out.push_back(read_ring(ring));
  } else if (type->as_string() == "MultiPolygon") {
    for (const auto& poly : coords->as_array())
      if (poly.is_array())
        for (const auto& ring : poly.as_array()) out.push_back(read_ring(ring));
  }
  return out;
}

bool outlines_touch(const std::vector<Ring>& a, const std::vector<Ring>& b, double tolerance_m) {
  if (a.empty() || b.empty()) return false;
  const Box ba = box_of(a), bb = box_of(b);
  const double margin = tolerance_m / 100000.0 * 2;  // degrees, generous
  if (ba.x1 + margin < bb.x0 || bb.x1 + margin < ba.x0 || ba.y1 + margin < bb.y0 || bb.y1 + margin < ba.y0) return false;
  const Flat f((ba.y0 + ba.y1) / 2);
  return corner_near(f, a, b, tolerance_m) || corner_near(f, b, a, tolerance_m);
}

std::vector<std::int64_t> neighbours_of(std::int64_t id) {
  // Outlines change seldom (an admin edits them); a minute's cache keeps matching cheap.
  static std::mutex mu;
  static std::map<std::int64_t, std::pair<std::int64_t, std::vector<std::int64_t>>> cache;
  const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                       std::chrono::steady_clock::now().time_since_epoch()).count();
  {
    std::lock_guard<std::mutex> lock(mu);
    auto it = cache.find(id);
    if (it != cache.end() && now - it->second.first < 60000) return it->second.second;
  }
  std::vector<std::int64_t> out;
  const auto all = quartier::neighbourhoods();
  std::vector<Ring> mine;
  for (const auto& n : all)
    if (n.id == id) mine = parse_outline(n.polygon);
  for (const auto& n : all)
    if (n.id != id && outlines_touch(mine, parse_outline(n.polygon))) out.push_back(n.id);
  std::lock_guard<std::mutex> lock(mu);
  cache[id] = {now, out};
  return out;
}

}  // namespace help
