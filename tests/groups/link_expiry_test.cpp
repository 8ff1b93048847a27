// Beyond issue 27's six, in the groups plugin: an invitation link past its expiry neither shows
// the group nor lets anyone in, through the real server on SQLite and PostgreSQL. Time passing is
// simulated by moving the link's stored created_at and expires_at back by its lifetime (24 hours)
// plus a minute, so a lifetime stored too long is caught too; a link that has not expired keeps
// working, so the refusal is the expiry's doing.
#include "groups_fixture.hpp"
#include "pg_test_db.hpp"
#include "sql_access.hpp"

using namespace qt::test;
using namespace qt::test::groups;

TEST_CASE("an invitation link older than its expires_in_hours is refused", "[groups][invitations][expiry][holes]") {
  for_each_dialect([](const DbTarget& target) {
    GroupsServer s(target.url);
    SqlAccess db(target.url);
    auto alice = s.person("alice");
    auto bob = s.person("bob");
    auto board = create_group(alice, "Elternrat 4b", "hidden", {{"category", "schule"}});
    auto make_link = [&] {
      auto r = alice.send("POST", gpath(board, "/invitations"), {{"link", true}, {"single_use", false}, {"expires_in_hours", 24}});
      INFO(r.body);
      REQUIRE(r.status == 201);
      return r.json().as_object();
    };
    const auto old_link = make_link();
    const auto fresh_link = make_link();
    const std::int64_t aged = 24 * 3600 * 1000LL + 60 * 1000;
    db.exec("UPDATE groups_invitations SET created_at = created_at - :a, expires_at = expires_at - :b WHERE id = " +
                std::to_string(old_link.at("id").as_int64()),
            aged, aged);

    const auto old_path = "/api/p/groups/join/" + str(old_link.at("token"));
    auto preview = bob.get(old_path);
    INFO(preview.body);
    CHECK(preview.status == 404);
    CHECK(preview.body.find("Elternrat") == std::string::npos);
    auto join = bob.send("POST", old_path);
    INFO(join.body);
    CHECK(join.status == 404);
    CHECK(bob.get(gpath(board)).status == 404);  // still not a member of the hidden group

    // The link that has not expired lets him in.
    auto ok = bob.send("POST", "/api/p/groups/join/" + str(fresh_link.at("token")));
    INFO(ok.body);
    CHECK(ok.status == 200);
    CHECK(bob.get(gpath(board)).status == 200);
  });
}
