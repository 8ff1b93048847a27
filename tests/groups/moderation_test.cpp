// Group moderators handle reports about their group's content through the core's moderation
// steps (ABI report_list / moderate): they see the open reports of their group only, hide,
// delete or dismiss, the author is told, and the core's moderation log records it.
#include "groups_fixture.hpp"
#include "pg_test_db.hpp"

using namespace qt::test;
using namespace qt::test::groups;

TEST_CASE("group moderators handle reports about their group's content", "[groups][moderation]") {
  for_each_dialect([](const DbTarget& target) {
    GroupsServer s(target.url);
    auto alice = s.person("alice");
    auto bob = s.person("bob");
    auto carla = s.person("carla");
    auto dave = s.person("dave");
    auto mod = s.person("moderatorin", "moderator");
    auto g = create_group(alice, "Tauschbörse", "public");
    auto other = create_group(dave, "Andere Gruppe", "public");
    REQUIRE(bob.send("POST", gpath(g, "/join")).status == 200);
    REQUIRE(carla.send("POST", gpath(g, "/join")).status == 200);
    REQUIRE(alice.send("PUT", gpath(g, "/members/" + std::to_string(bob.id)), {{"role", "moderator"}}).status == 200);

    const auto spam = post(carla, g, "Billige Uhren hier kaufen");
    const auto fine = post(carla, g, "Tausche Kinderfahrrad gegen Roller");
    const auto elsewhere = post(dave, other, "Etwas in einer anderen Gruppe");
    auto comment = bob.send("POST", "/api/content/" + std::to_string(fine) + "/comments", {{"body", "Beleidigender Kommentar"}});
    REQUIRE(comment.status == 201);
    const auto comment_id = comment.json().at("id").as_int64();
    REQUIRE(dave.send("POST", "/api/content/" + std::to_string(spam) + "/report", {{"reason", "spam"}, {"details", "Werbung"}}).status == 201);
    REQUIRE(dave.send("POST", "/api/content/" + std::to_string(fine) + "/report", {{"reason", "other"}}).status == 201);
    REQUIRE(dave.send("POST", "/api/comments/" + std::to_string(comment_id) + "/report", {{"reason", "abuse"}}).status == 201);
    REQUIRE(alice.send("POST", "/api/content/" + std::to_string(elsewhere) + "/report", {{"reason", "spam"}}).status == 201);

    // Only managers see the group's reports; reporters are not named; other groups' reports stay out.
    CHECK(carla.get(gpath(g, "/reports")).status == 403);
    auto reps = bob.get(gpath(g, "/reports"));
    REQUIRE(reps.status == 200);
    INFO(reps.body);
    CHECK(reps.json().at("reports").as_array().size() == 3);
    CHECK(reps.body.find("\"reporter") == std::string::npos);
    const auto rj = reps.json();
    for (const auto& r : rj.at("reports").as_array()) CHECK(r.at("content_id").as_int64() != elsewhere);
    CHECK(reps.json().at("reports").as_array()[0].at("details").as_string() == "Werbung");

    // Hide with a reason: outsiders no longer see it, the author is told.
    CHECK(bob.send("POST", gpath(g, "/moderation"), {{"action", "hide"}, {"target_id", spam}}).error_code() == "reason_required");
    CHECK(carla.send("POST", gpath(g, "/moderation"), {{"action", "hide"}, {"target_id", spam}, {"reason", "x"}}).status == 403);
    REQUIRE(bob.send("POST", gpath(g, "/moderation"), {{"action", "hide"}, {"target_id", spam}, {"reason", "Werbung ist hier nicht erlaubt"}}).status == 204);
    CHECK(dave.get("/api/content/" + std::to_string(spam)).status != 200);
    CHECK(carla.get("/api/notifications").body.find("Werbung ist hier nicht erlaubt") != std::string::npos);
    // Delete a comment, dismiss the report on the fine post.
    REQUIRE(bob.send("POST", gpath(g, "/moderation"), {{"action", "delete"}, {"target_type", "comment"}, {"target_id", comment_id}, {"reason", "Beleidigung"}}).status == 204);
    CHECK(bob.get("/api/content/" + std::to_string(fine) + "/comments").body.find("Beleidigender") == std::string::npos);
    REQUIRE(alice.send("POST", gpath(g, "/moderation"), {{"action", "dismiss"}, {"target_id", fine}}).status == 204);
    CHECK(dave.get("/api/content/" + std::to_string(fine)).status == 200);
    CHECK(bob.get(gpath(g, "/reports")).json().at("reports").as_array().empty());
    // Content of another group is out of reach.
    CHECK(bob.send("POST", gpath(g, "/moderation"), {{"action", "delete"}, {"target_id", elsewhere}, {"reason", "nein"}}).status == 404);
    CHECK(dave.get("/api/content/" + std::to_string(elsewhere)).status == 200);
    CHECK(bob.send("POST", gpath(g, "/moderation"), {{"action", "ban"}, {"target_id", fine}}).error_code() == "invalid_action");
    // The core's moderation log names the group moderator.
    auto log = mod.get("/api/moderation/log");
    REQUIRE(log.status == 200);
    int by_bob = 0;
    const auto entries = log.json();
    for (const auto& e : entries.at("items").as_array())
      if (e.at("moderator_id").as_int64() == bob.id) ++by_bob;
    CHECK(by_bob == 2);
    // The site moderators' queue no longer lists the handled reports, but still the other group's.
    auto queue = mod.get("/api/moderation/reports");
    REQUIRE(queue.status == 200);
    CHECK(queue.json().at("items").as_array().size() == 1);
  });
}
