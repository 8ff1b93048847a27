// Groups on the views of ABI 1.2: notification titles in each recipient's language (not the
// actor's), and an unknown neighbourhood refused through the core's view before anything is
// written (no longer by catching the core's foreign-key error).
#include "groups_fixture.hpp"
#include "pg_test_db.hpp"

using namespace qt::test;
using namespace qt::test::groups;

namespace {
// The title of the person's newest notification of `kind`, "" if none.
std::string newest_title(Person& p, const std::string& kind) {
  auto r = p.get("/api/notifications");
  REQUIRE(r.status == 200);
  const auto body = r.json();
  for (const auto& n : body.at("items").as_array())
    if (n.at("kind").as_string() == kind) return str(n.at("payload").at("title"));
  return {};
}
}  // namespace

TEST_CASE("groups notify each person in their own language", "[groups][languages]") {
  for_each_dialect([](const DbTarget& target) {
    GroupsServer s(target.url);
    auto alice = s.person("alice");  // German (the default)
    auto bob = s.person("bob");
    REQUIRE(bob.send("PATCH", "/api/me", {{"language", "en"}}).status == 200);
    auto g = create_group(alice, "Gartenfreunde", "private");

    // Alice (German) invites Bob (English): Bob reads English.
    REQUIRE(alice.send("POST", gpath(g, "/invitations"), {{"user_id", bob.id}}).status == 201);
    CHECK(newest_title(bob, "groups.invitation") == "Invitation to the group “Gartenfreunde”");

    // Bob (English) accepts: Alice, the inviter, reads German.
    auto list = bob.get("/api/p/groups/invitations").json();
    const auto inv = list.at("invitations").as_array().at(0).at("id").as_int64();
    REQUIRE(bob.send("POST", "/api/p/groups/invitations/" + std::to_string(inv) + "/accept").status == 200);
    CHECK(newest_title(alice, "groups.invitation_accepted") == "bob ist der Gruppe „Gartenfreunde“ beigetreten.");

    // A group announcement: the prefix in each reader's language.
    REQUIRE(alice.send("POST", gpath(g, "/announcements"), {{"title", "Ernte"}, {"body", "Samstag."}}).status == 201);
    CHECK(newest_title(bob, "groups.announcement") == "“Gartenfreunde”: Ernte");
  });
}

TEST_CASE("groups refuse an unknown neighbourhood through the core's view", "[groups][languages]") {
  for_each_dialect([](const DbTarget& target) {
    GroupsServer s(target.url);
    auto alice = s.person("alice");
    auto g = create_group(alice, "Lauftreff", "public");
    auto r = alice.send("PATCH", gpath(g), {{"neighbourhood_id", 987654}});
    CHECK(r.status == 400);
    CHECK(r.error_code() == "invalid_neighbourhood_id");
    CHECK(alice.get(gpath(g)).json().at("neighbourhood_id").is_null());  // nothing changed
    CHECK(alice.send("POST", "/api/p/groups/groups", {{"name", "Y"}, {"neighbourhood_id", 987654}}).status == 400);
    CHECK(s.server.log().find("FOREIGN KEY") == std::string::npos);  // SQLite
    CHECK(s.server.log().find("foreign key") == std::string::npos);  // PostgreSQL
  });
}
