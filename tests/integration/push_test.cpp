// Web Push through the real server on SQLite and PostgreSQL, against a local push service
// (tests/support/push_service.py) that decrypts every message with the subscription's private
// key and verifies the VAPID token independently: subscriptions (taken, updated, listed,
// removed, refused, gone with "sign out everywhere" and a password reset), the notifications a person chose (mentions, replies, urgent announcements,
// nothing else), and the push service's answers (410 removes, timeouts and 503 are retried, a
// message the browser cannot decrypt is not).
#include <catch2/catch.hpp>

#include <thread>

#include <boost/json.hpp>

#include "accounts_fixture.hpp"
#include "holes_fixture.hpp"
#include "pg_test_db.hpp"
#include "push_service.hpp"
#include "sql_access.hpp"

using qt::test::AccountsServer;
using qt::test::DbTarget;
using qt::test::PushService;
using qt::test::Session;
using qt::test::SqlAccess;

namespace {

// [push] for the tests: endpoints on loopback over http, a short timeout, the key in its own folder.
std::string push_toml(const qt::test::TempDir& keys, bool local = true) {
  return "\n[push]\nvapid_key_file = \"" + (keys / "vapid.pem").string() + "\"\ntimeout_seconds = 1\n" +
         "subject = \"mailto:it@teststadt.test\"\nallow_local_endpoints = " + (local ? "true" : "false") + "\n";
}

struct Person {
  std::int64_t id = 0;
  std::unique_ptr<Session> s;
};

Person person(AccountsServer& srv, const std::string& name, std::int64_t hood, const std::string& role = "resident") {
  const auto email = name + "@teststadt.test";
  Person p;
  p.s = std::make_unique<Session>(srv.login(email, srv.add_user(email, name, role)));
  auto me = p.s->send_json("PATCH", "/api/me", {{"neighbourhood_id", hood}});
  INFO(me.body);
  REQUIRE(me.status == 200);
  p.id = me.json().at("user").at("id").as_int64();
  return p;
}

std::int64_t subscribe(Person& p, const qt::test::PushSubscriptionKeys& keys, int status = 201) {
  auto r = p.s->send_json("POST", "/api/push/subscriptions", keys.body());
  INFO(r.body);
  REQUIRE(r.status == status);
  return r.json().at("id").as_int64();
}

std::int64_t post(Person& p, const std::string& body) {
  auto r = p.s->send_json("POST", "/api/posts", {{"body", body}});
  INFO(r.body);
  REQUIRE(r.status == 201);
  return r.json().at("id").as_int64();
}

std::string mention(const Person& p, const std::string& name) { return "[@" + name + "](/people/" + std::to_string(p.id) + ")"; }

std::string str(const boost::json::value& v) { return std::string(v.as_string()); }

// A server with push on (local endpoints when `local`), its database, and the neighbourhood "Nord".
struct World {
  qt::test::TempDir keys;
  AccountsServer srv;
  SqlAccess db;
  std::int64_t nord = 0;
  World(const DbTarget& target, bool local) : srv("", target.url, push_toml(keys, local)), db(target.url) {
    auto admin = srv.login("admin@teststadt.test", srv.add_user("admin@teststadt.test", "Admin", "admin"));
    nord = qt::test::holes::create_neighbourhood(admin, "nord", "Nord");
  }
  Person person(const std::string& name, const std::string& role = "resident") { return ::person(srv, name, nord, role); }
};

std::int64_t push_jobs(const SqlAccess& db) { return db.scalar("SELECT COUNT(*) FROM durable_jobs WHERE name = 'core.push.send'"); }

// Waits until the push jobs are all done (or failed for good); returns how many failed tries there were.
std::int64_t settle(const SqlAccess& db) {
  for (int i = 0; i < 400; ++i) {
    if (db.scalar("SELECT COUNT(*) FROM durable_jobs WHERE name = 'core.push.send' AND state = 'pending'") == 0)
      return db.scalar("SELECT COALESCE(SUM(failures), 0) FROM durable_jobs WHERE name = 'core.push.send'");
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  FAIL("push jobs still pending after 40 s");
  return 0;
}

}  // namespace

TEST_CASE("push: chosen notifications arrive encrypted and VAPID-signed, on both databases") {
  qt::test::for_each_dialect([](const DbTarget& target) {
    PushService service;
    World w(target, true);
    auto& db = w.db;
    auto anna = w.person("anna"), ben = w.person("ben"), amt = w.person("amt", "staff");

    auto config = anna.s->get("/api/push/config");
    INFO(config.body);
    REQUIRE(config.status == 200);
    const auto public_key = str(config.json().at("public_key"));
    CHECK(public_key.size() == 87);  // 65 bytes, base64url
    CHECK(std::filesystem::exists(w.keys / "vapid.pem"));
    // `check-config` with a plugin enabled installs the modules without starting them: no key file.
    const auto unused = w.keys / "check" / "vapid.pem";
    auto check = qt::test::run_quartier({"check-config", "--config", w.srv.server.config_path().string()},
                                        {{"QUARTIER_PUSH_VAPID_KEY_FILE", unused.string()}, {"QUARTIER_PLUGINS_ENABLED", "groups"}});
    INFO(check.output);
    CHECK(check.exit_code == 0);
    CHECK(check.output.find("groups") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(unused));

    const auto sub = service.subscribe("anna");
    const auto id = subscribe(anna, sub);
    // The same browser again with other topics: updated, not doubled.
    auto again = anna.s->send_json("POST", "/api/push/subscriptions", sub.body({"mentions"}));
    REQUIRE(again.status == 200);
    CHECK(again.json().at("id").as_int64() == id);
    CHECK(again.json().at("topics").as_array() == boost::json::array{"mentions"});
    subscribe(anna, sub, 200);
    auto list = anna.s->get("/api/push/subscriptions").json().at("items").as_array();
    REQUIRE(list.size() == 1);
    CHECK(str(list[0].at("service")) == "127.0.0.1");
    CHECK(list[0].at("topics").as_array().size() == 3);
    CHECK(ben.s->get("/api/push/subscriptions").json().at("items").as_array().empty());

    // A reaction is not among the chosen kinds: no push job at all.
    const auto annas = post(anna, "Wer hat eine Leiter?");
    REQUIRE(ben.s->send_json("PUT", "/api/content/" + std::to_string(annas) + "/reaction", {{"reaction", "like"}}).status < 300);
    CHECK(push_jobs(db) == 0);

    const auto bens = post(ben, "Frage an " + mention(anna, "anna") + ": Kommst du zum Fest?");
    auto got = service.wait_messages("anna", 1);
    INFO(boost::json::serialize(got));
    REQUIRE(got[0].at("ok").as_bool());
    CHECK(str(got[0].at("k")) == public_key);
    CHECK(str(got[0].at("aud")) == service.origin());
    CHECK(str(got[0].at("sub")) == "mailto:it@teststadt.test");
    CHECK(str(got[0].at("urgency")) == "normal");
    const auto& mention_msg = got[0].at("payload").as_object();
    CHECK(str(mention_msg.at("title")) == "ben hat Sie erwähnt");
    CHECK(str(mention_msg.at("url")) == "/content/" + std::to_string(bens));

    auto c = ben.s->send_json("POST", "/api/content/" + std::to_string(annas) + "/comments", {{"body", "Ich habe eine."}});
    REQUIRE(c.status == 201);
    got = service.wait_messages("anna", 2);
    REQUIRE(got[1].at("ok").as_bool());
    CHECK(str(got[1].at("payload").at("title")) == "ben hat Ihren Beitrag kommentiert");

    auto an = amt.s->send_json("POST", "/api/announcements", {{"title", "Wasserrohrbruch"}, {"body", "Die Hauptstraße ist gesperrt."}, {"urgent", true}});
    INFO(an.body);
    REQUIRE(an.status == 201);
    got = service.wait_messages("anna", 3);
    REQUIRE(got[2].at("ok").as_bool());
    CHECK(str(got[2].at("payload").at("title")) == "Dringend: Wasserrohrbruch");
    CHECK(str(got[2].at("payload").at("body")).find("gesperrt") != std::string::npos);
    CHECK(str(got[2].at("urgency")) == "high");
    CHECK(settle(db) == 0);
    CHECK(push_jobs(db) == 3);  // ben and amt have no subscription: no jobs for them
    CHECK(anna.s->get("/api/push/subscriptions").json().at("items").at(0).at("last_sent_at").is_int64());
    // In the person's language: English for those who chose it.
    REQUIRE(anna.s->send_json("PATCH", "/api/me", {{"language", "en"}}).status == 200);
    post(ben, "Hello " + mention(anna, "anna"));
    got = service.wait_messages("anna", 4);
    REQUIRE(got[3].at("ok").as_bool());
    CHECK(str(got[3].at("payload").at("title")) == "ben mentioned you");
    CHECK(str(got[3].at("payload").at("lang")) == "en");

    // Switched off: gone from the list, and nothing more is sent.
    REQUIRE(anna.s->request("DELETE", "/api/push/subscriptions/" + std::to_string(id), "",
                            {{"X-CSRF-Token", anna.s->client().csrf_token}}).status == 204);
    CHECK(anna.s->get("/api/push/subscriptions").json().at("items").as_array().empty());
    post(ben, "Nochmal " + mention(anna, "anna"));
    CHECK(push_jobs(db) == 4);
    // The export names the devices; erasure (account deletion) removes them.
    subscribe(anna, service.subscribe("anna-2"));
    auto exported = anna.s->get("/api/me/export");
    REQUIRE(exported.status == 200);
    CHECK(exported.json().at("data").at("push").at("subscriptions").as_array().size() == 1);
  });
}

TEST_CASE("push: bad subscriptions are refused with a reason and change nothing") {
  qt::test::for_each_dialect([](const DbTarget& target) {
    World w(target, false);
    auto anna = w.person("anna"), ben = w.person("ben");
    const std::string point = "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4";
    const std::string auth = "BTBZMqHH6r4Tts7J_aSIgg";
    auto body = [&](const std::string& endpoint, const std::string& p, const std::string& a) {
      return boost::json::object{{"endpoint", endpoint}, {"keys", {{"p256dh", p}, {"auth", a}}}};
    };
    const std::vector<boost::json::object> bad{
        body("http://push.example.net/a", point, auth),              // not https
        body("https://127.0.0.1/a", point, auth),                    // this machine
        body("https://localhost:8443/a", point, auth),
        body("https://10.0.0.7/a", point, auth),                     // private network
        body("https://169.254.169.254/latest/meta-data", point, auth),  // cloud metadata
        body("https://[::1]/a", point, auth),
        body("https://push.example.net/a", "BAAA" + std::string(83, 'A'), auth),  // not on the curve
        body("https://push.example.net/a", point, "AAAAAAAAAAA"),    // 8-byte auth
        body("https://push.example.net/a", "%%%", auth),
        boost::json::object{{"endpoint", "https://push.example.net/a"}},
        boost::json::object{{"endpoint", "https://push.example.net/a"}, {"keys", {{"p256dh", point}, {"auth", auth}}}, {"topics", {"everything"}}},
        boost::json::object{{"endpoint", "https://push.example.net/a"}, {"keys", {{"p256dh", point}, {"auth", auth}}}, {"topics", boost::json::array{}}},
    };
    for (const auto& b : bad) {
      auto r = anna.s->send_json("POST", "/api/push/subscriptions", b);
      INFO(boost::json::serialize(b) << " -> " << r.body);
      CHECK(r.status == 400);
      CHECK(r.body.find(" / ") != std::string::npos);  // German and English
    }
    auto unknown = anna.s->send_json("POST", "/api/push/subscriptions",
                                     {{"endpoint", "https://push.example.net/a"}, {"keys", {{"p256dh", point}, {"auth", auth}}}, {"owner", 1}});
    CHECK(unknown.status == 400);
    CHECK(unknown.error_code() == "unknown_field");
    CHECK(anna.s->get("/api/push/subscriptions").json().at("items").as_array().empty());
    // Without the CSRF token, or signed out: refused as every state change.
    auto no_csrf = anna.s->request("POST", "/api/push/subscriptions", boost::json::serialize(body("https://push.example.net/a", point, auth)),
                                   {{"Content-Type", "application/json"}});
    CHECK(no_csrf.status == 403);
    CHECK(w.srv.client().get("/api/push/subscriptions").status == 401);
    CHECK(anna.s->get("/api/push/subscriptions").json().at("items").as_array().empty());

    // A public https endpoint is taken; only its owner can remove it.
    auto ok = anna.s->send_json("POST", "/api/push/subscriptions", body("https://push.example.net/a", point, auth));
    INFO(ok.body);
    REQUIRE(ok.status == 201);
    const auto id = std::to_string(ok.json().at("id").as_int64());
    auto foreign = ben.s->request("DELETE", "/api/push/subscriptions/" + id, "", {{"X-CSRF-Token", ben.s->client().csrf_token}});
    CHECK(foreign.status == 404);
    CHECK(anna.s->get("/api/push/subscriptions").json().at("items").as_array().size() == 1);
  });
}

TEST_CASE("push: 410 removes the subscription, timeouts and 503 are retried, undecryptable is not") {
  qt::test::for_each_dialect([](const DbTarget& target) {
    PushService service;
    World w(target, true);
    auto& db = w.db;
    auto anna = w.person("anna"), ben = w.person("ben");

    // 410 Gone: the browser dropped it; the server forgets it.
    service.script("gone", {boost::json::object{{"status", 410}}});
    subscribe(anna, service.subscribe("gone"));
    post(ben, "Hallo " + mention(anna, "anna"));
    service.wait_requests("gone", 1);
    settle(db);
    CHECK(anna.s->get("/api/push/subscriptions").json().at("items").as_array().empty());

    // A push service slower than [push] timeout_seconds, then one answering 503: both retried.
    service.script("slow", {boost::json::object{{"delay", 3.0}}, boost::json::object{{"status", 503}}});
    subscribe(anna, service.subscribe("slow"));
    post(ben, "Noch einmal " + mention(anna, "anna"));
    auto got = service.wait_messages("slow", 1);
    REQUIRE(got[0].at("ok").as_bool());
    CHECK(service.received("slow").at("requests").as_int64() == 3);
    CHECK(settle(db) == 2);
    auto items = anna.s->get("/api/push/subscriptions").json().at("items").as_array();
    REQUIRE(items.size() == 1);
    CHECK(str(items[0].at("last_error")).empty());

    // A subscription whose keys are not the browser's: the push service cannot decrypt and
    // answers 400; recorded, not retried, the subscription kept.
    auto wrong = service.subscribe("wrong");
    const auto other = service.subscribe("other");
    wrong.p256dh = other.p256dh;
    anna.s->request("DELETE", "/api/push/subscriptions/" + std::to_string(items[0].at("id").as_int64()), "",
                    {{"X-CSRF-Token", anna.s->client().csrf_token}});
    subscribe(anna, wrong);
    const auto before = db.scalar("SELECT COALESCE(SUM(failures), 0) FROM durable_jobs WHERE name = 'core.push.send'");
    post(ben, "Und " + mention(anna, "anna"));
    service.wait_requests("wrong", 1);
    CHECK(settle(db) == before);
    items = anna.s->get("/api/push/subscriptions").json().at("items").as_array();
    REQUIRE(items.size() == 1);
    CHECK(str(items[0].at("last_error")).find("400") != std::string::npos);
    CHECK_FALSE(service.received("wrong").at("messages").at(0).at("ok").as_bool());
  });
}

TEST_CASE("push: signing out everywhere and a password reset remove every push device") {
  qt::test::for_each_dialect([](const DbTarget& target) {
    World w(target, false);
    const std::string point = "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4";
    const std::string auth = "BTBZMqHH6r4Tts7J_aSIgg";
    auto device = [&](const std::string& path) {
      return boost::json::object{{"endpoint", "https://push.example.net/" + path}, {"keys", {{"p256dh", point}, {"auth", auth}}}};
    };
    auto count = [&](std::int64_t user) {
      return w.db.scalar("SELECT COUNT(*) FROM push_subscriptions WHERE user_id = " + std::to_string(user));
    };
    auto anna = w.person("anna"), ben = w.person("ben");
    for (auto* p : {&anna, &ben}) REQUIRE(p->s->send_json("POST", "/api/push/subscriptions", device(std::to_string(p->id))).status == 201);

    // A lost phone: "sign out everywhere" must also stop its notifications.
    REQUIRE(anna.s->send_json("POST", "/api/auth/logout-all", boost::json::object{}).status == 200);
    CHECK(count(anna.id) == 0);
    CHECK(count(ben.id) == 1);  // nobody else's devices

    // A password reset ends every sign-in, and with them every push device.
    auto c = w.srv.client();
    REQUIRE(c.send_json("POST", "/api/auth/password-reset", {{"email", "ben@teststadt.test"}}).status == 202);
    const auto token = w.srv.smtp.wait_for("ben@teststadt.test", "/password-reset?token=").link_param("token");
    REQUIRE(c.send_json("POST", "/api/auth/password-reset/confirm", {{"token", token}, {"password", "Neue-Laterne-am-Kanal-7"}}).status == 200);
    CHECK(count(ben.id) == 0);
  });
}
