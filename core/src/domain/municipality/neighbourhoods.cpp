#include "domain/municipality/neighbourhoods.hpp"

#include <cmath>

#include <boost/json/parse.hpp>

#include "domain/errors/error.hpp"
#include "platform/geo/contains.hpp"

namespace qt::accounts {

std::optional<Neighbourhood> load_neighbourhood(soci::session& s, std::int64_t id) {
  Neighbourhood n;
  const long long key = id;
  long long nid = 0, created = 0;
  soci::indicator poly_ind = soci::i_ok;
  s << "SELECT id, slug, name, description, postcodes, polygon, created_at FROM neighbourhoods WHERE id = :id",
      soci::use(key), soci::into(nid), soci::into(n.slug), soci::into(n.name), soci::into(n.description),
      soci::into(n.postcodes), soci::into(n.polygon, poly_ind), soci::into(created);
  if (!s.got_data()) return std::nullopt;
  if (poly_ind != soci::i_ok) n.polygon.clear();
  n.id = nid;
  n.created_at = created;
  return n;
}

boost::json::array list_neighbourhoods(soci::session& s) {
  boost::json::array out;
  for (const auto& n : all_neighbourhoods(s)) out.push_back(neighbourhood_json(n));
  return out;
}

std::vector<Neighbourhood> all_neighbourhoods(soci::session& s) {
  std::vector<Neighbourhood> out;
  Neighbourhood n;
  long long id = 0, created = 0;
  soci::indicator poly_ind = soci::i_ok;
  soci::statement st = (s.prepare << "SELECT id, slug, name, description, postcodes, polygon, created_at "
                                     "FROM neighbourhoods ORDER BY name, id",
                        soci::into(id), soci::into(n.slug), soci::into(n.name), soci::into(n.description),
                        soci::into(n.postcodes), soci::into(n.polygon, poly_ind), soci::into(created));
  st.execute();
  while (st.fetch()) {
    if (poly_ind != soci::i_ok) n.polygon.clear();
    n.id = id;
    n.created_at = created;
    out.push_back(n);
  }
  return out;
}

std::optional<std::int64_t> neighbourhood_at(soci::session& s, double lat, double lon) {
  if (!std::isfinite(lat) || !std::isfinite(lon) || lat < -90 || lat > 90 || lon < -180 || lon > 180)
    throw domain::Error(domain::ErrorKind::invalid, "invalid_position",
                        "Breite -90..90 und Länge -180..180 angeben. / Give latitude -90..90 and longitude -180..180.");
  std::optional<std::int64_t> best;
  for (const auto& n : all_neighbourhoods(s)) {
    if (n.polygon.empty() || (best && *best < n.id)) continue;
    boost::system::error_code ec;
    const auto geometry = boost::json::parse(n.polygon, ec);
    if (!ec && geo::covers(geometry, lon, lat)) best = n.id;
  }
  return best;
}

boost::json::object neighbourhood_json(const Neighbourhood& n) {
  boost::json::object o;
  o["id"] = n.id;
  o["slug"] = n.slug;
  o["name"] = n.name;
  o["description"] = n.description;
  boost::json::array codes;
  std::string_view rest = n.postcodes;
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    auto part = rest.substr(0, comma);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
    if (!part.empty()) codes.emplace_back(part);
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  o["postcodes"] = std::move(codes);
  if (n.polygon.empty()) {
    o["polygon"] = nullptr;
  } else {
    boost::system::error_code ec;
    auto v = boost::json::parse(n.polygon, ec);
    o["polygon"] = ec ? boost::json::value(nullptr) : v;
  }
  return o;
}

std::int64_t insert_neighbourhood(soci::session& s, const Neighbourhood& n) {
  long long id = 0;
  const long long t = n.created_at;
  soci::indicator poly_ind = n.polygon.empty() ? soci::i_null : soci::i_ok;
  s << "INSERT INTO neighbourhoods (slug, name, description, postcodes, polygon, created_at) "
       "VALUES (:s, :n, :d, :p, :poly, :t) RETURNING id",
      soci::use(n.slug), soci::use(n.name), soci::use(n.description), soci::use(n.postcodes),
      soci::use(n.polygon, poly_ind), soci::use(t), soci::into(id);
  return id;
}

bool valid_slug(const std::string& slug) {
  if (slug.empty() || slug.size() > 60 || slug.front() == '-' || slug.back() == '-') return false;
  for (char c : slug)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  return true;
}

}  // namespace qt::accounts
