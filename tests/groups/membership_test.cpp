// Membership flows (join, leave, request with approve/decline, invitations by person and link)
// and role rules (owners, moderators, the last owner) through the real server.
#include <thread>

#include "groups_fixture.hpp"
#include "pg_test_db.hpp"

using namespace qt::test;
using namespace qt::test::groups;

namespace {
std::string role_of(Person& viewer, const boost::json::object& g) {
  auto r = viewer.get(gpath(g));
  REQUIRE(r.status == 200);
  auto j = r.json();
  const auto& v = j.at("my_role");
  return v.is_null() ? std::string("none") : str(v);
}
std::string uid(const Person& p) { return std::to_string(p.id); }
}  // namespace

TEST_CASE("join, leave, request, approve, decline, withdraw", "[groups][membership]") {
  for_each_dialect([](const DbTarget& target) {
    GroupsServer s(target.url);
    auto alice = s.person("alice");
    auto bob = s.person("bob");
    auto carla = s.person("carla");

    auto pub = create_group(alice, "Lauftreff", "public");
    auto r = bob.send("POST", gpath(pub, "/join"));
    CHECK(r.status == 200);
    CHECK(r.json().at("state").as_string() == "member");
    CHECK(bob.send("POST", gpath(pub, "/join")).error_code() == "already_member");
    CHECK(role_of(bob, pub) == "member");
    CHECK(bob.get(gpath(pub)).json().at("member_count").as_int64() == 2);
    CHECK(bob.send("POST", gpath(pub, "/leave")).status == 204);
    CHECK(role_of(bob, pub) == "none");
    CHECK(bob.send("POST", gpath(pub, "/leave")).error_code() == "not_member");

    auto priv = create_group(alice, "Chor", "private");
    CHECK(bob.send("POST", gpath(priv, "/join"), {{"message", "Ich singe Bass"}}).status == 202);
    CHECK(bob.send("POST", gpath(priv, "/join")).error_code() == "already_requested");
    CHECK(carla.send("POST", gpath(priv, "/join")).status == 202);
    CHECK(bob.get(gpath(priv)).json().at("my_request").as_bool());
    CHECK(bob.get("/api/p/groups/groups/mine").json().at("requests").as_array().size() == 1);
    // Only managers see and decide requests; the owner was notified.
    CHECK(bob.get(gpath(priv, "/requests")).status == 403);
    auto reqs = alice.get(gpath(priv, "/requests"));
    REQUIRE(reqs.status == 200);
    REQUIRE(reqs.json().at("requests").as_array().size() == 2);
    CHECK(reqs.json().at("requests").as_array()[0].at("message").as_string() == "Ich singe Bass");
    CHECK(reqs.json().at("requests").as_array()[0].at("display_name").as_string() == "bob");
    CHECK(alice.get("/api/notifications").body.find("Chor") != std::string::npos);
    CHECK(bob.send("POST", gpath(priv, "/requests/" + uid(carla) + "/approve")).status == 403);
    CHECK(alice.send("POST", gpath(priv, "/requests/" + uid(bob) + "/approve")).status == 200);
    CHECK(alice.send("POST", gpath(priv, "/requests/" + uid(carla) + "/decline")).status == 200);
    CHECK(alice.send("POST", gpath(priv, "/requests/" + uid(carla) + "/decline")).status == 404);
    CHECK(role_of(bob, priv) == "member");
    CHECK(role_of(carla, priv) == "none");
    CHECK(bob.get("/api/notifications").body.find("Mitglied") != std::string::npos);
    CHECK(carla.get("/api/notifications").body.find("abgelehnt") != std::string::npos);
    // Withdrawing a request.
    CHECK(carla.send("POST", gpath(priv, "/join")).status == 202);
    CHECK(carla.send("DELETE", gpath(priv, "/request")).status == 204);
    CHECK(alice.get(gpath(priv, "/requests")).json().at("requests").as_array().empty());
    // Members of a private group see its member list.
    auto members = bob.get(gpath(priv, "/members"));
    REQUIRE(members.status == 200);
    CHECK(members.json().at("members").as_array().size() == 2);
  });
}

