#pragma once
// Whether a GeoJSON Polygon or MultiPolygon (RFC 7946, lon/lat) covers a point: inside, or on
// an edge. Holes (inner rings) are outside. Boost.Geometry does the arithmetic.
#include <boost/json/value.hpp>

namespace qt::geo {

// False for anything that is not a Polygon or MultiPolygon with numeric positions.
bool covers(const boost::json::value& geometry, double lon, double lat);

}  // namespace qt::geo
