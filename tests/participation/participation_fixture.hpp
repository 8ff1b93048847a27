#pragma once
// The real server with the participation plugin, people made with the CLI (`quartier user add`),
// staff given a department by an admin, neighbourhoods with outlines, topics routed to
// departments, and the steps the participation tests share.
#include <catch2/catch.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <regex>
#include <string>
#include <thread>

#include <boost/json.hpp>

#include "http_client.hpp"
#include "test_server.hpp"

namespace qt::test::participation {

inline const std::string kApi = "/api/p/participation";

struct Person {
  std::int64_t id = 0;
  std::string email, password;
  std::unique_ptr<HttpClient> http;
  HttpResponse get(const std::string& target) { return http->get(target); }
  HttpResponse send(const std::string& method, const std::string& target, const boost::json::value& body = boost::json::object{}) {
    return http->send_json(method, target, body);
  }
};

inline std::string str(const boost::json::value& v) { return std::string(v.as_string()); }
inline std::string id(std::int64_t v) { return std::to_string(v); }

inline boost::json::value ok_json(const HttpResponse& r, int status = 200) {
  INFO(r.status << " " << r.body);
  REQUIRE(r.status == status);
  return r.json();
}

// A refusal: the status and code, and a message in words.
inline void refused(const HttpResponse& r, int status, const std::string& code) {
  INFO(r.status << " " << r.body);
  CHECK(r.status == status);
  CHECK(r.error_code() == code);
}

// Polls until pred() holds; false after `bound` (state, never a fixed sleep).
inline bool wait_for(const std::function<bool()>& pred, std::chrono::seconds bound = std::chrono::seconds(60)) {
  const auto deadline = std::chrono::steady_clock::now() + bound;
  while (std::chrono::steady_clock::now() < deadline) {
    if (pred()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return pred();
}

// A square outline, lon/lat, as GeoJSON wants it.
inline boost::json::value square(double lon, double lat, double size) {
  boost::json::array ring{boost::json::array{lon, lat}, boost::json::array{lon + size, lat},
                          boost::json::array{lon + size, lat + size}, boost::json::array{lon, lat + size},
                          boost::json::array{lon, lat}};
  return boost::json::object{{"type", "Polygon"}, {"coordinates", boost::json::array{ring}}};
}

inline ServerSetup participation_setup(const std::string& db_url, const std::string& plugin_toml = "") {
  ServerSetup s;
  s.database_url = db_url;
  s.plugins = {"participation"};
  if (!plugin_toml.empty()) s.extra_toml = "[plugins.participation]\n" + plugin_toml + "\n";
  return s;
}

struct ParticipationServer {
  TestServer server;
  std::unique_ptr<Person> admin_;

  explicit ParticipationServer(const std::string& db_url, const std::string& plugin_toml = "")
      : server(participation_setup(db_url, plugin_toml)) {}

  Person person(const std::string& name, const std::string& role = "resident") {
    const std::string email = name + "@teststadt.test";
    auto r = run_quartier({"-c", server.config_path().string(), "user", "add", "--email", email, "--name", name, "--role", role});
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
    std::smatch m;
    REQUIRE(std::regex_search(r.output, m, std::regex("password: ([A-Z0-9-]+)")));
    Person p;
    p.email = email;
    p.password = m[1];
    p.http = std::make_unique<HttpClient>(server.port());
    auto login = p.http->send_json("POST", "/api/auth/login", {{"email", email}, {"password", p.password}});
    INFO(login.body);
    REQUIRE(login.status == 200);
    p.http->csrf_token = std::string(login.json().at("csrf_token").as_string());
    p.id = p.http->get("/api/me").json().at("user").at("id").as_int64();
    return p;
  }

  Person& admin() {
    if (!admin_) admin_ = std::make_unique<Person>(person("ada", "admin"));
    return *admin_;
  }

  // Staff of a department (set by the admin, as the municipality does).
  Person staff(const std::string& name, const std::string& department) {
    auto p = person(name, "staff");
    ok_json(admin().send("PATCH", "/api/admin/users/" + id(p.id), {{"department", department}}));
    return p;
  }

  std::int64_t topic(const std::string& slug, const std::string& department) {
    return ok_json(admin().send("POST", kApi + "/topics", {{"slug", slug}, {"name_de", slug}, {"name_en", slug}, {"department", department}}), 201)
        .at("id").as_int64();
  }

  std::int64_t neighbourhood(const std::string& slug, const boost::json::value& polygon) {
    return ok_json(admin().send("POST", "/api/neighbourhoods", {{"slug", slug}, {"name", slug}, {"polygon", polygon}}), 201)
        .at("id").as_int64();
  }
};

inline boost::json::object ask(Person& p, std::int64_t topic, const std::string& text, boost::json::object extra = {}) {
  extra["topic_id"] = topic;
  extra["text"] = text;
  return ok_json(p.send("POST", kApi + "/questions", extra), 201).as_object();
}

// The person's notifications of a kind (the core stores it as participation.<kind>).
inline boost::json::array notices(Person& p, const std::string& kind) {
  boost::json::array out;
  const auto body = ok_json(p.get("/api/notifications"));
  for (const auto& n : body.at("items").as_array())
    if (n.at("kind").as_string() == "participation." + kind) out.push_back(n);
  return out;
}

inline std::vector<std::int64_t> ids(const boost::json::value& body, const char* key = "questions") {
  std::vector<std::int64_t> out;
  for (const auto& q : body.at(key).as_array()) out.push_back(q.at("id").as_int64());
  return out;
}

}  // namespace qt::test::participation