TEST_CASE("invitations by person and by link", "[groups][membership][invitations]") {
  for_each_dialect([](const DbTarget& target) {
    GroupsServer s(target.url);
    auto alice = s.person("alice");
    auto bob = s.person("bob");
    auto carla = s.person("carla");
    auto dora = s.person("dora");
    auto hidden = create_group(alice, "Elternrat 4b", "hidden", {{"category", "schule"}});

    // By person: members who are not managers may not invite into a hidden group.
    auto inv = alice.send("POST", gpath(hidden, "/invitations"), {{"user_id", bob.id}});
    REQUIRE(inv.status == 201);
    CHECK(alice.send("POST", gpath(hidden, "/invitations"), {{"user_id", bob.id}}).error_code() == "already_invited");
    CHECK(alice.send("POST", gpath(hidden, "/invitations"), {{"user_id", 999999}}).status == 404);
    CHECK(alice.send("POST", gpath(hidden, "/invitations"), {{"user_id", alice.id}}).error_code() == "already_member");
    CHECK(bob.get("/api/notifications").body.find("Elternrat 4b") != std::string::npos);
    auto list = bob.get("/api/p/groups/invitations");
    REQUIRE(list.json().at("invitations").as_array().size() == 1);
    CHECK(list.json().at("invitations").as_array()[0].at("group").at("name").as_string() == "Elternrat 4b");
    CHECK(bob.get(gpath(hidden)).status == 404);  // invited is not yet a member
    const auto inv_id = std::to_string(inv.json().at("id").as_int64());
    CHECK(carla.send("POST", "/api/p/groups/invitations/" + inv_id + "/accept").status == 404);  // not hers
    REQUIRE(bob.send("POST", "/api/p/groups/invitations/" + inv_id + "/accept").status == 200);
    CHECK(role_of(bob, hidden) == "member");
    CHECK(bob.send("POST", gpath(hidden, "/invitations"), {{"user_id", carla.id}}).status == 403);
    // Declining.
    auto inv2 = alice.send("POST", gpath(hidden, "/invitations"), {{"user_id", carla.id}});
    REQUIRE(inv2.status == 201);
    CHECK(alice.get(gpath(hidden, "/invitations")).json().at("people").as_array().size() == 1);
    REQUIRE(carla.send("POST", "/api/p/groups/invitations/" + std::to_string(inv2.json().at("id").as_int64()) + "/decline").status == 200);
    CHECK(carla.get(gpath(hidden)).status == 404);
    CHECK(carla.get("/api/p/groups/invitations").json().at("invitations").as_array().empty());

    // A single-use link works once.
    auto link = alice.send("POST", gpath(hidden, "/invitations"), {{"link", true}, {"single_use", true}, {"expires_in_hours", 48}});
    REQUIRE(link.status == 201);
    CHECK(bob.send("POST", gpath(hidden, "/invitations"), {{"link", true}}).status == 403);
    const auto token = str(link.json().at("token"));
    CHECK(link.json().at("expires_at").as_int64() > 0);
    auto preview = carla.get("/api/p/groups/join/" + token);
    REQUIRE(preview.status == 200);
    CHECK(preview.json().at("group").at("name").as_string() == "Elternrat 4b");
    REQUIRE(carla.send("POST", "/api/p/groups/join/" + token).status == 200);
    CHECK(role_of(carla, hidden) == "member");
    CHECK(dora.send("POST", "/api/p/groups/join/" + token).error_code() == "invalid_link");
    CHECK(dora.get("/api/p/groups/join/" + token).status == 404);
    CHECK(dora.get("/api/p/groups/join/" + std::string(64, 'a')).status == 404);
    CHECK(dora.get("/api/p/groups/join/not-a-token").status == 404);
    // A reusable link works for several people until it is revoked; the token is never listed.
    CHECK(alice.send("POST", gpath(hidden, "/invitations"), {{"link", true}, {"single_use", false}, {"expires_in_hours", 0}}).status == 400);
    auto multi = alice.send("POST", gpath(hidden, "/invitations"), {{"link", true}, {"single_use", false}, {"expires_in_hours", 24}});
    REQUIRE(multi.status == 201);
    const auto mtoken = str(multi.json().at("token"));
    REQUIRE(dora.send("POST", "/api/p/groups/join/" + mtoken).status == 200);
    auto links = alice.get(gpath(hidden, "/invitations"));
    CHECK(links.body.find(mtoken) == std::string::npos);
    CHECK(links.json().at("links").as_array().size() == 1);
    REQUIRE(alice.send("DELETE", gpath(hidden, "/invitations/" + std::to_string(multi.json().at("id").as_int64()))).status == 204);
    auto erin = s.person("erin");
    CHECK(erin.send("POST", "/api/p/groups/join/" + mtoken).status == 404);
    CHECK(erin.get(gpath(hidden)).status == 404);
    // In a public group any member may invite a person.
    auto pub = create_group(alice, "Bücherschrank", "public");
    REQUIRE(bob.send("POST", gpath(pub, "/join")).status == 200);
    CHECK(bob.send("POST", gpath(pub, "/invitations"), {{"user_id", erin.id}}).status == 201);
  });
}

