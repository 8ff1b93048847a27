// ABI 1.2 content model through the real server and the plain-C fixture abi12_c (content.c), on
// SQLite and PostgreSQL: card data on the stream card, the item and search results; Markdown
// rendered and sanitised; the official mark only for staff; import times; the system author;
// expired items gone from streams and search but readable by link. Every refusal is checked to
// change nothing.
#include <catch2/catch.hpp>

#include <cctype>
#include <chrono>
#include <regex>
#include <string>
#include <thread>

#include <boost/json.hpp>

#include "pg_test_db.hpp"
#include "sql_access.hpp"
#include "test_server.hpp"

using qt::test::HttpClient;
using qt::test::HttpResponse;
using qt::test::TestServer;

namespace {

const std::string kBase = "/api/p/abi12_c/content";

struct Rig {
  qt::test::ServerSetup setup;
  std::unique_ptr<TestServer> server;
  std::unique_ptr<qt::test::SqlAccess> sql;
  std::int64_t city = 0;

  explicit Rig(const qt::test::DbTarget& target) {
    setup.database_url = target.url;
    setup.plugin_dir = QT_TEST_PLUGIN_DIR;
    setup.plugins = {"abi12_c"};
    server = std::make_unique<TestServer>(setup);
    sql = std::make_unique<qt::test::SqlAccess>(target.url);
    city = sql->scalar("SELECT id FROM containers WHERE kind = 'city'");
    REQUIRE(city > 0);
  }

  // Signs c in as a new person with this role.
  void sign_in(HttpClient& c, const std::string& email, const std::string& role) {
    auto add = qt::test::run_quartier({"--config", server->config_path().string(), "user", "add", "--email", email,
                                       "--name", email.substr(0, email.find('@')), "--role", role});
    REQUIRE(add.exit_code == 0);
    std::smatch m;
    REQUIRE(std::regex_search(add.output, m, std::regex("password: (\\S+)")));
    auto login = c.send_json("POST", "/api/auth/login", {{"email", email}, {"password", m[1].str()}});
    REQUIRE(login.status == 200);
    c.csrf_token = std::string(login.json().at("csrf_token").as_string());
  }

  std::int64_t plugin_items() const { return sql->scalar("SELECT COUNT(*) FROM content WHERE owner = 'abi12_c'"); }
};

std::string enc(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char ch : s) {
    if (std::isalnum(ch) || ch == '-' || ch == '_' || ch == '.' || ch == '~') out += static_cast<char>(ch);
    else out += {'%', hex[ch >> 4], hex[ch & 15]};
  }
  return out;
}

HttpResponse send(HttpClient& c, const std::string& method, const std::string& target, const std::string& body = {}) {
  return c.request(method, target, body, {{"Content-Type", "text/plain"}, {"X-CSRF-Token", c.csrf_token}});
}

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// The entry with this id in a list of items (null when absent).
boost::json::value find(const boost::json::value& list, std::int64_t id) {
  for (const auto& e : list.as_array())
    if (e.at("id").as_int64() == id) return e;
  return nullptr;
}

boost::json::value city_stream(HttpClient& c) { return c.get("/api/stream?scope=city&limit=100").json().at("items"); }
boost::json::value search(HttpClient& c, const std::string& q) { return c.get("/api/search?q=" + enc(q)).json().at("items"); }

// Polls (bounded) until the item's presence in the list is as wanted; returns the last list.
template <class Read>
boost::json::value until(Read read, std::int64_t id, bool present) {
  boost::json::value list;
  for (int i = 0; i < 100; ++i) {
    list = read();
    if (find(list, id).is_null() != present) return list;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return list;
}

}  // namespace

