// Neighbourhood outlines: GeoJSON Polygon / MultiPolygon checks and messages that say where.
#include <catch2/catch.hpp>

#include <cmath>

#include <boost/json/parse.hpp>

#include "platform/geo/geojson.hpp"

using qt::accounts::polygon_problem;

namespace {

std::string problem_of(const std::string& geojson, std::size_t max = qt::accounts::kMaxPolygonVertices) {
  auto p = polygon_problem(boost::json::parse(geojson), max);
  return p ? p->message : std::string();
}

const char* kSquare = R"({"type":"Polygon","coordinates":[[[13.40,52.50],[13.42,52.50],[13.42,52.52],[13.40,52.52],[13.40,52.50]]]})";

}  // namespace

TEST_CASE("valid polygons, with holes and as MultiPolygon, pass", "[unit][accounts][geojson]") {
  CHECK(problem_of(kSquare).empty());
  // A square with a square hole.
  CHECK(problem_of(R"({"type":"Polygon","coordinates":[
      [[0,0],[10,0],[10,10],[0,10],[0,0]],
      [[2,2],[2,4],[4,4],[4,2],[2,2]]]})").empty());
  CHECK(problem_of(R"({"type":"MultiPolygon","coordinates":[
      [[[0,0],[1,0],[1,1],[0,1],[0,0]]],
      [[[5,5],[6,5],[6,6],[5,6],[5,5]]]],"bbox":[0,0,6,6]})").empty());
  // Altitude is allowed as a third number.
  CHECK(problem_of(R"({"type":"Polygon","coordinates":[[[0,0,30],[1,0,30],[1,1,30],[0,0,30]]]})").empty());
}

TEST_CASE("wrong type, missing coordinates and unknown members are refused", "[unit][accounts][geojson]") {
  CHECK_THAT(problem_of(R"({"type":"Point","coordinates":[13.4,52.5]})"), Catch::Contains("\"Polygon\" oder \"MultiPolygon\""));
  CHECK_THAT(problem_of(R"({"type":"Polygon"})"), Catch::Contains("coordinates fehlt"));
  CHECK_THAT(problem_of(R"({"type":"Polygon","coordinates":[],"properties":{}})"), Catch::Contains("properties"));
  CHECK_THAT(problem_of(R"([1,2])"), Catch::Contains("GeoJSON-Objekt"));
  CHECK_THAT(problem_of(R"({"type":"Polygon","coordinates":[]})"), Catch::Contains("Liste von Ringen"));
}

TEST_CASE("rings need 4 positions and must be closed, the message names the ring", "[unit][accounts][geojson]") {
  const auto few = problem_of(R"({"type":"Polygon","coordinates":[[[0,0],[1,0],[0,0]]]})");
  CHECK_THAT(few, Catch::Contains("Ring 1 (Außenring): hat 3 Positionen, nötig sind mindestens 4"));
  CHECK_THAT(few, Catch::Contains("ring 1 (outer): has 3 positions"));
  const auto open = problem_of(R"({"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]})");
  CHECK_THAT(open, Catch::Contains("Ring 1 (Außenring), Position 4: der Ring ist nicht geschlossen"));
  const auto hole = problem_of(R"({"type":"Polygon","coordinates":[[[0,0],[10,0],[10,10],[0,10],[0,0]],[[2,2],[2,4],[4,4]]]})");
  CHECK_THAT(hole, Catch::Contains("Ring 2 (Loch): hat 3 Positionen"));
}

