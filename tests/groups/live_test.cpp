// Items a plugin creates through the C ABI (the groups plugin's announcements use the host's
// content_create) raise the same live "content" event on /api/live as a core post: members
// connected to the private group get it once the plugin's transaction has committed, outsiders
// never do. Real server, real WebSocket clients, both databases.
#include <chrono>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "groups_fixture.hpp"
#include "pg_test_db.hpp"

using namespace qt::test;
using namespace qt::test::groups;

namespace {

// The data of every "content" frame that arrives within `wait` (hello and notifications skipped).
std::vector<boost::json::object> content_events(WsClient& ws, std::chrono::milliseconds wait) {
  std::vector<boost::json::object> out;
  const auto until = std::chrono::steady_clock::now() + wait;
  while (std::chrono::steady_clock::now() < until) {
    auto f = ws.receive(std::chrono::milliseconds(200));
    if (!f) continue;
    auto v = boost::json::parse(*f);
    if (v.at("type").as_string() == "content") out.push_back(v.at("data").as_object());
  }
  return out;
}

// Reads "content" frames until every id in `wanted` has arrived: waits on the events, not on a
// time (the deadline only ends a test whose events never come).
std::vector<boost::json::object> content_events_until(WsClient& ws, const std::vector<std::int64_t>& wanted) {
  std::vector<boost::json::object> out;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  auto missing = wanted;
  while (!missing.empty() && std::chrono::steady_clock::now() < deadline) {
    auto f = ws.receive(std::chrono::milliseconds(200));
    if (!f) continue;
    auto v = boost::json::parse(*f);
    if (v.at("type").as_string() != "content") continue;
    out.push_back(v.at("data").as_object());
    std::erase(missing, out.back().at("id").as_int64());
  }
  return out;
}

// Waits for the server's "hello": from then on the connection is registered for live events, so
// a write after it cannot race the registration (it once did on a loaded machine).
void await_hello(WsClient& ws) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline) {
    auto f = ws.receive(std::chrono::milliseconds(500));
    if (f && boost::json::parse(*f).at("type").as_string() == "hello") return;
  }
  FAIL("no hello on /api/live within 60 s");
}

const boost::json::object* event_for(const std::vector<boost::json::object>& events, std::int64_t id) {
  for (const auto& e : events)
    if (e.at("id").as_int64() == id) return &e;
  return nullptr;
}

}  // namespace

TEST_CASE("an item a plugin creates raises the live content event for members only", "[groups][live]") {
  for_each_dialect([](const DbTarget& target) {
    GroupsServer s(target.url);
    auto alice = s.person("alice");
    auto bob = s.person("bob");
    auto eve = s.person("eve");
    auto priv = create_group(alice, "Gartenfreunde am Kanal", "private");
    auto inv = alice.send("POST", gpath(priv, "/invitations"), {{"user_id", bob.id}});
    REQUIRE(inv.status == 201);
    REQUIRE(bob.send("POST", "/api/p/groups/invitations/" + std::to_string(inv.json().at("id").as_int64()) + "/accept").status == 200);

    WsClient bob_ws(s.server.port(), "/api/live", {{"Cookie", bob.cookie_header()}});
    WsClient eve_ws(s.server.port(), "/api/live", {{"Cookie", eve.cookie_header()}});
    await_hello(bob_ws);
    await_hello(eve_ws);

    // A core post into the group, then an announcement the plugin creates through the ABI.
    const auto core_post = post(alice, priv, "Gießdienst am Wochenende");
    auto ann = alice.send("POST", gpath(priv, "/announcements"), {{"title", "Erntefest"}, {"body", "Samstag ab 14 Uhr."}});
    INFO(ann.body);
    REQUIRE(ann.status == 201);
    const auto plugin_item = ann.json().at("id").as_int64();

    const auto bob_events = content_events_until(bob_ws, {core_post, plugin_item});
    const auto* core_ev = event_for(bob_events, core_post);
    const auto* plugin_ev = event_for(bob_events, plugin_item);
    REQUIRE(core_ev != nullptr);
    REQUIRE(plugin_ev != nullptr);
    // Same shape as the core post's event.
    CHECK(plugin_ev->size() == core_ev->size());
    for (const auto& [key, value] : *core_ev) CHECK(plugin_ev->contains(key));
    CHECK(plugin_ev->at("kind").as_string() == "groups.announcement");
    CHECK(plugin_ev->at("container_id").as_int64() == container(priv));
    CHECK(plugin_ev->at("author_id").as_int64() == alice.id);
    CHECK(plugin_ev->at("urgent").as_bool() == false);

    // The outsider hears of neither.
    const auto eve_events = content_events(eve_ws, std::chrono::milliseconds(500));
    CHECK(event_for(eve_events, core_post) == nullptr);
    CHECK(event_for(eve_events, plugin_item) == nullptr);

    // After bob leaves, a new plugin item reaches nobody but still-members (alice is offline here).
    REQUIRE(bob.send("POST", gpath(priv, "/leave")).status == 204);
    auto ann2 = alice.send("POST", gpath(priv, "/announcements"), {{"title", "Nachlese"}, {"body", "Danke an alle."}});
    REQUIRE(ann2.status == 201);
    const auto later = ann2.json().at("id").as_int64();
    CHECK(event_for(content_events(bob_ws, std::chrono::milliseconds(1000)), later) == nullptr);
    CHECK(event_for(content_events(eve_ws, std::chrono::milliseconds(300)), later) == nullptr);
  });
}

TEST_CASE("a refused plugin request raises no live event, an accepted one reaches the author's tab", "[groups][live]") {
  for_each_dialect([](const DbTarget& target) {
    GroupsServer s(target.url);
    auto alice = s.person("alice");
    auto priv = create_group(alice, "Stille Runde", "private");
    WsClient alice_ws(s.server.port(), "/api/live", {{"Cookie", alice.cookie_header()}});
    await_hello(alice_ws);
    // Missing body: the plugin refuses before creating anything.
    CHECK(alice.send("POST", gpath(priv, "/announcements"), {{"title", "Ohne Text"}}).status == 400);
    CHECK(content_events(alice_ws, std::chrono::milliseconds(800)).empty());
    // A valid one reaches its own author's other tab (alice is a member).
    auto ok = alice.send("POST", gpath(priv, "/announcements"), {{"title", "Mit Text"}, {"body", "Hallo."}});
    REQUIRE(ok.status == 201);
    CHECK(event_for(content_events(alice_ws, std::chrono::milliseconds(1500)), ok.json().at("id").as_int64()) != nullptr);
  });
}
