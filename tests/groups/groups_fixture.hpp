#pragma once
// The real server with the groups plugin enabled and a real SMTP sink, people made with the CLI
// (`quartier user add`), and the steps the groups tests share.
#include <catch2/catch.hpp>

#include <map>
#include <memory>
#include <regex>
#include <string>

#include <boost/json.hpp>

#include "http_client.hpp"
#include "smtp_sink.hpp"
#include "test_server.hpp"

namespace qt::test::groups {

inline ServerSetup groups_setup(const SmtpSink& smtp, const std::string& db_url, const std::string& extra_toml = "") {
  ServerSetup s;
  s.database_url = db_url;
  s.plugins = {"groups"};
  s.extra_toml = "[mail]\nsmtp_url = \"" + smtp.url() + "\"\nfrom = \"Quartier Teststadt <noreply@teststadt.test>\"\n"
                 "digest_hour = -1\n" + extra_toml;
  return s;
}

// A signed-in person: their id and a client holding their session cookie and CSRF token.
struct Person {
  std::int64_t id = 0;
  std::string email, password;
  std::unique_ptr<HttpClient> http;

  HttpResponse get(const std::string& target) { return http->get(target); }
  HttpResponse send(const std::string& method, const std::string& target, const boost::json::value& body = boost::json::object{}) {
    return http->send_json(method, target, body);
  }
  std::string cookie_header() const {
    std::string out;
    for (const auto& [k, v] : http->cookies()) out += (out.empty() ? "" : "; ") + k + "=" + v;
    return out;
  }
};

struct GroupsServer {
  SmtpSink smtp;
  TestServer server;

  // extra_toml: more configuration, e.g. the folders of stored files for a test that counts them.
  explicit GroupsServer(const std::string& db_url, const std::string& extra_toml = "")
      : smtp(), server(groups_setup(smtp, db_url, extra_toml)) {}

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
};

// Creates a group and returns its JSON.
inline boost::json::object create_group(Person& owner, const std::string& name, const std::string& visibility,
                                        boost::json::object extra = {}) {
  extra["name"] = name;
  extra["visibility"] = visibility;
  if (!extra.contains("category")) extra["category"] = "verein";
  auto r = owner.send("POST", "/api/p/groups/groups", extra);
  INFO(r.body);
  REQUIRE(r.status == 201);
  return r.json().as_object();
}

inline std::string str(const boost::json::value& v) { return std::string(v.as_string()); }
inline std::string slug(const boost::json::object& g) { return str(g.at("slug")); }
inline std::int64_t container(const boost::json::object& g) { return g.at("container_id").as_int64(); }
inline std::string gpath(const boost::json::object& g, const std::string& rest = "") {
  return "/api/p/groups/groups/" + slug(g) + rest;
}

// A post into a group through the core's POST /api/posts; returns the content id.
inline std::int64_t post(Person& author, const boost::json::object& g, const std::string& body) {
  auto r = author.send("POST", "/api/posts", {{"container_id", container(g)}, {"body", body}});
  INFO(r.body);
  REQUIRE(r.status == 201);
  return r.json().at("id").as_int64();
}

// Slugs of the groups in a list response.
inline std::vector<std::string> slugs(const HttpResponse& r, const char* key = "groups") {
  std::vector<std::string> out;
  INFO(r.status << " " << r.body);
  REQUIRE(r.status == 200);
  const auto body = r.json();  // a range-for over a temporary's member would dangle
  for (const auto& g : body.at(key).as_array()) out.push_back(str(g.at("slug")));
  return out;
}
inline bool has(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

}  // namespace qt::test::groups
