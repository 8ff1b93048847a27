// Neighbourhood outlines through the API: a valid polygon is stored, a broken one is refused
// with a message and details that say which ring and position is wrong.
#include <boost/json/parse.hpp>

#include "accounts_fixture.hpp"

using namespace qt::test;

TEST_CASE("neighbourhood polygons are validated and errors name the ring and position", "[accounts][integration][admin][geojson]") {
  AccountsServer s;
  const auto pw = s.add_user("admin@example.de", "Admin", "admin");
  auto admin = s.login("admin@example.de", pw);
  const auto square = boost::json::parse(
      R"({"type":"Polygon","coordinates":[[[13.40,52.50],[13.42,52.50],[13.42,52.52],[13.40,52.52],[13.40,52.50]]]})");
  auto ok = admin.send_json("POST", "/api/neighbourhoods", {{"slug", "kanal"}, {"name", "Am Kanal"}, {"polygon", square}});
  INFO(ok.body);
  REQUIRE(ok.status == 201);
  CHECK(str(ok.json().at("polygon").at("type")) == "Polygon");

  const auto bad_lat = boost::json::parse(
      R"({"type":"Polygon","coordinates":[[[13.40,52.50],[13.42,52.50],[13.42,92.52],[13.40,52.50]]]})");
  auto r = admin.send_json("POST", "/api/neighbourhoods", {{"slug", "nord"}, {"name", "Nord"}, {"polygon", bad_lat}});
  CHECK(r.status == 400);
  CHECK(r.error_code() == "invalid_polygon");
  CHECK(r.body.find("Ring 1 (Außenring), Position 3: Breite 92.52") != std::string::npos);
  const auto body = r.json();
  CHECK(body.at("error").at("details").at("ring").as_int64() == 0);
  CHECK(body.at("error").at("details").at("position").as_int64() == 2);

  const auto bow = boost::json::parse(R"({"type":"Polygon","coordinates":[[[0,0],[2,2],[2,0],[0,2],[0,0]]]})");
  const auto id = ok.json().at("id").as_int64();
  auto patch = admin.send_json("PATCH", "/api/neighbourhoods/" + std::to_string(id), {{"polygon", bow}});
  CHECK(patch.status == 400);
  CHECK(patch.body.find("schneiden") != std::string::npos);
  // Unchanged after the refusal.
  CHECK(str(s.client().get("/api/neighbourhoods/" + std::to_string(id)).json().at("polygon").at("type")) == "Polygon");
}
