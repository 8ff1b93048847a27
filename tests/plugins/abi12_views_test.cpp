// ABI 1.2, area "views", through the real server and the plain-C fixture abi12_c on SQLite and
// PostgreSQL: container_get, the core's read checks, neighbourhoods with outlines and the
// point lookup, the people directory (paged), blocks, the city's and neighbourhoods' containers,
// conversations between two people, area notices (urgent: mailed at once), titles in the
// recipient's language and the audit log; each with its failure paths.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <regex>
#include <set>
#include <string>
#include <thread>

#include <boost/json.hpp>

#include "http_client.hpp"
#include "pg_test_db.hpp"
#include "smtp_sink.hpp"
#include "test_server.hpp"

using qt::test::HttpClient;
using qt::test::HttpResponse;

namespace {

const std::filesystem::path kFixtures = QT_TEST_PLUGIN_DIR;
const std::string kViews = "/api/p/abi12_c/views";

// A square outline, lon/lat, counter-clockwise as GeoJSON wants it.
boost::json::value square(double lon, double lat, double size) {
  boost::json::array ring{boost::json::array{lon, lat}, boost::json::array{lon + size, lat},
                          boost::json::array{lon + size, lat + size}, boost::json::array{lon, lat + size},
                          boost::json::array{lon, lat}};
  return boost::json::object{{"type", "Polygon"}, {"coordinates", boost::json::array{ring}}};
}

struct Person {
  std::int64_t id = 0;
  std::string email;
  std::unique_ptr<HttpClient> http;
  HttpResponse get(const std::string& t) { return http->get(t); }
  HttpResponse send(const std::string& m, const std::string& t, const boost::json::value& b = boost::json::object{}) {
    return http->send_json(m, t, b);
  }
  HttpResponse post_text(const std::string& t, const std::string& text) {
    return http->request("POST", t, text, {{"Content-Type", "text/plain"}, {"X-CSRF-Token", http->csrf_token}});
  }
};

struct ViewsServer {
  qt::test::SmtpSink smtp;
  qt::test::TestServer server;

  static qt::test::ServerSetup setup(const qt::test::SmtpSink& smtp, const std::string& url) {
    qt::test::ServerSetup s;
    s.database_url = url;
    s.plugin_dir = kFixtures.string();
    s.plugins = {"abi12_c"};
    s.extra_toml = "[mail]\nsmtp_url = \"" + smtp.url() + "\"\nfrom = \"Quartier <noreply@teststadt.test>\"\ndigest_hour = -1\n";
    return s;
  }
  explicit ViewsServer(const std::string& url) : smtp(), server(setup(smtp, url)) {}

