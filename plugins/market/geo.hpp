#pragma once
// Distances for "near me": the point a search measures from (a chosen one or the centre of the
// viewer's neighbourhood), the centre of a neighbourhood's outline, and distances in metres.
// The databases sort by an equirectangular approximation (plain arithmetic, the same on SQLite
// and PostgreSQL); the metres shown are great-circle distances.
#include <cstdint>
#include <optional>
#include <string>

#include <quartier/plugin.hpp>

namespace market {

struct Point {
  double lat = 0, lon = 0;
};

// The centre of a GeoJSON Polygon / MultiPolygon (lon/lat): the area-weighted centroid of its
// largest ring; nullopt for an empty or malformed outline.
std::optional<Point> outline_centre(const std::string& geojson);
std::optional<Point> neighbourhood_centre(std::int64_t neighbourhood_id);

// Great-circle distance in metres.
double distance_m(const Point& a, const Point& b);

// A distance search read from the query: lat & lon (both or neither; else the centre of the
// viewer's neighbourhood), sort=distance, max_km (0.1..100). 400 for a malformed value, or when a
// point is needed and neither given nor known (anonymous visitors, no neighbourhood chosen).
struct Nearness {
  std::optional<Point> from;
  bool sort = false;
  double max_km = 0;  // 0 = no limit
};
Nearness read_nearness(const quartier::Request& req);

// SQL pieces over the column expressions `lat` and `lon`: the squared approximate distance in degrees
// of latitude (bound as :dla1, :dla2, :dlo1, :dlo2, :dk1, :dk2) and the filter against :dmax.
std::string distance_sql(const std::string& lat, const std::string& lon);
void bind_distance(quartier::Statement& s, const Point& from, double max_km);

// Coarsens a pickup point to a grid of about 200 m so that no exact address is kept.
Point coarse(const Point& p);

}  // namespace market