TEST_CASE("abi12 content: card data on the stream card, the item and search, bad cards refused", "[plugins][server][abi12]") {
  qt::test::for_each_dialect([](const qt::test::DbTarget& target) {
    Rig rig(target);
    auto anna = rig.server->client();
    rig.sign_in(anna, "anna@example.org", "resident");
    const std::string card = R"({"date":"2026-05-01","price":{"eur":12.5},"status":"offen","tags":["Fest","Müll"]})";
    auto made = send(anna, "POST", kBase + "/items?container=" + std::to_string(rig.city) + "&title=" + enc("Flohmarkt Kartenprobe") +
                                          "&card=" + enc(card), "Alles muss raus.");
    REQUIRE(made.status == 201);
    const auto id = made.json().at("id").as_int64();

    auto entry = find(until([&] { return city_stream(anna); }, id, true), id);
    REQUIRE(entry.is_object());
    CHECK(entry.at("card") == boost::json::parse(card));
    auto item = anna.get("/api/content/" + std::to_string(id));
    REQUIRE(item.status == 200);
    CHECK(item.json().at("card") == boost::json::parse(card));
    auto found = find(until([&] { return search(anna, "Kartenprobe"); }, id, true), id);
    REQUIRE(found.is_object());
    CHECK(found.at("card").at("price").at("eur").as_double() == 12.5);

    // Refused: too big, not an object, not JSON; nothing created, the stored card unchanged.
    const std::string big = R"({"x":")" + std::string(4100, 'a') + "\"}";
    for (const std::string& bad : {big, std::string("[1,2]"), std::string("\"text\""), std::string("{\"a\":")}) {
      auto refused = send(anna, "POST", kBase + "/items?container=" + std::to_string(rig.city) + "&card=" + enc(bad), "x");
      CHECK(refused.status == 400);
      CHECK_THAT(refused.body, Catch::Contains("card_json"));
      auto changed = send(anna, "PUT", kBase + "/items/" + std::to_string(id) + "?title=" + enc("Flohmarkt Kartenprobe") +
                                           "&card=" + enc(bad), "Alles muss raus.");
      CHECK(changed.status == 400);
    }
    CHECK_THAT(send(anna, "POST", kBase + "/items?container=" + std::to_string(rig.city) + "&card=" + enc(big), "x").body,
               Catch::Contains("4096"));
    CHECK(rig.plugin_items() == 1);
    CHECK(anna.get("/api/content/" + std::to_string(id)).json().at("card") == boost::json::parse(card));

    // An update replaces the card; "null" removes it; without card_json it stays.
    REQUIRE(send(anna, "PUT", kBase + "/items/" + std::to_string(id) + "?title=T&card=" + enc(R"({"price":3})"), "b").status == 200);
    CHECK(anna.get("/api/content/" + std::to_string(id)).json().at("card").at("price").as_int64() == 3);
    REQUIRE(send(anna, "PUT", kBase + "/items/" + std::to_string(id) + "?title=T2", "b").status == 200);
    CHECK(anna.get("/api/content/" + std::to_string(id)).json().at("card").at("price").as_int64() == 3);
    REQUIRE(send(anna, "PUT", kBase + "/items/" + std::to_string(id) + "?title=T3&card=null", "b").status == 200);
    CHECK_FALSE(anna.get("/api/content/" + std::to_string(id)).json().as_object().contains("card"));
    CHECK_FALSE(find(city_stream(anna), id).as_object().contains("card"));
  });
}

TEST_CASE("abi12 content: Markdown sanitised, official only for staff, import times, the system author", "[plugins][server][abi12]") {
  qt::test::for_each_dialect([](const qt::test::DbTarget& target) {
    Rig rig(target);
    auto anna = rig.server->client();
    rig.sign_in(anna, "anna@example.org", "resident");
    auto amt = rig.server->client();
    rig.sign_in(amt, "amt@example.org", "staff");
    const std::string in_city = kBase + "/items?container=" + std::to_string(rig.city);

    // Markdown rendered by the core's sanitiser: the script is gone.
    auto md = send(anna, "POST", in_city + "&title=MD&markdown=1", "**fett** und <script>alert(1)</script> [x](javascript:alert(2))");
    REQUIRE(md.status == 201);
    auto html = std::string(anna.get("/api/content/" + std::to_string(md.json().at("id").as_int64())).json().at("body_html").as_string());
    CHECK_THAT(html, Catch::Contains("<strong>fett</strong>"));
    CHECK_THAT(html, !Catch::Contains("<script") && !Catch::Contains("javascript:"));
    auto plain = send(anna, "POST", in_city + "&title=Plain", "**nicht gerendert**");
    REQUIRE(plain.status == 201);
    CHECK(anna.get("/api/content/" + std::to_string(plain.json().at("id").as_int64())).json().at("body_html").as_string() == "");

    // Official: refused for a resident (nothing created or changed), shown for staff.
    const auto before = rig.plugin_items();
    auto refused = send(anna, "POST", in_city + "&title=Amtlich&official=1", "x");
    CHECK(refused.status == 403);
    CHECK_THAT(refused.body, Catch::Contains("staff"));
    CHECK(rig.plugin_items() == before);
    CHECK(send(anna, "PUT", kBase + "/items/" + std::to_string(plain.json().at("id").as_int64()) + "?title=Plain&official=1", "x").status == 403);
    CHECK(anna.get("/api/content/" + std::to_string(plain.json().at("id").as_int64())).json().at("official").as_bool() == false);
    auto official = send(amt, "POST", in_city + "&title=Antwort&official=1", "Die Antwort des Amts.");
    REQUIRE(official.status == 201);
    const auto oid = official.json().at("id").as_int64();
    CHECK(find(until([&] { return city_stream(anna); }, oid, true), oid).at("official").as_bool());
    REQUIRE(send(amt, "PUT", kBase + "/items/" + std::to_string(oid) + "?title=Antwort&official=-1", "x").status == 200);
    CHECK(anna.get("/api/content/" + std::to_string(oid)).json().at("official").as_bool() == false);

    // Import times: the future and before 2000 refused (nothing created), the past kept.
    const auto count = rig.plugin_items();
    CHECK(send(anna, "POST", in_city + "&created_at=" + std::to_string(now_ms() + 3600000), "x").status == 400);
    CHECK(send(anna, "POST", in_city + "&created_at=946684799999", "x").status == 400);
    CHECK(rig.plugin_items() == count);

    // The system author: one account, named after the municipality, that cannot sign in.
    auto sys = anna.get(kBase + "/system-author");
    REQUIRE(sys.status == 200);
    const auto sys_id = sys.json().at("id").as_int64();
    CHECK(amt.get(kBase + "/system-author").json().at("id").as_int64() == sys_id);
    const std::int64_t past = 1700000000000;  // 2023-11-14
    auto imported = send(anna, "POST", in_city + "&title=Import&author=" + std::to_string(sys_id) + "&created_at=" + std::to_string(past), "alt");
    REQUIRE(imported.status == 201);
    auto item = anna.get("/api/content/" + std::to_string(imported.json().at("id").as_int64())).json();
    CHECK(item.at("created_at").as_int64() == past);
    CHECK(item.at("author").at("id").as_int64() == sys_id);
    CHECK(item.at("author").at("display_name").as_string() == "Teststadt");
    CHECK(rig.sql->scalar("SELECT COUNT(*) FROM users WHERE id = :a AND status = 'disabled' AND password_hash = ''", sys_id) == 1);
    auto stranger = rig.server->client();
    CHECK(stranger.send_json("POST", "/api/auth/login", {{"email", "system@quartier.invalid"}, {"password", ""}}).status != 200);
  });
}

