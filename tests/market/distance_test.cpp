// Distance search through the real server on both databases: listings (by their coarse pickup
// point, or their neighbourhood's centre) and businesses sorted and filtered by distance from a
// chosen point or the viewer's neighbourhood centre; bad points and parameters refused.
#include "market_fixture.hpp"
#include "pg_test_db.hpp"

using namespace qt::test;
using namespace qt::test::market;

namespace {

std::vector<std::string> titles(Person& p, const std::string& query) {
  std::vector<std::string> out;
  const auto page = ok_json(p.get(kApi + "/listings" + query));  // kept: the loop walks into it
  for (const auto& l : page.at("listings").as_array()) out.emplace_back(l.at("title").as_string());
  return out;
}

}  // namespace

TEST_CASE("distance: listings by pickup point, nearest first, within a radius", "[market][distance]") {
  for_each_dialect([](const DbTarget& target) {
    MarketServer s(target.url);  // Altstadt: lon 13.0..13.1, lat 52.0..52.1
    auto anna = s.person("anna", "resident", s.altstadt);
    auto ben = s.person("ben", "resident", s.altstadt);

    // Refused points change nothing.
    CHECK(error_code(anna.send("POST", kApi + "/listings", {{"type", "give_away"}, {"title", "Hafenkiste"}, {"category", "other"},
                                                              {"lat", 52.05}, {"lon", 13.25}})) == "invalid_location");
    CHECK(error_code(anna.send("POST", kApi + "/listings", {{"type", "give_away"}, {"title", "Halb"}, {"category", "other"}, {"lat", 52.05}})) ==
          "invalid_location");
    CHECK(error_code(anna.send("POST", kApi + "/listings", {{"type", "give_away"}, {"title", "Text"}, {"category", "other"},
                                                              {"lat", "Nord"}, {"lon", 13.0}})) == "invalid_lat");
    CHECK(ok_json(anna.get(kApi + "/listings?mine=1")).at("listings").as_array().empty());

    // The pickup point is kept on a ~200 m grid, never exactly.
    auto sw = make_listing(anna, {{"type", "give_away"}, {"title", "Südwest"}, {"category", "other"}, {"lat", 52.0123}, {"lon", 13.0157}});
    CHECK(sw.at("location").at("lat").as_double() == Approx(52.012));
    CHECK(sw.at("location").at("lon").as_double() == Approx(13.016));
    make_listing(anna, {{"type", "give_away"}, {"title", "Nordost"}, {"category", "other"}, {"lat", 52.09}, {"lon", 13.09}});
    auto mid = make_listing(ben, {{"type", "give_away"}, {"title", "Mitte"}, {"category", "other"}});  // no point: the centre
    CHECK(mid.at("location").is_null());

    CHECK(titles(ben, "?sort=distance&lat=52.09&lon=13.09") == std::vector<std::string>{"Nordost", "Mitte", "Südwest"});
    CHECK(titles(ben, "?sort=distance&lat=52.012&lon=13.016") == std::vector<std::string>{"Südwest", "Mitte", "Nordost"});
    // From the viewer's neighbourhood centre when no point is given.
    auto near = ok_json(ben.get(kApi + "/listings?sort=distance")).at("listings").as_array();
    REQUIRE(near.size() == 3);
    CHECK(near.at(0).at("title").as_string() == "Mitte");
    CHECK(near.at(0).at("distance_m").as_int64() < 50);
    CHECK(near.at(1).at("distance_m").as_int64() > 4000);  // ~5.4 km to either corner
    // Within a radius.
    CHECK(titles(ben, "?max_km=1&lat=52.09&lon=13.09") == std::vector<std::string>{"Nordost"});
    CHECK(titles(ben, "?max_km=7&sort=distance").size() == 3);
    CHECK(titles(ben, "?max_km=7&sort=distance&type=sell").empty());  // with the other facets

    // A PATCH moves or removes the point, inside the neighbourhood only.
    const auto sw_path = kApi + "/listings/" + id(sw.at("id").as_int64());
    CHECK(error_code(anna.send("PATCH", sw_path, {{"lat", 52.05}, {"lon", 13.25}})) == "invalid_location");
    CHECK(ok_json(anna.send("PATCH", sw_path, {{"lat", nullptr}, {"lon", nullptr}})).at("location").is_null());

    // Bad parameters are refused with what was wrong.
    CHECK(error_code(ben.get(kApi + "/listings?sort=far")) == "invalid_sort");
    CHECK(error_code(ben.get(kApi + "/listings?max_km=abc")) == "invalid_max_km");
    CHECK(error_code(ben.get(kApi + "/listings?max_km=500")) == "invalid_max_km");
    CHECK(error_code(ben.get(kApi + "/listings?lat=95&lon=13")) == "invalid_lat");
    CHECK(error_code(ben.get(kApi + "/listings?lat=52")) == "invalid_location");
    CHECK(error_code(ben.get(kApi + "/listings?mine=1&sort=distance")) == "invalid_sort");
  });
}

TEST_CASE("distance: the business directory nearest first and within a radius", "[market][distance]") {
  for_each_dialect([](const DbTarget& target) {
    MarketServer s(target.url);
    auto ines = s.person("ines", "resident", s.altstadt);
    auto nobody = s.person("ohneort");
    make_business(ines, "Mitte-Laden");  // at 52.05, 13.05
    ok_json(ines.send("POST", kApi + "/businesses", {{"name", "Eck-Café"}, {"category", "restaurant"}, {"address", "Ecke 1"},
                                                    {"lat", 52.01}, {"lon", 13.01}}), 201);
    auto names = [&](Person& p, const std::string& query) {
      std::vector<std::string> out;
      const auto page = ok_json(p.get(kApi + "/businesses" + query));
      for (const auto& b : page.at("businesses").as_array()) out.emplace_back(b.at("name").as_string());
      return out;
    };
    CHECK(names(ines, "") == std::vector<std::string>{"Eck-Café", "Mitte-Laden"});  // by name
    CHECK(names(ines, "?sort=distance") == std::vector<std::string>{"Mitte-Laden", "Eck-Café"});
    CHECK(names(ines, "?sort=distance&lat=52.011&lon=13.011") == std::vector<std::string>{"Eck-Café", "Mitte-Laden"});
    CHECK(names(ines, "?max_km=1&lat=52.011&lon=13.011") == std::vector<std::string>{"Eck-Café"});
    auto card = ok_json(ines.get(kApi + "/businesses?sort=distance&lat=52.01&lon=13.01")).at("businesses").at(0);
    CHECK(card.at("distance_m").as_int64() == 0);
    // Anonymous visitors and people without a neighbourhood give a point.
    HttpClient anonymous(s.server.port());
    CHECK(anonymous.get(kApi + "/businesses?sort=distance").error_code() == "invalid_location");
    CHECK(error_code(nobody.get(kApi + "/businesses?sort=distance")) == "invalid_location");
    CHECK(anonymous.get(kApi + "/businesses?sort=distance&lat=52.05&lon=13.05").json().at("businesses").as_array().size() == 2);
  });
}
