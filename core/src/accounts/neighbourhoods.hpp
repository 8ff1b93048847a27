#pragma once
// Neighbourhoods (Quartiere): name, slug, description, postcodes, optional GeoJSON polygon.
#include <cstdint>
#include <optional>
#include <string>

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
boost::json::object neighbourhood_json(const Neighbourhood& n);
std::int64_t insert_neighbourhood(soci::session& s, const Neighbourhood& n);

// "berlin-mitte": lower-case letters, digits and dashes, 1..60 characters.
bool valid_slug(const std::string& slug);

}  // namespace qt::accounts