TEST_CASE("roles: owners, moderators and the last owner", "[groups][roles]") {
  for_each_dialect([](const DbTarget& target) {
    GroupsServer s(target.url);
    auto alice = s.person("alice");
    auto bob = s.person("bob");
    auto carla = s.person("carla");
    auto g = create_group(alice, "Sportverein Nord", "public");
    REQUIRE(bob.send("POST", gpath(g, "/join")).status == 200);
    REQUIRE(carla.send("POST", gpath(g, "/join")).status == 200);

    // The last owner can neither leave nor step down, nor be removed.
    CHECK(alice.send("POST", gpath(g, "/leave")).error_code() == "last_owner");
    CHECK(alice.send("PUT", gpath(g, "/members/" + uid(alice)), {{"role", "member"}}).error_code() == "last_owner");
    CHECK(alice.send("DELETE", gpath(g, "/members/" + uid(alice))).error_code() == "last_owner");
    CHECK(role_of(alice, g) == "owner");

    // Only owners change roles.
    CHECK(bob.send("PUT", gpath(g, "/members/" + uid(carla)), {{"role", "moderator"}}).status == 403);
    CHECK(alice.send("PUT", gpath(g, "/members/" + uid(bob)), {{"role", "moderator"}}).status == 200);
    CHECK(alice.send("PUT", gpath(g, "/members/" + uid(bob)), {{"role", "boss"}}).error_code() == "invalid_role");
    CHECK(role_of(bob, g) == "moderator");
    CHECK(bob.send("PUT", gpath(g, "/members/" + uid(carla)), {{"role", "owner"}}).status == 403);
    // Moderators manage: settings (not visibility), requests, removing plain members.
    CHECK(bob.send("PATCH", gpath(g), {{"description", "Fußball und Tischtennis"}}).status == 200);
    CHECK(bob.send("PATCH", gpath(g), {{"visibility", "hidden"}}).status == 403);
    CHECK(carla.send("PATCH", gpath(g), {{"description", "gekapert"}}).status == 403);
    CHECK(bob.send("DELETE", gpath(g, "/members/" + uid(alice))).status == 403);
    CHECK(bob.send("DELETE", gpath(g, "/members/" + uid(carla))).status == 204);
    CHECK(role_of(carla, g) == "none");
    // Announcements: managers only.
    REQUIRE(carla.send("POST", gpath(g, "/join")).status == 200);
    CHECK(carla.send("POST", gpath(g, "/announcements"), {{"title", "x"}, {"body", "y"}}).status == 403);
    CHECK(bob.send("POST", gpath(g, "/announcements"), {{"title", "Training fällt aus"}, {"body", "Wegen Regen."}}).status == 201);
    CHECK(carla.get("/api/notifications").body.find("Training f") != std::string::npos);

    // Handing over: then the former owner may leave.
    CHECK(alice.send("PUT", gpath(g, "/members/" + uid(bob)), {{"role", "owner"}}).status == 200);
    CHECK(alice.send("POST", gpath(g, "/leave")).status == 204);
    CHECK(role_of(bob, g) == "owner");
    CHECK(bob.send("POST", gpath(g, "/leave")).error_code() == "last_owner");
    // The owner changes visibility; the container follows (outsiders lose the content).
    const auto p = post(bob, g, "Vereinsinterna Kassenbericht");
    CHECK(alice.get("/api/content/" + std::to_string(p)).status == 200);
    CHECK(bob.send("PATCH", gpath(g), {{"visibility", "private"}}).status == 200);
    CHECK(alice.get("/api/content/" + std::to_string(p)).status != 200);
    CHECK(carla.get("/api/content/" + std::to_string(p)).status == 200);
  });
}

