// The GeoJSON reader (platform/geo): any JSON as a neighbourhood's outline. polygon_problem
// either accepts it or names where it is wrong; covers() answers for any value. An accepted
// outline covers its own first vertex (on an edge counts as inside).
#include <boost/json/parse.hpp>

#include "fuzz_check.hpp"
#include "platform/geo/contains.hpp"
#include "platform/geo/geojson.hpp"

namespace {

using qt::fuzz::check;

// The first position of a Polygon or the first polygon of a MultiPolygon.
const boost::json::array* first_position(const boost::json::value& g) {
  const auto* o = g.if_object();
  const auto* type = o ? o->if_contains("type") : nullptr;
  const auto* coords = o ? o->if_contains("coordinates") : nullptr;
  if (!type || !coords || !type->is_string()) return nullptr;
  const auto* a = coords->if_array();
  if (a && type->as_string() == "MultiPolygon") a = !a->empty() ? a->front().if_array() : nullptr;
  const auto* ring = a && !a->empty() ? a->front().if_array() : nullptr;
  return ring && !ring->empty() ? ring->front().if_array() : nullptr;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  boost::system::error_code ec;
  const auto geometry = boost::json::parse(qt::fuzz::as_text(data, size), ec);
  if (ec) return 0;
  const auto problem = qt::accounts::polygon_problem(geometry, 200);
  (void)qt::geo::covers(geometry, 8.4, 49.0);
  if (problem) {
    check(!problem->message.empty(), "a problem says what is wrong");
    (void)problem->details();
    return 0;
  }
  const auto* pos = first_position(geometry);
  check(pos && pos->size() >= 2, "an accepted outline has positions");
  const double lon = (*pos)[0].to_number<double>(), lat = (*pos)[1].to_number<double>();
  check(qt::geo::covers(geometry, lon, lat), "an accepted outline covers its own first vertex");
  return 0;
}