TEST_CASE("positions must be numbers in lon/lat range, the message names the position", "[unit][accounts][geojson]") {
  auto p = polygon_problem(boost::json::parse(
      R"({"type":"Polygon","coordinates":[[[13.4,52.5],[13.5,52.5],[13.5,95],[13.4,52.5]]]})"));
  REQUIRE(p);
  CHECK_THAT(p->message, Catch::Contains("Ring 1 (Außenring), Position 3: Breite 95 liegt nicht zwischen -90 und 90"));
  CHECK_THAT(p->message, Catch::Contains("ring 1 (outer), position 3: latitude 95"));
  CHECK(p->ring == 0);
  CHECK(p->position == 2);
  CHECK(p->details().at("position").as_int64() == 2);
  // Swapped order (lat, lon) of a place far north-east shows up as a longitude problem... or not:
  // 52.5 is a valid longitude; 190 is not.
  CHECK_THAT(problem_of(R"({"type":"Polygon","coordinates":[[[190,10],[11,10],[11,11],[190,10]]]})"),
             Catch::Contains("Position 1: Länge 190 liegt nicht zwischen -180 und 180"));
  CHECK_THAT(problem_of(R"({"type":"Polygon","coordinates":[[[0,0],["1",0],[1,1],[0,0]]]})"),
             Catch::Contains("Position 2: Länge und Breite müssen Zahlen sein"));
  CHECK_THAT(problem_of(R"({"type":"Polygon","coordinates":[[[0,0],[1],[1,1],[0,0]]]})"),
             Catch::Contains("Position 2: ist keine Position"));
  CHECK_THAT(problem_of(R"({"type":"Polygon","coordinates":[[[0,0],[1,0],[1,0],[1,1],[0,0]]]})"),
             Catch::Contains("Position 3: wiederholt Position 2"));
}

TEST_CASE("self-intersections and crossing rings are refused", "[unit][accounts][geojson]") {
  // A bow tie: the edges 1-2 and 3-4 cross.
  const auto bow = problem_of(R"({"type":"Polygon","coordinates":[[[0,0],[2,2],[2,0],[0,2],[0,0]]]})");
  CHECK_THAT(bow, Catch::Contains("Ring 1 (Außenring): die Kante von Position 1 nach 2 kreuzt oder berührt die Kante "
                                  "von Position 3 nach 4"));
  CHECK_THAT(bow, Catch::Contains("must not intersect itself"));
  // A spike: the outline goes out and straight back.
  CHECK_THAT(problem_of(R"({"type":"Polygon","coordinates":[[[0,0],[4,0],[2,0],[2,2],[0,0]]]})"),
             Catch::Contains("läuft hier auf sich selbst zurück"));
  // All on one line: the way back folds onto the way out.
  CHECK_THAT(problem_of(R"({"type":"Polygon","coordinates":[[[0,0],[1,1],[2,2],[0,0]]]})"),
             Catch::Contains("Ring 1 (Außenring), Position 1: der Umriss läuft hier auf sich selbst zurück"));
  // A hole that pokes out of the outer ring.
  CHECK_THAT(problem_of(R"({"type":"Polygon","coordinates":[[[0,0],[10,0],[10,10],[0,10],[0,0]],
      [[8,8],[8,12],[9,12],[9,8],[8,8]]]})"),
             Catch::Contains("Ring 2 (Loch), Position 1: die Kante ab hier kreuzt oder berührt Ring 1"));
  // In a MultiPolygon the polygon is named too.
  CHECK_THAT(problem_of(R"({"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],
      [[[0,0],[2,2],[2,0],[0,2],[0,0]]]]})"),
             Catch::Contains("Polygon 2, Ring 1 (Außenring)"));
}

TEST_CASE("the vertex limit holds over all rings", "[unit][accounts][geojson]") {
  CHECK(problem_of(kSquare, 5).empty());
  CHECK_THAT(problem_of(kSquare, 4), Catch::Contains("zu viele Eckpunkte (höchstens 4"));
  // A large valid ring (a circle of 5000 points) passes quickly.
  std::string ring;
  for (int i = 0; i < 5000; ++i) {
    const double a = 2 * 3.14159265358979 * i / 5000;
    ring += "[" + std::to_string(13.4 + 0.01 * std::cos(a)) + "," + std::to_string(52.5 + 0.01 * std::sin(a)) + "],";
  }
  ring += "[" + std::to_string(13.4 + 0.01) + "," + std::to_string(52.5) + "]";
  CHECK(problem_of(R"({"type":"Polygon","coordinates":[[)" + ring + "]]}").empty());
}
