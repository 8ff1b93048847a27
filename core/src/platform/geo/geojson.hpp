#pragma once
// Checks a neighbourhood's outline: a GeoJSON Polygon or MultiPolygon (RFC 7946) in lon/lat,
// with closed rings of at least 4 positions, no ring crossing itself or another ring of the same
// polygon, and a sane number of vertices. Problems name the polygon, ring and position.
#include <cstddef>
#include <optional>
#include <string>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

namespace qt::accounts {

constexpr std::size_t kMaxPolygonVertices = 10000;

struct GeoProblem {
  std::string message;  // German / English, 1-based numbers as a person counts
  // 0-based indexes of where it is, -1 where it does not apply (for the error's details).
  long polygon = -1, ring = -1, position = -1;
  boost::json::object details() const;
};

std::optional<GeoProblem> polygon_problem(const boost::json::value& geometry,
                                          std::size_t max_vertices = kMaxPolygonVertices);

}  // namespace qt::accounts
