// A non-member never sees the content of a private or hidden group: not in the stream, search,
// notifications, live events, the API or their data export. Members do (so the checks are not
// vacuous).
#include <chrono>
#include <thread>

#include "groups_fixture.hpp"
#include "pg_test_db.hpp"

using namespace qt::test;
using namespace qt::test::groups;

namespace {

// Every frame that arrives within `wait`.
std::string drain(WsClient& ws, std::chrono::milliseconds wait) {
  std::string all;
  const auto until = std::chrono::steady_clock::now() + wait;
  while (std::chrono::steady_clock::now() < until) {
    auto f = ws.receive(std::chrono::milliseconds(300));
    if (f) all += *f + "\n";
  }
  return all;
}

bool contains(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

}  // namespace

TEST_CASE("non-members never see private or hidden group content", "[groups][access]") {
  for_each_dialect([](const DbTarget& target) {
    GroupsServer s(target.url);
    auto alice = s.person("alice");
    auto bob = s.person("bob");
    auto eve = s.person("eve");

    auto priv = create_group(alice, "Geheimer Gartenclub", "private", {{"description", "Nur für Mitglieder"}});
    auto hidden = create_group(alice, "Verborgene Runde", "hidden");
    CHECK(priv.at("my_role").as_string() == "owner");

    // bob joins the private group by invitation and the hidden one by link.
    auto inv = alice.send("POST", gpath(priv, "/invitations"), {{"user_id", bob.id}});
    REQUIRE(inv.status == 201);
    auto mine = bob.get("/api/p/groups/invitations");
    REQUIRE(mine.json().at("invitations").as_array().size() == 1);
    REQUIRE(bob.send("POST", "/api/p/groups/invitations/" + std::to_string(inv.json().at("id").as_int64()) + "/accept").status == 200);
    auto link = alice.send("POST", gpath(hidden, "/invitations"), {{"link", true}});
    REQUIRE(link.status == 201);
    const auto token = str(link.json().at("token"));
    REQUIRE(bob.send("POST", "/api/p/groups/join/" + token).status == 200);

    // Live sockets of a member and of an outsider, open before anything is posted.
    WsClient bob_ws(s.server.port(), "/api/live", {{"Cookie", bob.cookie_header()}});
    WsClient eve_ws(s.server.port(), "/api/live", {{"Cookie", eve.cookie_header()}});

    // Mentions of a member and of an outsider: only the member may be told.
    const auto p1 = post(alice, priv, "Treffen im Zitronenbaumweg, [@bob](/people/" + std::to_string(bob.id) +
                                          ") und [@eve](/people/" + std::to_string(eve.id) + ") bitte weitersagen");
    const auto p2 = post(alice, hidden, "Die Losung lautet Quittenmarmelade");
    auto ann = alice.send("POST", gpath(priv, "/announcements"), {{"title", "Pflaumenernte"}, {"body", "Samstag ernten wir Pflaumen."}});
    INFO(ann.body);
    REQUIRE(ann.status == 201);
    const auto a1 = ann.json().at("id").as_int64();
    // A comment by bob notifies alice (the author), never eve.
    REQUIRE(bob.send("POST", "/api/content/" + std::to_string(p1) + "/comments", {{"body", "Ich komme mit Zitronenbaum-Setzlingen"}}).status == 201);

    const auto bob_live = drain(bob_ws, std::chrono::milliseconds(1500));
    const auto eve_live = drain(eve_ws, std::chrono::milliseconds(500));
    CHECK(contains(bob_live, std::to_string(p1)));  // the member got the live event
    CHECK_FALSE(contains(eve_live, "Zitronenbaum"));
    CHECK_FALSE(contains(eve_live, "Quittenmarmelade"));
    CHECK_FALSE(contains(eve_live, "\"id\":" + std::to_string(p1)));
    CHECK_FALSE(contains(eve_live, "\"id\":" + std::to_string(p2)));

    for (auto id : {p1, p2, a1}) {
      CHECK(bob.get("/api/content/" + std::to_string(id)).status == 200);
      auto r = eve.get("/api/content/" + std::to_string(id));
      CHECK((r.status == 404 || r.status == 403));
      CHECK_FALSE(contains(r.body, "Zitronenbaum"));
    }
    // Streams: home, the group container, the city.
    CHECK(contains(bob.get("/api/stream").body, "Zitronenbaum"));
    CHECK_FALSE(contains(eve.get("/api/stream").body, "Zitronenbaum"));
    CHECK_FALSE(contains(eve.get("/api/stream").body, "Quittenmarmelade"));
    auto ps = eve.get("/api/stream?scope=container&id=" + std::to_string(container(priv)));
    CHECK((ps.status == 403 || ps.status == 404));
    CHECK(eve.get("/api/stream?scope=container&id=" + std::to_string(container(hidden))).status == 404);
    CHECK(contains(bob.get("/api/stream?scope=container&id=" + std::to_string(container(hidden))).body, "Quittenmarmelade"));
    // Search: content and the hidden group's name.
    CHECK(contains(bob.get("/api/search?q=Zitronenbaumweg").body, "Zitronenbaum"));
    CHECK_FALSE(contains(eve.get("/api/search?q=Zitronenbaumweg").body, "Zitronenbaum"));
    CHECK_FALSE(contains(eve.get("/api/search?q=Quittenmarmelade").body, "Quittenmarmelade"));
    CHECK_FALSE(contains(eve.get("/api/search?q=Pflaumenernte").body, "Pflaumenernte"));
    CHECK_FALSE(contains(eve.get("/api/search?q=Verborgene").body, "Verborgene Runde"));
    // Notifications: bob got the announcement; eve got nothing from either group.
    CHECK(contains(bob.get("/api/notifications").body, "Pflaumenernte"));
    CHECK(contains(bob.get("/api/notifications").body, "\"mention\""));
    auto eve_notes = eve.get("/api/notifications").body;
    CHECK_FALSE(contains(eve_notes, "mention"));
    CHECK_FALSE(contains(eve_notes, "Pflaumenernte"));
    CHECK_FALSE(contains(eve_notes, "Zitronenbaum"));
    CHECK_FALSE(contains(eve_notes, "Gartenclub"));
    // The plugin's API: the private group is listed (details only), the hidden one is not there.
    CHECK(eve.get(gpath(priv)).status == 200);
    CHECK(eve.get(gpath(priv, "/members")).status == 403);
    CHECK(eve.get(gpath(hidden)).status == 404);
    CHECK(eve.get(gpath(hidden, "/members")).status == 404);
    CHECK(eve.send("POST", gpath(hidden, "/join")).status == 404);
    auto dir = eve.get("/api/p/groups/groups");
    CHECK(has(slugs(dir), slug(priv)));
    CHECK_FALSE(has(slugs(dir), slug(hidden)));
    // Writing: eve cannot post into either group, nor comment.
    CHECK(eve.send("POST", "/api/posts", {{"container_id", container(priv)}, {"body", "Hallo?"}}).status >= 403);
    CHECK(eve.send("POST", "/api/posts", {{"container_id", container(hidden)}, {"body", "Hallo?"}}).status == 404);
    CHECK(eve.send("POST", "/api/content/" + std::to_string(p1) + "/comments", {{"body", "Hallo?"}}).status >= 403);
    CHECK(eve.send("POST", gpath(priv, "/announcements"), {{"title", "x"}, {"body", "y"}}).status == 403);
    // Export: eve's holds nothing of the groups; bob's holds his memberships.
    auto eve_export = eve.get("/api/me/export");
    REQUIRE(eve_export.status == 200);
    CHECK_FALSE(contains(eve_export.body, "Zitronenbaum"));
    CHECK_FALSE(contains(eve_export.body, "Gartenclub"));
    CHECK_FALSE(contains(eve_export.body, "Verborgene"));
    auto bob_export = bob.get("/api/me/export");
    REQUIRE(bob_export.status == 200);
    CHECK(contains(bob_export.body, slug(hidden)));

    // A pending request changes nothing; approval opens the content.
    auto req = eve.send("POST", gpath(priv, "/join"), {{"message", "Ich gärtnere gern"}});
    CHECK(req.status == 202);
    CHECK(eve.get("/api/content/" + std::to_string(p1)).status != 200);
    CHECK_FALSE(contains(eve.get("/api/search?q=Zitronenbaumweg").body, "Zitronenbaum"));
    REQUIRE(alice.send("POST", gpath(priv, "/requests/" + std::to_string(eve.id) + "/approve")).status == 200);
    CHECK(eve.get("/api/content/" + std::to_string(p1)).status == 200);
    CHECK(contains(eve.get("/api/search?q=Zitronenbaumweg").body, "Zitronenbaum"));
    // Leaving closes it again.
    REQUIRE(eve.send("POST", gpath(priv, "/leave")).status == 204);
    CHECK(eve.get("/api/content/" + std::to_string(p1)).status != 200);
    CHECK_FALSE(contains(eve.get("/api/stream").body, "Zitronenbaum"));
  });
}

TEST_CASE("public group content is readable by everyone signed in, writable by members only", "[groups][access]") {
  for_each_dialect([](const DbTarget& target) {
    GroupsServer s(target.url);
    auto alice = s.person("alice");
    auto eve = s.person("eve");
    auto pub = create_group(alice, "Offener Lauftreff", "public", {{"category", "initiative"}});
    const auto p = post(alice, pub, "Wir laufen am Kanal entlang");
    CHECK(eve.get("/api/content/" + std::to_string(p)).status == 200);
    CHECK(contains(eve.get("/api/stream?scope=container&id=" + std::to_string(container(pub))).body, "Kanal"));
    CHECK(eve.get(gpath(pub, "/members")).status == 200);
    CHECK(eve.send("POST", "/api/posts", {{"container_id", container(pub)}, {"body", "Darf ich?"}}).status == 403);
    REQUIRE(eve.send("POST", gpath(pub, "/join")).status == 200);
    CHECK(eve.send("POST", "/api/posts", {{"container_id", container(pub)}, {"body", "Jetzt darf ich"}}).status == 201);
    // Anonymous visitors see nothing of it.
    HttpClient anon(s.server.port());
    CHECK(anon.get("/api/content/" + std::to_string(p)).status != 200);
    CHECK(anon.get("/api/p/groups/groups").status == 401);
  });
}
