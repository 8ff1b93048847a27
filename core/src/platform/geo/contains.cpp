#include "platform/geo/contains.hpp"

#include <boost/geometry.hpp>
#include <boost/geometry/geometries/point_xy.hpp>
#include <boost/geometry/geometries/polygon.hpp>
#include <boost/json.hpp>

namespace qt::geo {
namespace {

namespace bg = boost::geometry;
using Point = bg::model::d2::point_xy<double>;
using Polygon = bg::model::polygon<Point, false /* GeoJSON's exteriors run counter-clockwise */>;

bool read_ring(const boost::json::value& ring, Polygon::ring_type& out) {
  if (!ring.is_array()) return false;
  for (const auto& pos : ring.as_array()) {
    if (!pos.is_array() || pos.as_array().size() < 2) return false;
    const auto& a = pos.as_array();
    if (!a[0].is_number() || !a[1].is_number()) return false;
    out.emplace_back(a[0].to_number<double>(), a[1].to_number<double>());
  }
  return !out.empty();
}

bool read_polygon(const boost::json::value& rings, Polygon& out) {
  if (!rings.is_array() || rings.as_array().empty()) return false;
  const auto& list = rings.as_array();
  if (!read_ring(list[0], out.outer())) return false;
  for (std::size_t i = 1; i < list.size(); ++i) {
    out.inners().emplace_back();
    if (!read_ring(list[i], out.inners().back())) return false;
  }
  bg::correct(out);  // fixes orientation and closes rings, whatever the writer did
  return true;
}

}  // namespace

bool covers(const boost::json::value& geometry, double lon, double lat) {
  const auto* obj = geometry.if_object();
  if (!obj) return false;
  const auto* type = obj->if_contains("type");
  const auto* coords = obj->if_contains("coordinates");
  if (!type || !type->is_string() || !coords || !coords->is_array()) return false;
  const Point p(lon, lat);
  if (type->as_string() == "Polygon") {
    Polygon poly;
    return read_polygon(*coords, poly) && bg::covered_by(p, poly);
  }
  if (type->as_string() != "MultiPolygon") return false;
  for (const auto& rings : coords->as_array()) {
    Polygon poly;
    if (read_polygon(rings, poly) && bg::covered_by(p, poly)) return true;
  }
  return false;
}

}  // namespace qt::geo