TEST_CASE("abi12 content: expired items leave the streams and search and stay readable by link", "[plugins][server][abi12]") {
  qt::test::for_each_dialect([](const qt::test::DbTarget& target) {
    Rig rig(target);
    auto anna = rig.server->client();
    rig.sign_in(anna, "anna@example.org", "resident");
    auto ben = rig.server->client();
    rig.sign_in(ben, "ben@example.org", "resident");
    const std::string in_city = kBase + "/items?container=" + std::to_string(rig.city);
    auto make = [&](const std::string& title, const std::string& extra) {
      auto r = send(anna, "POST", in_city + "&title=" + enc(title) + extra, "Verfallsprobe " + title);
      REQUIRE(r.status == 201);
      return r.json().at("id").as_int64();
    };
    const auto later = make("Spaeter", "&expires_at=" + std::to_string(now_ms() + 24 * 3600000LL));
    const auto gone = make("Vorbei", "&expires_at=" + std::to_string(now_ms() - 1000));
    const auto soon = make("Gleich", "");

    until([&] { return city_stream(ben); }, soon, true);
    auto stream = city_stream(ben);
    CHECK(find(stream, later).is_object());
    CHECK(find(stream, gone).is_null());
    CHECK(find(stream, later).at("expires_at").is_int64());
    CHECK(find(search(ben, "Verfallsprobe"), gone).is_null());

    // content_expire now: gone from the city and home streams and search; readable by link.
    REQUIRE(send(anna, "POST", kBase + "/items/" + std::to_string(soon) + "/expire?at=0").status == 200);
    CHECK(find(until([&] { return city_stream(ben); }, soon, false), soon).is_null());
    CHECK(find(ben.get("/api/stream?scope=home&limit=100").json().at("items"), soon).is_null());
    CHECK(find(search(ben, "Verfallsprobe"), soon).is_null());
    CHECK(find(search(ben, "Verfallsprobe"), later).is_object());
    for (auto* who : {&anna, &ben}) {
      auto link = who->get("/api/content/" + std::to_string(soon));
      REQUIRE(link.status == 200);
      CHECK(link.json().at("expires_at").as_int64() <= now_ms());
    }

    // Refusals change nothing: an unknown item, a bad time, another plugin's item.
    CHECK(send(anna, "POST", kBase + "/items/999999/expire?at=0").status == 404);
    CHECK(send(anna, "POST", kBase + "/items/" + std::to_string(later) + "/expire?at=-5").status == 400);
    CHECK(find(city_stream(ben), later).is_object());
    auto post = anna.send_json("POST", "/api/posts", {{"container_id", rig.city}, {"body", "Ein Beitrag des Kerns"}});
    REQUIRE(post.status == 201);
    const auto post_id = post.json().at("id").as_int64();
    CHECK(send(anna, "POST", kBase + "/items/" + std::to_string(post_id) + "/expire?at=0").status == 403);
    CHECK(find(until([&] { return city_stream(ben); }, post_id, true), post_id).is_object());

    // -1: never expires again, back in the stream.
    REQUIRE(send(anna, "POST", kBase + "/items/" + std::to_string(soon) + "/expire?at=-1").status == 200);
    CHECK(find(until([&] { return city_stream(ben); }, soon, true), soon).is_object());
  });
}
