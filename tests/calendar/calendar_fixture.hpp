#pragma once
// The real server with the calendar (and groups) plugin, a real SMTP sink, people made with the
// CLI (`quartier user add`), and the steps the calendar tests share.
#include <catch2/catch.hpp>

#include <memory>
#include <regex>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "http_client.hpp"
#include "pg_test_db.hpp"
#include "smtp_sink.hpp"
#include "test_server.hpp"

namespace qt::test::cal {

inline ServerSetup calendar_setup(const SmtpSink& smtp, const std::string& db_url, const std::string& extra = "") {
  ServerSetup s;
  s.database_url = db_url;
  s.plugins = {"groups", "calendar"};
  s.extra_toml = "[mail]\nsmtp_url = \"" + smtp.url() + "\"\nfrom = \"Quartier Teststadt <noreply@teststadt.test>\"\n"
                 "digest_hour = -1\n" + extra;
  return s;
}

struct Person {
  std::int64_t id = 0;
  std::string email, password;
  std::unique_ptr<HttpClient> http;
  HttpResponse get(const std::string& target) { return http->get(target); }
  HttpResponse send(const std::string& method, const std::string& target, const boost::json::value& body = boost::json::object{}) {
    return http->send_json(method, target, body);
  }
};

inline boost::json::value ok(const HttpResponse& r, int status = 200) {
  INFO(r.status << " " << r.body);
  REQUIRE(r.status == status);
  return r.json();
}

struct CalendarServer {
  SmtpSink smtp;
  TestServer server;

  explicit CalendarServer(const std::string& db_url, const std::string& extra = "")
      : smtp(), server(calendar_setup(smtp, db_url, extra)) {}

  // department: a staff account's department of the administration ("" = none).
  Person person(const std::string& name, const std::string& role = "resident", const std::string& department = "") {
    const std::string email = name + "@teststadt.test";
    std::vector<std::string> args{"-c", server.config_path().string(), "user", "add", "--email", email, "--name", name, "--role", role};
    if (!department.empty()) args.insert(args.end(), {"--department", department});
    auto r = run_quartier(args);
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
    std::smatch m;
    REQUIRE(std::regex_search(r.output, m, std::regex("password: ([A-Z0-9-]+)")));
    Person p;
    p.email = email;
    p.password = m[1];
    p.http = std::make_unique<HttpClient>(server.port());
    auto login = p.http->send_json("POST", "/api/auth/login", {{"email", email}, {"password", std::string(m[1])}});
    INFO(login.body);
    REQUIRE(login.status == 200);
    p.http->csrf_token = std::string(login.json().at("csrf_token").as_string());
    p.id = p.http->get("/api/me").json().at("user").at("id").as_int64();
    return p;
  }
  HttpClient anonymous() { return HttpClient(server.port()); }
};

// A neighbourhood made by an admin; polygon: a square of `size` degrees at lon/lat (or none).
inline std::int64_t make_neighbourhood(Person& admin, const std::string& slug, double lon = 0, double lat = 0, double size = 0) {
  boost::json::object body{{"slug", slug}, {"name", slug}};
  if (size > 0) {
    boost::json::array ring{boost::json::array{lon, lat}, boost::json::array{lon + size, lat},
                            boost::json::array{lon + size, lat + size}, boost::json::array{lon, lat + size},
                            boost::json::array{lon, lat}};
    body["polygon"] = boost::json::object{{"type", "Polygon"}, {"coordinates", boost::json::array{ring}}};
  }
  return ok(admin.send("POST", "/api/neighbourhoods", body), 201).at("id").as_int64();
}

// The calendar of `kind` ("city", "neighbourhood", or a group's name) among the person's calendars.
inline boost::json::object calendar_of(Person& p, const std::string& kind_or_name) {
  auto list = ok(p.get("/api/p/calendar/calendars")).at("calendars").as_array();
  for (const auto& c : list)
    if (c.at("kind").as_string() == kind_or_name || c.at("name").as_string() == kind_or_name) return c.as_object();
  FAIL("no calendar " << kind_or_name);
  return {};
}

inline boost::json::object create_event(Person& p, std::int64_t container, boost::json::object fields) {
  fields["container_id"] = container;
  if (!fields.contains("title")) fields["title"] = "Straßenfest";
  if (!fields.contains("starts")) fields["starts"] = "2026-06-06T14:00";
  if (!fields.contains("ends")) fields["ends"] = "2026-06-06T18:00";
  return ok(p.send("POST", "/api/p/calendar/events", fields), 201).as_object();
}

inline std::string eid(const boost::json::object& e) { return std::to_string(e.at("id").as_int64()); }
inline std::string epath(const boost::json::object& e, const std::string& rest = "") {
  return "/api/p/calendar/events/" + eid(e) + rest;
}

// Occurrences in [from, to) UTC ms with extra query parameters.
inline boost::json::array occurrences(HttpClient& http, std::int64_t from, std::int64_t to, const std::string& extra = "") {
  auto r = http.get("/api/p/calendar/occurrences?from=" + std::to_string(from) + "&to=" + std::to_string(to) + extra);
  INFO(r.status << " " << r.body);
  REQUIRE(r.status == 200);
  return r.json().at("occurrences").as_array();
}

// 2026-06-01T00:00Z and 2026-07-01T00:00Z.
constexpr std::int64_t kJune = 1780272000000;
constexpr std::int64_t kJuly = 1782864000000;

}  // namespace qt::test::cal
