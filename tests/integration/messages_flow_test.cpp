// Direct messages through the real server: GET /api/conversations/{id} (members only, with
// names), the people array and per-conversation unread counts on a page of several
// conversations (blocked people's messages not counted), and live delivery over /api/live
// ({"type":"message"}, a frame the contract check validates), on SQLite and PostgreSQL.
#include <catch2/catch.hpp>

#include <map>

#include <boost/json.hpp>

#include "accounts_fixture.hpp"
#include "http_client.hpp"
#include "pg_test_db.hpp"

using qt::test::AccountsServer;
using qt::test::Session;

namespace {

struct Person {
  std::int64_t id = 0;
  std::string name, password;
  std::unique_ptr<Session> s;
};

Person person(AccountsServer& srv, const std::string& name) {
  Person p;
  p.name = name;
  const auto email = name.substr(0, name.find(' ')) + "@teststadt.test";
  p.password = srv.add_user(email, name);
  p.s = std::make_unique<Session>(srv.login(email, p.password));
  p.id = p.s->get("/api/me").json().at("user").at("id").as_int64();
  return p;
}

std::int64_t start(Person& from, const std::vector<std::int64_t>& to, const std::string& title, const std::string& body) {
  boost::json::array ids;
  for (auto t : to) ids.push_back(t);
  auto r = from.s->send_json("POST", "/api/conversations", {{"user_ids", ids}, {"title", title}, {"body", body}});
  INFO(r.body);
  REQUIRE(r.status == 201);
  return r.json().at("id").as_int64();
}

void send(Person& from, std::int64_t conversation, const std::string& body) {
  auto r = from.s->send_json("POST", "/api/conversations/" + std::to_string(conversation) + "/messages", {{"body", body}});
  INFO(r.body);
  REQUIRE(r.status == 201);
}

// Conversation id -> the conversation's JSON, over every page of size `limit`.
std::map<std::int64_t, boost::json::object> all_conversations(Person& p, int limit, std::int64_t* unread_total = nullptr,
                                                              int* pages = nullptr) {
  std::map<std::int64_t, boost::json::object> out;
  std::string before;
  int n = 0;
  while (true) {
    auto r = p.s->get("/api/conversations?limit=" + std::to_string(limit) + (before.empty() ? "" : "&before=" + before));
    INFO(r.body);
    REQUIRE(r.status == 200);
    const auto page = r.json().as_object();
    if (n == 0 && unread_total) *unread_total = page.at("unread_total").as_int64();
    ++n;
    for (const auto& c : page.at("items").as_array()) out[c.at("id").as_int64()] = c.as_object();
    if (page.at("next_before").is_null()) break;
    before = std::string(page.at("next_before").as_string());
  }
  if (pages) *pages = n;
  return out;
}

// The people array as id -> name; checks it matches the members ids.
std::map<std::int64_t, std::string> people_of(const boost::json::object& c) {
  std::map<std::int64_t, std::string> out;
  for (const auto& p : c.at("people").as_array()) out[p.at("id").as_int64()] = std::string(p.at("display_name").as_string());
  std::vector<std::int64_t> members;
  for (const auto& m : c.at("members").as_array()) members.push_back(m.as_int64());
  std::vector<std::int64_t> keys;
  for (const auto& [id, name] : out) keys.push_back(id);
  CHECK(members == keys);
  return out;
}

void run_flow(AccountsServer& srv) {
  auto anna = person(srv, "Anna Alt"), ben = person(srv, "Ben Berg"), cem = person(srv, "Cem Cay"),
       dana = person(srv, "Dana Dorn");

  // Four conversations of ben's, each with its own number of unread messages.
  const auto pair_ab = start(anna, {ben.id}, "", "Hallo Ben");
  send(anna, pair_ab, "Bist du da?");
  send(anna, pair_ab, "Ben?");                                          // ben: 3 unread
  const auto group = start(anna, {ben.id, cem.id, dana.id}, "Hoffest", "Wer bringt Stühle?");
  send(dana, group, "Ich bringe drei");
  send(dana, group, "Und einen Tisch");
  send(cem, group, "Ich bringe Kuchen");                                // ben: 4 unread, 2 of them dana's
  const auto pair_bc = start(cem, {ben.id}, "", "Kommst du?");        // ben: 1 unread
  const auto pair_bd = start(ben, {dana.id}, "", "Hallo Dana");        // ben wrote last: 0 unread
  const auto pair_ac = start(anna, {cem.id}, "", "Nur für Cem");       // not ben's

  // Ben blocks dana: her messages in the group no longer count (nor show).
  auto r = ben.s->send_json("PUT", "/api/blocks/" + std::to_string(dana.id), boost::json::object{});
  INFO(r.body);
  REQUIRE(r.status == 204);

  // All four on one page: names and unread counts right for each.
  std::int64_t total = -1;
  int pages = 0;
  auto convs = all_conversations(ben, 30, &total, &pages);
  CHECK(pages == 1);
  REQUIRE(convs.size() == 4);
  CHECK(convs.count(pair_ac) == 0);
  CHECK(convs.at(pair_ab).at("unread").as_int64() == 3);
  CHECK(convs.at(group).at("unread").as_int64() == 2);
  CHECK(convs.at(pair_bc).at("unread").as_int64() == 1);
  CHECK(convs.at(pair_bd).at("unread").as_int64() == 0);
  CHECK(total == 6);
  const auto group_people = people_of(convs.at(group));
  CHECK(group_people == std::map<std::int64_t, std::string>{
                            {anna.id, "Anna Alt"}, {ben.id, "Ben Berg"}, {cem.id, "Cem Cay"}, {dana.id, "Dana Dorn"}});
  CHECK(people_of(convs.at(pair_bc)) == std::map<std::int64_t, std::string>{{ben.id, "Ben Berg"}, {cem.id, "Cem Cay"}});
  CHECK(convs.at(group).at("title").as_string() == "Hoffest");

  // The same through pages of one: every page carries its own people and counts.
  auto paged = all_conversations(ben, 1, nullptr, &pages);
  CHECK(pages >= 4);
  REQUIRE(paged.size() == 4);
  for (const auto& [id, c] : convs) {
    CHECK(paged.at(id).at("unread") == c.at("unread"));
    CHECK(paged.at(id).at("people") == c.at("people"));
  }

  // Conversations updated in the same millisecond are not skipped between pages (the cursor
  // carries the id); an older client's bare updated_at still works; a broken cursor says so.
  r = ben.s->get("/api/conversations?limit=1");
  REQUIRE(r.status == 200);
  const auto first_updated = r.json().at("items").at(0).at("updated_at").as_int64();
  CHECK(r.json().at("next_before").as_string() ==
        std::to_string(first_updated) + "-" + std::to_string(r.json().at("items").at(0).at("id").as_int64()));
  r = ben.s->get("/api/conversations?before=" + std::to_string(first_updated));
  REQUIRE(r.status == 200);
  const auto older = r.json();
  for (const auto& c : older.at("items").as_array()) CHECK(c.at("updated_at").as_int64() < first_updated);
  for (const std::string bad : {"abc", "1-", "-5", "1-2-3", "1-x"}) {
    INFO(bad);
    CHECK(ben.s->get("/api/conversations?before=" + bad).status == 400);
  }

  // The new endpoint: the conversation with names and my unread count.
  r = ben.s->get("/api/conversations/" + std::to_string(group));
  INFO(r.body);
  REQUIRE(r.status == 200);
  auto one = r.json().as_object();
  CHECK(one.at("id").as_int64() == group);
  CHECK(one.at("title").as_string() == "Hoffest");
  CHECK(one.at("unread").as_int64() == 2);
  CHECK(people_of(one) == group_people);
  CHECK(one.at("last_message_id") == convs.at(group).at("last_message_id"));
  // Dana's own view counts what ben blocked: her unread is cem's message only (she wrote before it).
  r = dana.s->get("/api/conversations/" + std::to_string(group));
  REQUIRE(r.status == 200);
  CHECK(r.json().at("unread").as_int64() == 1);

  // Members only: others get 404 like history does; unknown ids too; signed out 401.
  for (Person* outsider : {&cem, &dana}) {
    r = outsider->s->get("/api/conversations/" + std::to_string(pair_ab));
    INFO(outsider->name << ": " << r.body);
    CHECK(r.status == 404);
    CHECK(r.error_code() == "not_found");
    CHECK(outsider->s->get("/api/conversations/" + std::to_string(pair_ab) + "/messages").status == 404);
  }
  CHECK(ben.s->get("/api/conversations/" + std::to_string(pair_ac)).status == 404);
  CHECK(ben.s->get("/api/conversations/987654").status == 404);
  auto anonymous = srv.client();
  CHECK(anonymous.get("/api/conversations/" + std::to_string(group)).status == 401);

  // Reading and unblocking change the counts.
  r = ben.s->send_json("POST", "/api/conversations/" + std::to_string(pair_ab) + "/read", boost::json::object{});
  REQUIRE(r.status == 204);
  CHECK(ben.s->get("/api/conversations/" + std::to_string(pair_ab)).json().at("unread").as_int64() == 0);
  r = ben.s->request("DELETE", "/api/blocks/" + std::to_string(dana.id), "", {{"X-CSRF-Token", ben.s->client().csrf_token}});
  REQUIRE(r.status == 204);
  convs = all_conversations(ben, 30, &total);
  CHECK(convs.at(pair_ab).at("unread").as_int64() == 0);
  CHECK(convs.at(group).at("unread").as_int64() == 4);
  CHECK(total == 5);

  // An erased account leaves its conversations: dana is gone from the group's people, and her
  // messages there stop counting as unread.
  r = dana.s->send_json("DELETE", "/api/me", {{"password", dana.password}});
  INFO(r.body);
  REQUIRE(r.status == 200);
  r = ben.s->get("/api/conversations/" + std::to_string(group));
  REQUIRE(r.status == 200);
  CHECK(people_of(r.json().as_object()) ==
        std::map<std::int64_t, std::string>{{anna.id, "Anna Alt"}, {ben.id, "Ben Berg"}, {cem.id, "Cem Cay"}});
  CHECK(r.json().at("unread").as_int64() == 2);
}

// Live: a new message reaches the other members' open sockets as {"type":"message","data":Message};
// the sender's own socket gets nothing, nor does a member who blocks the sender. Each socket's
// first frame after hello is checked, and a later message from another member is the one that
// must arrive first where the earlier one must not.
void run_live(AccountsServer& srv) {
  auto eva = person(srv, "Eva Eck"), finn = person(srv, "Finn Falk"), gul = person(srv, "Gül Gerber");
  const auto group = start(eva, {finn.id, gul.id}, "Live", "Erste Nachricht");
  auto r = gul.s->send_json("PUT", "/api/blocks/" + std::to_string(eva.id), boost::json::object{});
  REQUIRE(r.status == 204);
  auto socket = [&srv](Person& p) {
    std::string cookie;
    for (const auto& [k, v] : p.s->cookies()) cookie += (cookie.empty() ? "" : "; ") + k + "=" + v;
    auto ws = std::make_unique<qt::test::WsClient>(srv.server.port(), "/api/live", std::vector<std::pair<std::string, std::string>>{{"Cookie", cookie}});
    const auto hello = ws->receive(std::chrono::seconds(10));
    REQUIRE(hello);
    CHECK(boost::json::parse(*hello).at("type").as_string() == "hello");
    return ws;
  };
  auto eva_ws = socket(eva), finn_ws = socket(finn), gul_ws = socket(gul);
  const auto next = [](qt::test::WsClient& ws) {
    const auto f = ws.receive(std::chrono::seconds(10));
    REQUIRE(f);
    return boost::json::parse(*f).as_object();
  };

  send(eva, group, "Zweite Nachricht");
  auto frame = next(*finn_ws);
  CHECK(frame.at("type").as_string() == "message");
  const auto& m = frame.at("data").as_object();
  CHECK(m.at("conversation_id").as_int64() == group);
  CHECK(m.at("sender_id").as_int64() == eva.id);
  CHECK(m.at("sender_name").as_string() == "Eva Eck");
  CHECK(m.at("body").as_string() == "Zweite Nachricht");
  CHECK(m.at("id").as_int64() > 0);

  send(finn, group, "Dritte Nachricht");
  for (auto* ws : {eva_ws.get(), gul_ws.get()}) {
    frame = next(*ws);
    CHECK(frame.at("type").as_string() == "message");
    CHECK(frame.at("data").at("body").as_string() == "Dritte Nachricht");  // not eva's own, not the blocked one
  }
}

}  // namespace

TEST_CASE("direct messages through the real server (SQLite)", "[integration][messages]") {
  AccountsServer srv;
  run_flow(srv);
  run_live(srv);
}

TEST_CASE("direct messages through the real server (PostgreSQL)", "[integration][messages]") {
  QT_REQUIRE_PG();
  qt::test::PgTestDb pg;
  AccountsServer srv("", pg.url());
  run_flow(srv);
  run_live(srv);
}