TEST_CASE("deleting a group needs confirmation and removes its content", "[groups][delete]") {
  for_each_dialect([](const DbTarget& target) {
    GroupsServer s(target.url);
    auto alice = s.person("alice");
    auto bob = s.person("bob");
    auto g = create_group(alice, "Kurzlebig", "public");
    REQUIRE(bob.send("POST", gpath(g, "/join")).status == 200);
    const auto p = post(bob, g, "Einmaliger Apfelstrudeltermin");
    REQUIRE(bob.send("POST", "/api/content/" + std::to_string(p) + "/comments", {{"body", "Lecker"}}).status == 201);
    CHECK(bob.send("DELETE", gpath(g), {{"confirm", slug(g)}}).status == 403);
    CHECK(alice.send("DELETE", gpath(g)).error_code() == "confirmation_required");
    CHECK(alice.send("DELETE", gpath(g), {{"confirm", "falsch"}}).error_code() == "confirmation_required");
    CHECK(alice.get("/api/content/" + std::to_string(p)).status == 200);
    REQUIRE(alice.send("DELETE", gpath(g), {{"confirm", slug(g)}}).status == 204);
    CHECK(alice.get(gpath(g)).status == 404);
    CHECK(bob.get("/api/content/" + std::to_string(p)).status == 404);
    CHECK(bob.get("/api/search?q=Apfelstrudeltermin").body.find("Apfelstrudel") == std::string::npos);
    CHECK(bob.get("/api/stream").body.find("Apfelstrudel") == std::string::npos);
    CHECK(bob.get("/api/p/groups/groups/mine").json().at("groups").as_array().empty());
    // The slug is free again.
    create_group(alice, "Kurzlebig", "public");
  });
}

TEST_CASE("two owners leaving at once: one stays", "[groups][roles][concurrency]") {
  for_each_dialect([](const DbTarget& target) {
    GroupsServer s(target.url);
    auto alice = s.person("alice");
    auto bob = s.person("bob");
    for (int round = 0; round < 3; ++round) {
      auto g = create_group(alice, "Doppelspitze " + std::to_string(round), "public");
      REQUIRE(bob.send("POST", gpath(g, "/join")).status == 200);
      REQUIRE(alice.send("PUT", gpath(g, "/members/" + uid(bob)), {{"role", "owner"}}).status == 200);
      int a = 0, b = 0;
      std::thread ta([&] { a = alice.send("POST", gpath(g, "/leave")).status; });
      std::thread tb([&] { b = bob.send("POST", gpath(g, "/leave")).status; });
      ta.join();
      tb.join();
      INFO("alice " << a << ", bob " << b);
      CHECK(((a == 204 && b == 409) || (a == 409 && b == 204)));
      // Whoever stayed is still the owner.
      auto& stayed = a == 409 ? alice : bob;
      CHECK(role_of(stayed, g) == "owner");
    }
  });
}
