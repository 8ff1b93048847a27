// The stream through the real server: posts, visibility between neighbourhoods, comments,
// reactions, reports and the threshold, moderation, notifications, search, live events over a
// real WebSocket, and an urgent announcement mailed through the test SMTP server.
#include <catch2/catch.hpp>

#include <boost/json.hpp>

#include "accounts_fixture.hpp"
#include "pg_test_db.hpp"

using qt::test::AccountsServer;
using qt::test::Session;

namespace {

struct Person {
  std::int64_t id = 0;
  std::string email;
  std::unique_ptr<Session> s;
};

struct Town {
  AccountsServer srv;
  std::int64_t north = 0, south = 0;
  std::unique_ptr<Session> admin;

  explicit Town(const std::string& db_url = "") : srv("", db_url) {
    const auto pw = srv.add_user("admin@teststadt.test", "Admin", "admin");
    admin = std::make_unique<Session>(srv.login("admin@teststadt.test", pw));
    north = make_neighbourhood("nord", "Nord");
    south = make_neighbourhood("sued", "Süd");
  }
  std::int64_t make_neighbourhood(const std::string& slug, const std::string& name) {
    auto r = admin->send_json("POST", "/api/neighbourhoods", {{"slug", slug}, {"name", name}});
    INFO(r.body);
    REQUIRE(r.status == 201);
    return r.json().at("id").as_int64();
  }
  Person person(const std::string& name, std::int64_t nb, const std::string& role = "resident") {
    Person p;
    p.email = name + "@teststadt.test";
    const auto pw = srv.add_user(p.email, name, role);
    p.s = std::make_unique<Session>(srv.login(p.email, pw));
    auto r = p.s->send_json("PATCH", "/api/me", {{"neighbourhood_id", nb}});
    INFO(r.body);
    REQUIRE(r.status == 200);
    p.id = p.s->get("/api/me").json().at("user").at("id").as_int64();
    return p;
  }
  std::vector<std::int64_t> home(Person& p, const std::string& extra = "") {
    auto r = p.s->get("/api/stream?scope=home" + extra);
    INFO(r.body);
    REQUIRE(r.status == 200);
    std::vector<std::int64_t> ids;
    const auto page = r.json();
    for (const auto& e : page.at("items").as_array()) ids.push_back(e.at("id").as_int64());
    return ids;
  }
};

bool has(const std::vector<std::int64_t>& v, std::int64_t x) { return std::find(v.begin(), v.end(), x) != v.end(); }

std::string cookie_header(Session& s) {
  std::string out;
  for (const auto& [k, v] : s.cookies()) out += (out.empty() ? "" : "; ") + k + "=" + v;
  return out;
}

// Frames of one live connection, kept so that waiting for one type does not lose others.
// After a receive() timed out the client must not read again (Beast's rule after a cancel),
// so only expect_silence() may time out, and it is the last read on its connection.
struct Inbox {
  qt::test::WsClient ws;
  std::vector<std::string> frames;
  Inbox(std::uint16_t port, const std::string& cookie) : ws(port, "/api/live", {{"Cookie", cookie}}) {}
  std::string take(const std::string& type, std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    const std::string marker = "\"type\":\"" + type + "\"";
    for (auto it = frames.begin(); it != frames.end(); ++it)
      if (it->find(marker) != std::string::npos) {
        auto f = *it;
        frames.erase(it);
        return f;
      }
    while (true) {
      auto f = ws.receive(timeout);
      if (!f) return "";
      if (f->find(marker) != std::string::npos) return *f;
      frames.push_back(*f);
    }
  }
  bool expect_silence(std::chrono::milliseconds timeout) { return frames.empty() && !ws.receive(timeout); }
};

void run_flow(Town& t) {
  auto anna = t.person("anna", t.north), clara = t.person("clara", t.north), ben = t.person("ben", t.south);
  auto mod = t.person("mo", t.north, "moderator");

  // Live: clara (north) and ben (south) are online.
  Inbox clara_ws(t.srv.server.port(), cookie_header(*clara.s));
  Inbox ben_ws(t.srv.server.port(), cookie_header(*ben.s));
  CHECK_FALSE(clara_ws.take("hello").empty());
  CHECK_FALSE(ben_ws.take("hello").empty());
  // Anonymous upgrade: refused with 401 (raw request: WsClient's constructor does not survive a refusal).
  const auto refused = qt::test::raw_exchange(
      t.srv.server.port(),
      "GET /api/live HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
      "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n",
      std::chrono::milliseconds(3000));
  CHECK(refused.rfind("HTTP/1.1 401", 0) == 0);

  // A post in the north, mentioning clara and ben.
  const std::string body = "Flohmarkt am **Samstag** im Hof, [@clara](/people/" + std::to_string(clara.id) +
                           ") [@ben](/people/" + std::to_string(ben.id) + ") <img src=x onerror=alert(1)>";
  auto r = anna.s->send_json("POST", "/api/posts", {{"body", body}, {"title", "Flohmarkt"}});
  INFO(r.body);
  REQUIRE(r.status == 201);
  const auto post = r.json().at("id").as_int64();
  CHECK(r.json().at("body_html").as_string().find("onerror") == boost::json::string::npos);
  CHECK(r.json().at("container").at("kind").as_string() == "neighbourhood");

  CHECK_FALSE(clara_ws.take("content").empty());
  CHECK(clara_ws.take("notification").find("mention") != std::string::npos);
  CHECK(ben_ws.expect_silence(std::chrono::milliseconds(1000)));  // other neighbourhood: no event at all

  CHECK(has(t.home(clara), post));
  CHECK_FALSE(has(t.home(ben), post));
  CHECK(ben.s->get("/api/content/" + std::to_string(post)).status == 404);
  CHECK(ben.s->get("/api/stream?scope=neighbourhood&id=" + std::to_string(t.north)).status == 403);
  CHECK(t.srv.client().get("/api/stream").status == 401);

  CHECK(t.srv.client().get("/api/content/" + std::to_string(post)).status == 404);  // anonymous

  // Search: clara finds it, ben does not.
  auto s1 = clara.s->get("/api/search?q=flohm%C3%A4rkte");
  INFO(s1.body);
  REQUIRE(s1.status == 200);
  CHECK(s1.json().at("items").as_array().size() == 1);
  CHECK(ben.s->get("/api/search?q=flohmarkt").json().at("items").as_array().empty());

  // Comments and reactions.
  auto c = clara.s->send_json("POST", "/api/content/" + std::to_string(post) + "/comments", {{"body", "Ich komme!"}});
  INFO(c.body);
  REQUIRE(c.status == 201);
  auto re = clara.s->send_json("PUT", "/api/content/" + std::to_string(post) + "/reaction", {{"reaction", "heart"}});
  REQUIRE(re.status == 200);
  CHECK(re.json().at("my_reaction").as_string() == "heart");
  CHECK(clara.s->send_json("PUT", "/api/content/" + std::to_string(post) + "/reaction", {{"reaction", "boo"}}).status == 400);
  auto item = clara.s->get("/api/content/" + std::to_string(post)).json();
  CHECK(item.at("comment_count").as_int64() == 1);
  CHECK(item.at("reaction_count").as_int64() == 1);
  CHECK(item.at("can_edit").as_bool() == false);
  // The stream shows the item's newest comments under it (one query per page).
  const auto stream_page = anna.s->get("/api/stream").json();
  for (const auto& it : stream_page.at("items").as_array())
    if (it.at("id").as_int64() == post) {
      REQUIRE(it.at("latest_comments").as_array().size() == 1);
      CHECK(it.at("latest_comments").as_array()[0].at("author").at("display_name").as_string() == "clara");
      CHECK(it.at("latest_comments").as_array()[0].at("body_html").as_string().find("Ich komme!") != boost::json::string::npos);
    }

  // Edit with history.
  auto e = anna.s->send_json("PATCH", "/api/content/" + std::to_string(post), {{"body", "Flohmarkt verschoben"}});
  INFO(e.body);
  REQUIRE(e.status == 200);
  CHECK(e.json().at("edited").as_bool());
  CHECK(clara.s->send_json("PATCH", "/api/content/" + std::to_string(post), {{"body", "x"}}).status == 403);
  CHECK(anna.s->get("/api/content/" + std::to_string(post) + "/revisions").json().at("items").as_array().size() == 1);

  // Notifications of anna: comment + reaction; mark read.
  auto n = anna.s->get("/api/notifications");
  INFO(n.body);
  REQUIRE(n.status == 200);
  CHECK(n.json().at("unread_count").as_int64() == 2);
  // Each names who acted and where: clara, in the north's neighbourhood.
  const auto notes = n.json();
  for (const auto& note : notes.at("items").as_array()) {
    CHECK(note.at("actor_name").as_string() == "clara");
    CHECK(note.at("where").at("kind").as_string() == "neighbourhood");
    CHECK_FALSE(note.at("where").at("name").as_string().empty());
  }
  // Clara's mention names anna.
  const auto mentions = clara.s->get("/api/notifications").json().at("items").as_array();
  REQUIRE_FALSE(mentions.empty());
  CHECK(mentions.back().at("kind").as_string() == "mention");
  CHECK(mentions.back().at("actor_name").as_string() == "anna");
  auto rd = anna.s->send_json("POST", "/api/notifications/read", boost::json::object{});
  CHECK(rd.json().at("unread_count").as_int64() == 0);

  // Three distinct reports hide it; a moderator reviews.
  auto dora = t.person("dora", t.north), emil = t.person("emil", t.north);
  for (auto* p : {&clara, &dora, &emil}) {
    auto rep = p->s->send_json("POST", "/api/content/" + std::to_string(post) + "/report", {{"reason", "spam"}});
    INFO(rep.body);
    CHECK(rep.status == 201);
  }
  // Hidden now: to the reporters it is gone (404), so a second report cannot even find it.
  CHECK(clara.s->send_json("POST", "/api/content/" + std::to_string(post) + "/report", {{"reason", "spam"}}).status == 404);
  CHECK_FALSE(has(t.home(dora), post));
  CHECK(anna.s->get("/api/content/" + std::to_string(post)).json().at("hidden").as_bool());
  CHECK(clara.s->get("/api/moderation/reports").status == 403);
  auto q = mod.s->get("/api/moderation/reports");
  INFO(q.body);
  REQUIRE(q.status == 200);
  CHECK(q.json().at("items").as_array().size() == 3);
  CHECK(mod.s->send_json("POST", "/api/moderation/actions", {{"action", "hide"}, {"target_type", "content"}, {"target_id", post}}).status == 400);
  auto act = mod.s->send_json("POST", "/api/moderation/actions",
                              {{"action", "dismiss"}, {"target_type", "content"}, {"target_id", post}});
  INFO(act.body);
  CHECK(act.status == 204);
  CHECK(has(t.home(dora), post));
  auto log = mod.s->get("/api/moderation/log").json().at("items").as_array();
  CHECK(log.size() == 2);
  // Each reporter hears the outcome, as the moderation page promises.
  const auto told = [](Person& p, const std::string& action) {
    const auto page = p.s->get("/api/notifications?limit=50").json();
    int count = 0;
    for (const auto& v : page.at("items").as_array())
      if (v.at("kind").as_string() == "moderation" && v.at("payload").at("action").as_string() == action) ++count;
    return count;
  };
  for (auto* p : {&clara, &dora, &emil}) CHECK(told(*p, "dismiss") == 1);
  CHECK(told(anna, "dismiss") == 0);
  // A report the moderators act on: the reporter hears that they acted, the author what happened.
  const auto rude = anna.s->send_json("POST", "/api/posts", {{"body", "Unfreundlich"}}).json().at("id").as_int64();
  REQUIRE(dora.s->send_json("POST", "/api/content/" + std::to_string(rude) + "/report", {{"reason", "spam"}}).status == 201);
  CHECK(mod.s->send_json("POST", "/api/moderation/actions",
                         {{"action", "hide"}, {"target_type", "content"}, {"target_id", rude}, {"reason", "Ton"}})
            .status == 204);
  CHECK(told(dora, "report_resolved") == 1);
  CHECK(told(anna, "hide") == 1);
  CHECK(told(clara, "report_resolved") == 0);

  // Suspended people can no longer post.
  CHECK(mod.s->send_json("POST", "/api/moderation/actions",
                         {{"action", "suspend"}, {"target_type", "user"}, {"target_id", emil.id}, {"reason", "Test"}})
            .status == 204);
  auto sp = emil.s->send_json("POST", "/api/posts", {{"body", "hallo"}});
  CHECK((sp.status == 401 || sp.status == 403));

  // Pagination through the API: stable while items arrive.
  std::vector<std::int64_t> mine;
  for (int i = 0; i < 7; ++i)
    mine.push_back(anna.s->send_json("POST", "/api/posts", {{"body", "Beitrag " + std::to_string(i)}}).json().at("id").as_int64());
  auto p1 = anna.s->get("/api/stream?limit=3").json();
  REQUIRE(p1.at("items").as_array().size() == 3);
  const std::string cursor(p1.at("next_before").as_string());
  anna.s->send_json("POST", "/api/posts", {{"body", "dazwischen"}});
  auto p2 = anna.s->get("/api/stream?limit=3&before=" + cursor).json();
  REQUIRE(p2.at("items").as_array().size() == 3);
  CHECK(p2.at("items").as_array()[0].at("id").as_int64() == mine[3]);

  // An urgent announcement reaches every resident of the north by mail, and live.
  auto amt = t.person("amt", t.north, "staff");
  CHECK(anna.s->send_json("POST", "/api/announcements", {{"title", "x"}, {"body", "y"}}).status == 403);
  // Before sending, staff see its reach: anna, clara, dora and mo in the north (emil is
  // suspended, amt wrote it), each notified and mailed; the whole city adds ben.
  CHECK(anna.s->get("/api/announcements/reach").status == 403);
  CHECK(amt.s->get("/api/announcements/reach?neighbourhood_id=999999").status == 404);
  const auto reach = amt.s->get("/api/announcements/reach?neighbourhood_id=" + std::to_string(t.north));
  INFO(reach.body);
  REQUIRE(reach.status == 200);
  CHECK(reach.json().at("people").as_int64() == 4);
  CHECK(reach.json().at("mails").as_int64() == 4);
  CHECK(amt.s->get("/api/announcements/reach").json().at("people").as_int64() >= 5);
  auto an = amt.s->send_json("POST", "/api/announcements",
                             {{"neighbourhood_id", t.north}, {"title", "Wasserrohrbruch"}, {"body", "Bitte Wasser abkochen."},
                              {"urgent", true}, {"pinned", true}});
  INFO(an.body);
  REQUIRE(an.status == 201);
  CHECK(an.json().at("official").as_bool());
  auto live = clara_ws.take("notification");
  while (!live.empty() && live.find("announcement") == std::string::npos) live = clara_ws.take("notification");
  CHECK(live.find("announcement") != std::string::npos);
  const auto mail = t.srv.smtp.wait_for(dora.email, "abkochen");
  CHECK(mail.body.find("Wasser abkochen") != std::string::npos);
  CHECK(t.srv.smtp.count_to(ben.email) == 0);
  // The mails are queued by a background job after the request; every resident gets one.
  for (auto* p : {&anna, &clara, &mod}) CHECK(t.srv.smtp.wait_for(p->email, "abkochen").body.find("abkochen") != std::string::npos);
  CHECK(t.srv.smtp.count_to(emil.email) == 0);  // the reach said four: anna, clara, dora, mo
  auto home = clara.s->get("/api/stream").json();
  REQUIRE(home.at("pinned").as_array().size() == 1);
  // Each page says which container it shows, so a post written there goes there: the city page
  // names the city, a post to it is on the city page (for ben too), and home names none.
  const auto city_page = clara.s->get("/api/stream?scope=city").json();
  REQUIRE(city_page.at("container_id").is_int64());
  CHECK(clara.s->get("/api/stream").json().at("container_id").is_null());
  const auto own = clara.s->get("/api/stream?scope=neighbourhood").json().at("container_id");
  CHECK(own.is_int64());
  CHECK(own != city_page.at("container_id"));
  auto citywide = clara.s->send_json("POST", "/api/posts", {{"body", "Stadtweiter Aufruf"}, {"container_id", city_page.at("container_id")}});
  INFO(citywide.body);
  REQUIRE(citywide.status == 201);
  CHECK(citywide.json().at("container").at("kind").as_string() == "city");
  const auto city_item = citywide.json().at("id").as_int64();
  std::vector<std::int64_t> on_city_page;
  const auto bens_city = ben.s->get("/api/stream?scope=city").json();
  for (const auto& entry : bens_city.at("items").as_array()) on_city_page.push_back(entry.at("id").as_int64());
  CHECK(has(on_city_page, city_item));
}

}  // namespace

TEST_CASE("stream flow through the real server (SQLite)", "[integration][stream]") {
  Town t;
  run_flow(t);
}

TEST_CASE("stream flow through the real server (PostgreSQL)", "[integration][stream]") {
  QT_REQUIRE_PG();
  qt::test::PgTestDb pg;
  Town t(pg.url());
  run_flow(t);
}