  Person person(const std::string& name, const std::string& role = "resident") {
    Person p;
    p.email = name + "@teststadt.test";
    auto r = qt::test::run_quartier(
        {"-c", server.config_path().string(), "user", "add", "--email", p.email, "--name", name, "--role", role});
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
    std::smatch m;
    REQUIRE(std::regex_search(r.output, m, std::regex("password: ([A-Z0-9-]+)")));
    p.http = std::make_unique<HttpClient>(server.port());
    auto login = p.http->send_json("POST", "/api/auth/login", {{"email", p.email}, {"password", std::string(m[1])}});
    REQUIRE(login.status == 200);
    p.http->csrf_token = std::string(login.json().at("csrf_token").as_string());
    p.id = p.http->get("/api/me").json().at("user").at("id").as_int64();
    return p;
  }
};

std::string id(std::int64_t v) { return std::to_string(v); }

boost::json::value ok_json(const HttpResponse& r, int status = 200) {
  INFO(r.status << " " << r.body);
  REQUIRE(r.status == status);
  return r.json();
}

std::int64_t make_neighbourhood(Person& admin, const std::string& slug, const boost::json::value& polygon) {
  boost::json::object body{{"slug", slug}, {"name", slug}};
  if (!polygon.is_null()) body["polygon"] = polygon;
  return ok_json(admin.send("POST", "/api/neighbourhoods", body), 201).at("id").as_int64();
}

// The notifications of kind abi12_c.notice the person has, polled until there are `want` (the
// area notice is a background job) or 20 s passed.
boost::json::array notices(Person& p, std::size_t want) {
  boost::json::array found;
  for (int i = 0; i < 200; ++i) {
    found.clear();
    auto body = ok_json(p.get("/api/notifications"));
    for (const auto& n : body.at("items").as_array())
      if (n.at("kind").as_string() == "abi12_c.notice") found.push_back(n);
    if (found.size() >= want) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return found;
}

std::set<std::int64_t> user_ids(const boost::json::value& body) {
  std::set<std::int64_t> out;
  for (const auto& u : body.at("users").as_array()) out.insert(u.at("id").as_int64());
  return out;
}

}  // namespace

TEST_CASE("ABI 1.2 views: containers, read checks, neighbourhoods and people from C", "[plugins][abi12][views]") {
  qt::test::for_each_dialect([](const qt::test::DbTarget& target) {
    ViewsServer s(target.url);
    auto admin = s.person("admin", "admin");
    auto amt = s.person("amt", "staff");
    auto anna = s.person("anna"), ben = s.person("ben"), cem = s.person("cem");
    const auto altstadt = make_neighbourhood(admin, "altstadt", square(13.0, 52.0, 0.1));
    const auto hafen = make_neighbourhood(admin, "hafen", square(13.2, 52.0, 0.1));
    const auto ohne = make_neighbourhood(admin, "ohne", nullptr);
    ok_json(anna.send("PATCH", "/api/me", {{"neighbourhood_id", altstadt}}));
    ok_json(ben.send("PATCH", "/api/me", {{"neighbourhood_id", altstadt}, {"language", "en"}}));
    ok_json(cem.send("PATCH", "/api/me", {{"neighbourhood_id", hafen}}));
    ok_json(admin.send("PATCH", "/api/admin/users/" + id(amt.id), {{"department", "Tiefbauamt"}}));

    // The city's and a neighbourhood's containers, and container_get on them.
    const auto city = ok_json(anna.get(kViews + "/city")).at("container_id").as_int64();
    auto c = ok_json(anna.get(kViews + "/containers/" + id(city)));
    CHECK(c.at("kind").as_string() == "city");
    CHECK(c.at("owner").as_string() == "core");
    const auto alt_c = ok_json(anna.get(kViews + "/neighbourhoods/" + id(altstadt) + "/container")).at("container_id").as_int64();
    CHECK(ok_json(anna.get(kViews + "/neighbourhoods/" + id(altstadt) + "/container")).at("container_id").as_int64() == alt_c);
    c = ok_json(anna.get(kViews + "/containers/" + id(alt_c)));
    CHECK(c.at("kind").as_string() == "neighbourhood");
    CHECK(c.at("visibility").as_string() == "members");
    CHECK(c.at("neighbourhood_id").as_int64() == altstadt);
    CHECK(anna.get(kViews + "/containers/987654").status == 404);
    CHECK(anna.get(kViews + "/neighbourhoods/987654/container").status == 404);

    // Read checks: the core's rules (a neighbourhood's residents and staff; not anonymous).
    auto can = [&](const std::string& q) { return ok_json(anna.get(kViews + "/can-read?" + q)).at("can_read").as_bool(); };
    CHECK(can("user=" + id(anna.id) + "&container=" + id(alt_c)));
    CHECK_FALSE(can("user=" + id(cem.id) + "&container=" + id(alt_c)));
    CHECK(can("user=" + id(amt.id) + "&container=" + id(alt_c)));
    CHECK_FALSE(can("user=0&container=" + id(alt_c)));
    const auto post = ok_json(anna.send("POST", "/api/posts", {{"container_id", alt_c}, {"body", "Flohmarkt am Sonntag"}}), 201)
                          .at("id").as_int64();
    CHECK(can("user=" + id(ben.id) + "&content=" + id(post)));
    CHECK_FALSE(can("user=" + id(cem.id) + "&content=" + id(post)));
    CHECK(anna.get(kViews + "/can-read?user=987654&container=" + id(alt_c)).status == 404);
    CHECK(anna.get(kViews + "/can-read?user=" + id(anna.id) + "&content=987654").status == 404);
    CHECK(anna.get(kViews + "/can-read?user=" + id(anna.id) + "&container=987654").status == 404);

    // Neighbourhoods with their outlines, and the point lookup.
    auto list = ok_json(anna.get(kViews + "/neighbourhoods")).as_array();
    REQUIRE(list.size() == 3);
    for (const auto& n : list) {
      const auto poly = std::string(n.at("polygon").as_string());
      if (n.at("id").as_int64() == ohne) {
        CHECK(poly.empty());
      } else {
        CHECK(boost::json::parse(poly).at("type").as_string() == "Polygon");
      }
    }
    CHECK(ok_json(anna.get(kViews + "/neighbourhoods/" + id(hafen))).as_array().at(0).at("name").as_string() == "hafen");
    CHECK(anna.get(kViews + "/neighbourhoods/987654").status == 404);
    auto at = [&](const std::string& q) { return anna.get(kViews + "/at?" + q); };
    CHECK(ok_json(at("lat=52.05&lon=13.05")).at("neighbourhood_id").as_int64() == altstadt);
    CHECK(ok_json(at("lat=52.05&lon=13.25")).at("neighbourhood_id").as_int64() == hafen);
    CHECK(ok_json(at("lat=52.0&lon=13.05")).at("neighbourhood_id").as_int64() == altstadt);  // on the edge
    CHECK(at("lat=52.05&lon=13.15").status == 404);  // between the two
    CHECK(at("lat=48.1&lon=11.5").status == 404);
    CHECK(at("lat=91&lon=13").status == 400);
    CHECK(at("lat=52&lon=-181").status == 400);

    // People: by neighbourhood, role and department, paged; public basics only.
    CHECK(user_ids(ok_json(anna.get(kViews + "/users?neighbourhood=" + id(altstadt)))) == std::set<std::int64_t>{anna.id, ben.id});
    auto staff = ok_json(anna.get(kViews + "/users?role=2"));
    REQUIRE(staff.at("users").as_array().size() == 1);
    CHECK(staff.at("users").as_array()[0].at("department").as_string() == "Tiefbauamt");
    CHECK(user_ids(ok_json(anna.get(kViews + "/users?department=Tiefbauamt"))) == std::set<std::int64_t>{amt.id});
    CHECK(ok_json(anna.get(kViews + "/users?department=Gartenamt")).at("users").as_array().empty());
    std::set<std::int64_t> paged;
    std::int64_t after = 0;
    for (int page = 0; page < 10; ++page) {
      auto ids = user_ids(ok_json(anna.get(kViews + "/users?limit=2&after=" + id(after))));
      if (ids.empty()) break;
      CHECK(ids.size() <= 2);
      CHECK(*ids.begin() > after);
      paged.insert(ids.begin(), ids.end());
      after = *ids.rbegin();
    }
    CHECK(paged == std::set<std::int64_t>{admin.id, amt.id, anna.id, ben.id, cem.id});
    const auto all = anna.get(kViews + "/users");
    CHECK(all.body.find("@teststadt.test") == std::string::npos);
    CHECK(anna.get(kViews + "/users?limit=0").status == 400);
    CHECK(anna.get(kViews + "/users?limit=501").status == 400);
    CHECK(anna.get(kViews + "/users?role=9").status == 400);
    auto b = ok_json(anna.get(kViews + "/users/" + id(ben.id))).at("users").as_array().at(0);
    CHECK(b.at("language").as_string() == "en");
    CHECK(b.at("neighbourhood_id").as_int64() == altstadt);
    CHECK(anna.get(kViews + "/users/987654").status == 404);

    // Blocks, either way.
    REQUIRE(anna.send("PUT", "/api/blocks/" + id(cem.id)).status == 204);
    CHECK(ok_json(ben.get(kViews + "/blocked?a=" + id(cem.id) + "&b=" + id(anna.id))).at("blocked").as_bool());
    CHECK(ok_json(ben.get(kViews + "/blocked?a=" + id(anna.id) + "&b=" + id(cem.id))).at("blocked").as_bool());
    CHECK_FALSE(ok_json(ben.get(kViews + "/blocked?a=" + id(anna.id) + "&b=" + id(ben.id))).at("blocked").as_bool());
    // ABI 1.5 blocked_users: everyone blocked either way, each once, ordered by id.
    auto blocked_of = [&](std::int64_t who) {
      std::vector<std::int64_t> ids;
      const auto body = ok_json(ben.get(kViews + "/blocked-users?of=" + id(who)));
      for (const auto& v : body.at("ids").as_array()) ids.push_back(v.as_int64());
      return ids;
    };
    CHECK(blocked_of(anna.id) == std::vector<std::int64_t>{cem.id});
    CHECK(blocked_of(cem.id) == std::vector<std::int64_t>{anna.id});
    CHECK(blocked_of(ben.id).empty());
    REQUIRE(cem.send("PUT", "/api/blocks/" + id(anna.id)).status == 204);  // both ways: still once
    REQUIRE(ben.send("PUT", "/api/blocks/" + id(anna.id)).status == 204);
    CHECK(blocked_of(anna.id) == (ben.id < cem.id ? std::vector<std::int64_t>{ben.id, cem.id} : std::vector<std::int64_t>{cem.id, ben.id}));
    CHECK(blocked_of(0).empty());
    CHECK(blocked_of(987654).empty());
    REQUIRE(ben.send("DELETE", "/api/blocks/" + id(anna.id)).status == 204);
    CHECK(blocked_of(ben.id).empty());
  });
}

TEST_CASE("ABI 1.2 views: conversations, area notices, recipient languages and the audit log from C",
          "[plugins][abi12][views]") {
  qt::test::for_each_dialect([](const qt::test::DbTarget& target) {
    ViewsServer s(target.url);
    auto admin = s.person("admin", "admin");
    auto amt = s.person("amt", "staff");
    auto anna = s.person("anna"), ben = s.person("ben"), cem = s.person("cem");
    const auto altstadt = make_neighbourhood(admin, "altstadt", square(13.0, 52.0, 0.1));
    const auto hafen = make_neighbourhood(admin, "hafen", square(13.2, 52.0, 0.1));
    ok_json(anna.send("PATCH", "/api/me", {{"neighbourhood_id", altstadt}}));
    ok_json(ben.send("PATCH", "/api/me", {{"neighbourhood_id", altstadt}, {"language", "en"}}));
    ok_json(cem.send("PATCH", "/api/me", {{"neighbourhood_id", hafen}}));
    REQUIRE(cem.send("PUT", "/api/blocks/" + id(anna.id)).status == 204);

    // A conversation between two people, continued on the second call; nobody's address shows.
    const auto conv = ok_json(anna.post_text(kViews + "/contact/" + id(ben.id), "Ist das Fahrrad noch da?"), 201)
                          .at("conversation_id").as_int64();
    CHECK(ok_json(anna.post_text(kViews + "/contact/" + id(ben.id), "Ich könnte morgen."), 201).at("conversation_id").as_int64() == conv);
    auto messages = ok_json(ben.get("/api/conversations/" + id(conv) + "/messages"));
    CHECK(messages.at("items").as_array().size() == 2);
    // Refusals change nothing: blocked pair, unknown person, oneself, no text, inside db_begin.
    CHECK(anna.post_text(kViews + "/contact/" + id(cem.id), "Hallo").status == 403);
    CHECK(anna.post_text(kViews + "/contact/987654", "Hallo").status == 404);
    CHECK(anna.post_text(kViews + "/contact/" + id(anna.id), "Hallo").status == 400);
    CHECK(anna.post_text(kViews + "/contact/" + id(ben.id), "   ").status == 400);
    CHECK(anna.post_text(kViews + "/contact/" + id(ben.id) + "?in_tx=1", "Hallo").status == 409);
    CHECK(ok_json(anna.get("/api/conversations")).at("items").as_array().size() == 1);
    CHECK(ok_json(cem.get("/api/conversations")).at("items").as_array().empty());
    CHECK(ok_json(ben.get("/api/conversations/" + id(conv) + "/messages")).at("items").as_array().size() == 2);

    // An urgent notice to a neighbourhood: each resident in their language, mailed at once.
    CHECK(anna.send("POST", kViews + "/notice?neighbourhood=" + id(altstadt)).status == 403);  // staff only
    CHECK(amt.send("POST", kViews + "/notice?neighbourhood=987654").status == 404);
    CHECK(amt.send("POST", kViews + "/notice?neighbourhood=" + id(altstadt) + "&no_title=1").status == 400);
    ok_json(amt.send("POST", kViews + "/notice?neighbourhood=" + id(altstadt) + "&urgent=1"), 202);
    auto for_anna = notices(anna, 1), for_ben = notices(ben, 1);
    REQUIRE(for_anna.size() == 1);
    REQUIRE(for_ben.size() == 1);
    CHECK(for_anna[0].at("payload").at("title").as_string() == "Wasserrohrbruch in Ihrem Quartier");
    CHECK(for_ben[0].at("payload").at("title").as_string() == "Burst water main in your neighbourhood");
    CHECK(for_ben[0].at("payload").at("body").as_string() == "Please boil tap water.");
    CHECK(notices(cem, 0).empty());  // stored in the same transaction as anna's and ben's
    CHECK(s.smtp.wait_for(anna.email, "Wasserrohrbruch").subject.find("Wichtig") != std::string::npos);
    CHECK(s.smtp.wait_for(ben.email, "Burst water main").subject.find("Important") != std::string::npos);

    // One person: the title in their language.
    ok_json(anna.send("POST", kViews + "/notify/" + id(ben.id)), 201);
    ok_json(ben.send("POST", kViews + "/notify/" + id(anna.id)), 201);
    CHECK(notices(ben, 2).size() == 2);
    for (const auto& n : notices(ben, 2)) CHECK(n.at("payload").at("title").as_string() == "Burst water main in your neighbourhood");
    for (const auto& n : notices(anna, 2)) CHECK(n.at("payload").at("title").as_string() == "Wasserrohrbruch in Ihrem Quartier");

    // The audit log, with the plugin's name; bad details change nothing.
    auto audit_count = [&] { return ok_json(admin.get("/api/admin/audit")).at("entries").as_array().size(); };
    const auto before = audit_count();
    CHECK(amt.post_text(kViews + "/audit?action=checked&target_type=container", "[1]").status == 400);
    CHECK(amt.post_text(kViews + "/audit?target_type=container", "{}").status == 400);
    CHECK(audit_count() == before);
    ok_json(amt.post_text(kViews + "/audit?action=checked&target_type=container&target=5", R"({"note":"ok"})"), 201);
    auto entries = ok_json(admin.get("/api/admin/audit")).at("entries").as_array();
    REQUIRE(entries.size() == before + 1);
    const auto& e = entries[0];
    CHECK(e.at("action").as_string() == "abi12_c.checked");
    CHECK(e.at("actor_id").as_int64() == amt.id);
    CHECK(e.at("target_id").as_int64() == 5);
    CHECK(e.at("details").at("plugin").as_string() == "abi12_c");
    CHECK(e.at("details").at("note").as_string() == "ok");
  });
}
