#pragma once
// The real server with the help plugin, three neighbourhoods with outlines (Nord and Mitte share
// a border, Fern lies apart), people made with the CLI, and the steps the help tests share.
#include <catch2/catch.hpp>

#include <chrono>
#include <memory>
#include <regex>
#include <string>
#include <thread>

#include <boost/json.hpp>

#include "http_client.hpp"
#include "test_server.hpp"

namespace qt::test::help {

// with_fixture: also the plain-C fixture of ABI 1.3 (help), abi13_help, from its own folder.
// with_groups: also the groups plugin (coordinating organisations are groups).
inline ServerSetup help_setup(const std::string& db_url, const std::string& plugin_toml, bool with_fixture = false,
                              bool with_groups = false) {
  ServerSetup s;
  s.database_url = db_url;
  s.plugins = {"help"};
  if (with_groups) s.plugins.push_back("groups");
  if (with_fixture) {
    s.plugins.push_back("abi13_help");
    s.plugin_dirs = {QT_HELP_FIXTURE_DIR, QUARTIER_PLUGIN_BUILD_DIR};
  }
  s.extra_toml = "[plugins.help]\n" + plugin_toml + "\n";
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

inline boost::json::array square(double lon0, double lat0, double lon1, double lat1) {
  return boost::json::array{boost::json::array{boost::json::array{lon0, lat0}, boost::json::array{lon1, lat0},
                                               boost::json::array{lon1, lat1}, boost::json::array{lon0, lat1},
                                               boost::json::array{lon0, lat0}}};
}

inline std::int64_t now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}
inline std::int64_t in_days(int d) { return now_ms() + d * 24LL * 3600 * 1000; }

struct HelpServer {
  TestServer server;
  std::int64_t nord = 0, mitte = 0, fern = 0;

  explicit HelpServer(const std::string& db_url, const std::string& plugin_toml = "", bool with_fixture = false,
                      bool with_groups = false)
      : server(help_setup(db_url, plugin_toml, with_fixture, with_groups)) {
    auto admin = person("admin", 0, "admin");
    nord = area(admin, "nord", "Nord", square(7.80, 48.00, 7.82, 48.02));
    mitte = area(admin, "mitte", "Mitte", square(7.82, 48.00, 7.84, 48.02));  // shares Nord's east edge
    fern = area(admin, "fern", "Fern", square(7.90, 48.00, 7.92, 48.02));
  }

  std::int64_t area(Person& admin, const std::string& slug, const std::string& name, const boost::json::array& poly) {
    auto r = admin.send("POST", "/api/neighbourhoods",
                        {{"slug", slug}, {"name", name}, {"polygon", {{"type", "Polygon"}, {"coordinates", poly}}}});
    INFO(r.body);
    REQUIRE(r.status == 201);
    return r.json().at("id").as_int64();
  }

  // A signed-in person living in `nb` (0 = none), speaking `language`.
  Person person(const std::string& name, std::int64_t nb = 0, const std::string& role = "resident",
                const std::string& language = "de") {
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
    boost::json::object patch{{"language", language}};
    if (nb) patch["neighbourhood_id"] = nb;
    auto pr = p.send("PATCH", "/api/me", patch);
    INFO(pr.body);
    REQUIRE(pr.status == 200);
    return p;
  }
};

inline std::string str(const boost::json::value& v) { return std::string(v.as_string()); }

// Offers help and returns the offer.
inline boost::json::object offer(Person& p, const std::string& category, std::int64_t nb, const std::string& when = "any") {
  auto r = p.send("POST", "/api/p/help/offers", {{"category", category}, {"neighbourhood_id", nb}, {"when", when}, {"text", "Gern"}});
  INFO(r.body);
  REQUIRE((r.status == 201 || r.status == 200));
  return r.json().as_object();
}

// Asks for help (once, in three days, unless `extra` says otherwise) and returns the request.
inline boost::json::object ask(Person& p, const std::string& category, boost::json::object extra = {}) {
  extra["category"] = category;
  if (!extra.contains("text")) extra["text"] = "Bitte um Hilfe beim " + category;
  if (!extra.contains("when")) extra["when"] = "once";
  if (!extra.contains("due_at") && str(extra["when"]) != "regularly") extra["due_at"] = in_days(3);
  auto r = p.send("POST", "/api/p/help/requests", extra);
  INFO(r.body);
  REQUIRE(r.status == 201);
  return r.json().as_object();
}

inline std::string rpath(const boost::json::object& r, const std::string& rest = "") {
  return "/api/p/help/requests/" + std::to_string(r.at("id").as_int64()) + rest;
}

// Titles of the person's notifications of `kind`, newest first.
inline std::vector<std::string> titles(Person& p, const std::string& kind) {
  auto r = p.get("/api/notifications?limit=100");
  INFO(r.body);
  REQUIRE(r.status == 200);
  std::vector<std::string> out;
  const auto body = r.json();
  for (const auto& n : body.at("items").as_array())
    if (n.at("kind").as_string() == kind) out.push_back(str(n.at("payload").at("title")));
  return out;
}

// The status on the request's stream card, as the core hands it out.
inline std::string card_status(Person& viewer, const boost::json::object& request) {
  auto r = viewer.get("/api/content/" + std::to_string(request.at("content_id").as_int64()));
  INFO(r.body);
  REQUIRE(r.status == 200);
  return str(r.json().at("card").at("status"));
}

// Coordinating organisations (groups).
// A public group made by `owner`; returns {container_id, slug}.
inline std::pair<std::int64_t, std::string> make_group(Person& owner, const std::string& name, const std::string& slug) {
  auto r = owner.send("POST", "/api/p/groups/groups", {{"name", name}, {"slug", slug}, {"category", "other"}, {"visibility", "public"}});
  INFO(r.body);
  REQUIRE(r.status == 201);
  return {r.json().at("container_id").as_int64(), slug};
}

inline void join(Person& p, const std::string& slug) {
  auto r = p.send("POST", "/api/p/groups/groups/" + slug + "/join");
  INFO(r.body);
  REQUIRE(r.status == 200);
}

// A coordinator's path for a request: /api/p/help/coordination/requests/{id}<rest>.
inline std::string coord(const boost::json::object& r, const std::string& rest) {
  return "/api/p/help/coordination/requests/" + std::to_string(r.at("id").as_int64()) + rest;
}

inline std::string cpath(std::int64_t container) { return "/api/p/help/coordinators/" + std::to_string(container); }

}  // namespace qt::test::help
