// groups uses the core events: when the core deletes a group's container (here: the erasure of
// the group's only member, whose groups the core deletes with the account), container.deleted
// after the commit removes the group's row and, with it, its join requests and invitations.
// On SQLite and PostgreSQL, through the real server.
#include <chrono>
#include <thread>

#include "groups_fixture.hpp"
#include "pg_test_db.hpp"
#include "sql_access.hpp"

using namespace qt::test;
using namespace qt::test::groups;

TEST_CASE("a group's rows go with its container (container.deleted)", "[groups][events]") {
  for_each_dialect([](const DbTarget& target) {
    GroupsServer s(target.url);
    SqlAccess db(target.url);
    auto ines = s.person("ines");
    auto dave = s.person("dave");
    auto alice = s.person("alice");

    auto choir = create_group(ines, "Hofchor", "private");
    auto kept = create_group(alice, "Lauftreff", "private");
    const auto gid = choir.at("id").as_int64();
    REQUIRE(dave.send("POST", gpath(choir, "/join"), {{"message", "Ich singe Bass."}}).status == 202);
    REQUIRE(ines.send("POST", gpath(choir, "/invitations"), {{"user_id", alice.id}}).status == 201);
    REQUIRE(ines.send("POST", gpath(choir, "/invitations"), {{"link", true}}).status == 201);
    REQUIRE(db.scalar("SELECT COUNT(*) FROM groups_requests WHERE group_id = :a", gid) == 1);
    REQUIRE(db.scalar("SELECT COUNT(*) FROM groups_invitations WHERE group_id = :a", gid) == 2);

    // She was its only member: her erasure deletes the container in the core's transaction.
    auto del = ines.send("DELETE", "/api/me", {{"password", ines.password}});
    INFO(del.body);
    REQUIRE(del.status < 300);
    CHECK(db.scalar("SELECT COUNT(*) FROM containers WHERE id = :a", container(choir)) == 0);
    std::int64_t left = 1;
    for (int i = 0; i < 400 && (left = db.scalar("SELECT COUNT(*) FROM groups_groups WHERE id = :a", gid)) != 0; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    CHECK(left == 0);
    CHECK(db.scalar("SELECT COUNT(*) FROM groups_requests WHERE group_id = :a", gid) == 0);
    CHECK(db.scalar("SELECT COUNT(*) FROM groups_invitations WHERE group_id = :a", gid) == 0);
    CHECK(dave.get(gpath(choir)).status == 404);
    CHECK(alice.get("/api/p/groups/invitations").json().at("invitations").as_array().empty());
    // Other groups are untouched.
    CHECK(alice.get(gpath(kept)).status == 200);
    CHECK(db.scalar("SELECT COUNT(*) FROM groups_groups") == 1);
  });
}
