#pragma once
// The real server with the market plugin enabled, people made with the CLI (`quartier user
// add`), neighbourhoods with outlines, and the steps the market tests share.
#include <catch2/catch.hpp>

#include <filesystem>
#include <memory>
#include <regex>
#include <string>

#include <boost/json.hpp>

#include "http_client.hpp"
#include "smtp_sink.hpp"
#include "temp_dir.hpp"
#include "test_server.hpp"

namespace qt::test::market {

struct Person {
  std::int64_t id = 0;
  std::string email, password;
  std::unique_ptr<HttpClient> http;

  HttpResponse get(const std::string& target) { return http->get(target); }
  HttpResponse send(const std::string& method, const std::string& target, const boost::json::value& body = boost::json::object{}) {
    return http->send_json(method, target, body);
  }
  // A raw body (a photo), as a browser's fetch of a File sends it.
  HttpResponse upload(const std::string& target, const std::string& bytes) {
    return http->request("POST", target, bytes, {{"Content-Type", "application/octet-stream"}, {"X-CSRF-Token", http->csrf_token}});
  }
};

inline boost::json::value ok_json(const HttpResponse& r, int status = 200) {
  INFO(r.status << " " << r.body);
  REQUIRE(r.status == status);
  return r.json();
}

inline std::string error_code(const HttpResponse& r) {
  INFO(r.status << " " << r.body);
  return std::string(r.json().at("error").at("code").as_string());
}

// A square outline, lon/lat, counter-clockwise as GeoJSON wants it.
inline boost::json::value square(double lon, double lat, double size) {
  boost::json::array ring{boost::json::array{lon, lat}, boost::json::array{lon + size, lat},
                          boost::json::array{lon + size, lat + size}, boost::json::array{lon, lat + size},
                          boost::json::array{lon, lat}};
  return boost::json::object{{"type", "Polygon"}, {"coordinates", boost::json::array{ring}}};
}

struct MarketServer {
  SmtpSink smtp;
  TempDir blobs;  // [plugins.market] dir: the photos' blob store
  TestServer server;
  std::int64_t altstadt = 0, hafen = 0;

  static ServerSetup setup(const SmtpSink& smtp, const TempDir& blobs, const std::string& db_url, const std::string& market_toml) {
    ServerSetup s;
    s.database_url = db_url;
    s.plugins = {"market"};
    s.extra_toml = "[mail]\nsmtp_url = \"" + smtp.url() + "\"\nfrom = \"Quartier <noreply@teststadt.test>\"\ndigest_hour = -1\n" +
                   "[plugins.market]\ndir = \"" + blobs.path().string() + "\"\n" + market_toml;
    return s;
  }
  // Stored blobs (uploads in progress live in tmp/, not counted).
  std::size_t blob_files() const {
    std::error_code ec;
    std::size_t n = 0;
    for (auto it = std::filesystem::recursive_directory_iterator(blobs / "blobs", ec);
         !ec && it != std::filesystem::recursive_directory_iterator(); ++it)
      if (it->is_regular_file()) ++n;
    return n;
  }
  // Two neighbourhoods: Altstadt around (13.05, 52.05), Hafen around (13.25, 52.05).
  MarketServer(const std::string& db_url, const std::string& market_toml = "")
      : smtp(), blobs(), server(setup(smtp, blobs, db_url, market_toml)) {
    auto admin = person("admin", "admin");
    altstadt = ok_json(admin.send("POST", "/api/neighbourhoods", {{"slug", "altstadt"}, {"name", "Altstadt"}, {"polygon", square(13.0, 52.0, 0.1)}}), 201)
                   .at("id").as_int64();
    hafen = ok_json(admin.send("POST", "/api/neighbourhoods", {{"slug", "hafen"}, {"name", "Hafen"}, {"polygon", square(13.2, 52.0, 0.1)}}), 201)
                .at("id").as_int64();
  }

  Person person(const std::string& name, const std::string& role = "resident", std::int64_t neighbourhood = 0,
                const std::string& department = "") {
    Person p;
    p.email = name + "@teststadt.test";
    std::vector<std::string> args{"-c", server.config_path().string(), "user", "add", "--email", p.email, "--name", name, "--role", role};
    if (!department.empty()) args.insert(args.end(), {"--department", department});
    auto r = run_quartier(args);
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
    std::smatch m;
    REQUIRE(std::regex_search(r.output, m, std::regex("password: ([A-Z0-9-]+)")));
    p.password = m[1];
    p.http = std::make_unique<HttpClient>(server.port());
    auto login = p.http->send_json("POST", "/api/auth/login", {{"email", p.email}, {"password", p.password}});
    INFO(login.body);
    REQUIRE(login.status == 200);
    p.http->csrf_token = std::string(login.json().at("csrf_token").as_string());
    p.id = p.http->get("/api/me").json().at("user").at("id").as_int64();
    if (neighbourhood != 0) ok_json(p.send("PATCH", "/api/me", {{"neighbourhood_id", neighbourhood}}));
    return p;
  }
};

inline const std::string kApi = "/api/p/market";
inline std::string id(std::int64_t v) { return std::to_string(v); }

// A business in the Altstadt with the given hours; returns its JSON.
inline boost::json::object make_business(Person& owner, const std::string& name, boost::json::value hours = boost::json::object{}) {
  boost::json::object body{{"name", name}, {"category", "shop"}, {"address", "Marktstraße 1"}, {"lat", 52.05}, {"lon", 13.05},
                           {"hours", std::move(hours)}, {"payment", boost::json::array{"cash", "card"}}, {"pickup", true},
                           {"description", "**Frisches** Brot"}};
  return ok_json(owner.send("POST", kApi + "/businesses", body), 201).as_object();
}

inline boost::json::object make_listing(Person& author, boost::json::object body) {
  if (!body.contains("category")) body["category"] = "household";
  return ok_json(author.send("POST", kApi + "/listings", body), 201).as_object();
}

}  // namespace qt::test::market
