#include <catch2/catch.hpp>

#include <boost/json.hpp>

#include "platform/http/metrics.hpp"
#include "platform/http/request.hpp"
#include "platform/http/response.hpp"
#include "platform/http/static_files.hpp"
#include "platform/http/url_decode.hpp"
#include "temp_dir.hpp"

using namespace qt::http;

TEST_CASE("percent decoding of paths and queries", "[http]") {
  CHECK(percent_decode("a%20b+c", true) == "a b c");
  CHECK(percent_decode("a%20b+c", false) == "a b+c");
  CHECK(percent_decode("%zz%4", false) == "%zz%4");
  CHECK(decode_path("/stra%C3%9Fe") == std::optional<std::string>("/straße"));
  CHECK_FALSE(decode_path("/a%00b"));
  CHECK_FALSE(decode_path("/a%2"));
  CHECK_FALSE(decode_path("/a%g1"));
}

TEST_CASE("query parameters and ids", "[http]") {
  Request req;
  req.query = "q=M%C3%BCller+Stra%C3%9Fe&empty&limit=20";
  CHECK(req.query_param("q") == std::optional<std::string>("Müller Straße"));
  CHECK(req.query_param("empty") == std::optional<std::string>(""));
  CHECK(req.query_param("limit") == std::optional<std::string>("20"));
  CHECK_FALSE(req.query_param("missing"));
  req.path_params = {{"id", "17"}, {"bad", "17x"}, {"neg", "-3"}};
  CHECK(req.id_param("id") == 17);
  CHECK_THROWS_AS(req.id_param("bad"), HttpError);
  CHECK_THROWS_AS(req.id_param("neg"), HttpError);
  CHECK_THROWS_AS(req.id_param("none"), HttpError);
}

TEST_CASE("errors have one JSON shape", "[http]") {
  auto r = Response::error(422, "invalid_field", "Feld fehlt");
  CHECK(r.status == 422);
  CHECK(r.header("content-type") == std::optional<std::string_view>("application/json; charset=utf-8"));
  const auto v = boost::json::parse(r.body);
  CHECK(v.at("error").at("code") == "invalid_field");
  CHECK(v.at("error").at("message") == "Feld fehlt");
  auto e = HttpError(409, "conflict", "schon da", boost::json::object{{"field", "email"}}).to_response();
  CHECK(boost::json::parse(e.body).at("error").at("details").at("field") == "email");
}

TEST_CASE("static files stay inside their folder", "[http][static]") {
  qt::test::TempDir dir;
  dir.write("web/index.html", "<!doctype html>");
  dir.write("web/assets/app-1.js", "x");
  dir.write("secret.txt", "do not serve");
  StaticFiles files(dir / "web");
  Request req;
  req.method = "GET";
  auto ok = files.serve(req, "/assets/app-1.js");
  REQUIRE(ok);
  CHECK(ok->header("Content-Type") == std::optional<std::string_view>("text/javascript; charset=utf-8"));
  CHECK(ok->header("Cache-Control") == std::optional<std::string_view>("public, max-age=31536000, immutable"));
  CHECK_FALSE(files.serve(req, "/../secret.txt"));
  CHECK_FALSE(files.serve(req, "/assets/../../secret.txt"));
  CHECK_FALSE(files.serve(req, "/assets\\..\\..\\secret.txt"));
  // A client route falls back to the app shell; a missing file with an extension does not.
  auto shell = files.serve(req, "/gruppen/42");
  REQUIRE(shell);
  CHECK(shell->file->filename() == "index.html");
  CHECK(shell->header("Cache-Control") == std::optional<std::string_view>("no-cache"));
  CHECK_FALSE(files.serve(req, "/assets/missing.js"));
}

TEST_CASE("static files: symlinks out of the folder are refused", "[http][static]") {
  qt::test::TempDir dir;
  dir.write("web/index.html", "<!doctype html>");
  dir.write("outside.txt", "secret");
  std::filesystem::create_symlink(dir / "outside.txt", dir / "web" / "link.txt");
  StaticFiles files(dir / "web");
  Request req;
  CHECK_FALSE(files.serve(req, "/link.txt"));
}

TEST_CASE("metrics render in Prometheus text format", "[http][metrics]") {
  Metrics m;
  m.observe("GET", "/api/stream", 200, 0.004);
  m.observe("GET", "/api/stream", 200, 0.3);
  m.add_gauge("quartier_test_gauge", "A test gauge.", [] {
    return std::vector<std::pair<std::string, double>>{{"state=\"x\"", 3}};
  });
  const auto text = m.render();
  CHECK_THAT(text, Catch::Contains("quartier_http_requests_total{method=\"GET\",route=\"/api/stream\",status=\"200\"} 2"));
  CHECK_THAT(text, Catch::Contains("quartier_http_request_duration_seconds_bucket{route=\"/api/stream\",le=\"0.005\"} 1"));
  CHECK_THAT(text, Catch::Contains("quartier_http_request_duration_seconds_bucket{route=\"/api/stream\",le=\"+Inf\"} 2"));
  CHECK_THAT(text, Catch::Contains("# TYPE quartier_test_gauge gauge"));
  CHECK_THAT(text, Catch::Contains("quartier_test_gauge{state=\"x\"} 3"));
}
