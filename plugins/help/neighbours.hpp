#pragma once
// Which neighbourhoods border on one another, decided from the outlines the core hands out
// (neighbourhood_list, GeoJSON Polygon or MultiPolygon): two neighbourhoods are neighbours when
// a corner of one lies within ~50 m of an edge of the other (a shared border, a shared corner,
// or outlines drawn with a small gap). A neighbourhood without an outline has no neighbours.
#include <cstdint>
#include <string_view>
#include <vector>

namespace help {

struct Point {
  double lon = 0, lat = 0;
};
using Ring = std::vector<Point>;

// Every ring of a GeoJSON Polygon or MultiPolygon text; empty for anything else.
std::vector<Ring> parse_outline(std::string_view geojson);
// Whether two outlines touch within `tolerance_m` metres.
bool outlines_touch(const std::vector<Ring>& a, const std::vector<Ring>& b, double tolerance_m = 50.0);
// The ids of the neighbourhoods bordering on `id`, from the core's outlines (cached for a minute).
std::vector<std::int64_t> neighbours_of(std::int64_t id);

}  // namespace help
