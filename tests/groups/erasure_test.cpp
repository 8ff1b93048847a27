// Issue 27, erasure of invitations: when a person deletes their account, the groups plugin
// removes the invitations addressed to them (and their join requests), and no plugin row names
// them any more: every column of every groups_ table that holds a person's id is searched for
// theirs, every text column for their e-mail address and name. On SQLite and PostgreSQL.
#include "groups_fixture.hpp"
#include "pg_test_db.hpp"
#include "sql_access.hpp"

using namespace qt::test;
using namespace qt::test::groups;

namespace {

std::string joined(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += "\n  " + s;
  return out;
}

std::size_t count(Person& viewer, const std::string& target, const char* key) {
  auto r = viewer.get(target);
  INFO(target << ": " << r.body);
  REQUIRE(r.status == 200);
  return r.json().at(key).as_array().size();
}

}  // namespace

TEST_CASE("erasing a person removes invitations addressed to them and every plugin row naming them",
          "[groups][privacy][erasure][holes]") {
  for_each_dialect([](const DbTarget& target) {
    GroupsServer s(target.url);
    SqlAccess db(target.url);
    auto alice = s.person("alice");
    auto dave = s.person("dave");
    auto ines = s.person("ines");  // the one who goes; her name is in no group name or text below

    // Invitations addressed to her: pending, in a private and in a hidden group.
    auto club = create_group(alice, "Lauftreff Nord", "private");
    auto board = create_group(alice, "Elternrat 4b", "hidden", {{"category", "schule"}});
    REQUIRE(alice.send("POST", gpath(club, "/invitations"), {{"user_id", ines.id}}).status == 201);
    REQUIRE(alice.send("POST", gpath(board, "/invitations"), {{"user_id", ines.id}}).status == 201);
    // A join request of hers, with a message.
    auto garden = create_group(alice, "Gemeinschaftsgarten", "private");
    REQUIRE(ines.send("POST", gpath(garden, "/join"), {{"message", "Ich gieße gern."}}).status == 202);
    // A group she created and shares with dave, a person and a link she invited with.
    auto choir = create_group(ines, "Hofchor", "private");
    auto dave_inv = ines.send("POST", gpath(choir, "/invitations"), {{"user_id", dave.id}});
    REQUIRE(dave_inv.status == 201);
    REQUIRE(dave.send("POST", "/api/p/groups/invitations/" + std::to_string(dave_inv.json().at("id").as_int64()) + "/accept")
                .status == 200);
    REQUIRE(ines.send("POST", gpath(choir, "/invitations"), {{"user_id", alice.id}}).status == 201);
    REQUIRE(ines.send("POST", gpath(choir, "/invitations"), {{"link", true}}).status == 201);

    // Before: the plugin's rows name her, and the owners see her invitations and request.
    const std::vector<std::string> needles = {ines.email, "ines"};
    REQUIRE_FALSE(db.rows_naming("groups_", ines.id, needles).empty());
    REQUIRE(count(alice, gpath(club, "/invitations"), "people") == 1);
    REQUIRE(count(alice, gpath(board, "/invitations"), "people") == 1);
    REQUIRE(count(alice, gpath(garden, "/requests"), "requests") == 1);
    REQUIRE(count(ines, "/api/p/groups/invitations", "invitations") == 2);

    auto del = ines.send("DELETE", "/api/me", {{"password", ines.password}});
    INFO(del.body);
    REQUIRE(del.status < 300);

    // After: the invitations to her and her request are gone for the owners too.
    CHECK(count(alice, gpath(club, "/invitations"), "people") == 0);
    CHECK(count(alice, gpath(board, "/invitations"), "people") == 0);
    CHECK(count(alice, gpath(garden, "/requests"), "requests") == 0);
    // Her group lives on with dave as owner; the invitation she sent alice stays, without her.
    auto ch = dave.get(gpath(choir));
    REQUIRE(ch.status == 200);
    CHECK(str(ch.json().at("my_role")) == "owner");
    auto mine = alice.get("/api/p/groups/invitations");
    REQUIRE(count(alice, "/api/p/groups/invitations", "invitations") == 1);
    CHECK(mine.json().at("invitations").as_array()[0].at("inviter").at("id").as_int64() == 0);

    // No row of any groups_ table names her: not by id, not by address or name.
    const auto left = db.rows_naming("groups_", ines.id, needles);
    INFO("rows still naming the erased person:" << joined(left));
    CHECK(left.empty());
    // Nor the core's rows that only exist for her (memberships, notifications, sessions).
    CHECK(db.scalar("SELECT COUNT(*) FROM memberships WHERE user_id = :a", ines.id) == 0);
    CHECK(db.scalar("SELECT COUNT(*) FROM notifications WHERE user_id = :a", ines.id) == 0);
    CHECK(db.scalar("SELECT COUNT(*) FROM sessions WHERE user_id = :a", ines.id) == 0);
  });
}
