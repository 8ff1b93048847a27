#pragma once
// Neighbourhoods (Quartiere): name, slug, description, postcodes, optional GeoJSON polygon.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <soci/soci.h>

namespace qt::accounts {

struct Neighbourhood {
  std::int64_t id = 0;
  std::string slug, name, description, postcodes;  // postcodes comma-separated
  std::string polygon;                              // "" = none
  std::int64_t created_at = 0;
};

std::optional<Neighbourhood> load_neighbourhood(soci::session& s, std::int64_t id);
boost::json::array list_neighbourhoods(soci::session& s);
// Every neighbourhood ordered by name, then id.
std::vector<Neighbourhood> all_neighbourhoods(soci::session& s);
// The neighbourhood whose outline covers the point (on an edge counts; the lowest id wins where
// outlines overlap); nullopt outside every outline. Throws domain::Error (invalid) for
// coordinates outside -90..90 / -180..180 or not finite.
std::optional<std::int64_t> neighbourhood_at(soci::session& s, double lat, double lon);
boost::json::object neighbourhood_json(const Neighbourhood& n);
std::int64_t insert_neighbourhood(soci::session& s, const Neighbourhood& n);

// "berlin-mitte": lower-case letters, digits and dashes, 1..60 characters.
bool valid_slug(const std::string& slug);

}  // namespace qt::accounts
