// The directory (search, filters, my groups, suggestions; hidden groups never listed), input
// validation, and the privacy hooks: export, and erasure when an account is deleted.
#include <chrono>
#include <thread>

#include "groups_fixture.hpp"
#include "pg_test_db.hpp"

using namespace qt::test;
using namespace qt::test::groups;

TEST_CASE("directory: search, filters, my groups, suggestions, hidden never listed", "[groups][directory]") {
  for_each_dialect([](const DbTarget& target) {
    GroupsServer s(target.url);
    auto admin = s.person("admin", "admin");
    auto staff = s.person("amt", "staff");
    auto alice = s.person("alice");
    auto bob = s.person("bob");
    auto nord = admin.send("POST", "/api/neighbourhoods", {{"slug", "nord"}, {"name", "Nord"}});
    auto sued = admin.send("POST", "/api/neighbourhoods", {{"slug", "sued"}, {"name", "Süd"}});
    INFO(nord.body);
    REQUIRE(nord.status == 201);
    REQUIRE(sued.status == 201);
    const auto nord_id = nord.json().at("id").as_int64();
    const auto sued_id = sued.json().at("id").as_int64();
    REQUIRE(bob.send("PATCH", "/api/me", {{"neighbourhood_id", nord_id}}).status == 200);

    auto chor = create_group(alice, "Gemischter Chor Nord", "private", {{"neighbourhood_id", nord_id}, {"category", "verein"}});
    auto garten = create_group(alice, "Gemeinschaftsgarten", "public", {{"neighbourhood_id", nord_id}, {"category", "nachbarschaft"}});
    auto sued_g = create_group(alice, "Spielplatz Süd", "public", {{"neighbourhood_id", sued_id}, {"category", "initiative"}});
    auto city = create_group(alice, "Stadtchor", "public", {{"category", "verein"}});
    auto secret = create_group(alice, "Chor der Geheimnisse", "hidden", {{"neighbourhood_id", nord_id}});
    CHECK(slug(sued_g) == "spielplatz-sued");  // umlauts transliterated
    CHECK(chor.at("neighbourhood_id").as_int64() == nord_id);

    auto all = slugs(bob.get("/api/p/groups/groups"));
    CHECK(all.size() == 4);
    CHECK_FALSE(has(all, slug(secret)));
    CHECK_FALSE(has(slugs(alice.get("/api/p/groups/groups")), slug(secret)));  // not even for its owner
    CHECK_FALSE(has(slugs(admin.get("/api/p/groups/groups?q=Geheimnisse")), slug(secret)));
    auto chors = slugs(bob.get("/api/p/groups/groups?q=chor"));
    CHECK(chors.size() == 2);
    CHECK(has(chors, slug(chor)));
    CHECK(has(chors, slug(city)));
    CHECK(slugs(bob.get("/api/p/groups/groups?q=%25")).empty());  // LIKE wildcards are literal
    CHECK(slugs(bob.get("/api/p/groups/groups?category=nachbarschaft")) == std::vector<std::string>{slug(garten)});
    auto in_nord = slugs(bob.get("/api/p/groups/groups?neighbourhood_id=" + std::to_string(nord_id)));
    CHECK(in_nord.size() == 2);
    CHECK(slugs(bob.get("/api/p/groups/groups?neighbourhood_id=0")) == std::vector<std::string>{slug(city)});
    CHECK(slugs(bob.get("/api/p/groups/groups?q=chor&neighbourhood_id=" + std::to_string(nord_id))) == std::vector<std::string>{slug(chor)});
    CHECK(bob.get("/api/p/groups/groups?category=sekte").status == 400);
    CHECK(bob.get("/api/p/groups/groups?limit=1").json().at("groups").as_array().size() == 1);

    // Suggestions: listed groups of my neighbourhood I am not in.
    auto sug = slugs(bob.get("/api/p/groups/groups/suggestions"));
    CHECK(sug.size() == 2);
    CHECK(has(sug, slug(chor)));
    CHECK(has(sug, slug(garten)));
    REQUIRE(bob.send("POST", gpath(garten, "/join")).status == 200);
    CHECK(slugs(bob.get("/api/p/groups/groups/suggestions")) == std::vector<std::string>{slug(chor)});

    // My groups include hidden ones I belong to.
    auto mine = slugs(alice.get("/api/p/groups/groups/mine"));
    CHECK(mine.size() == 5);
    CHECK(has(mine, slug(secret)));
    CHECK(slugs(bob.get("/api/p/groups/groups/mine")) == std::vector<std::string>{slug(garten)});
    CHECK(bob.get("/api/p/groups/groups").json().at("groups").as_array().size() == 4);

    // Validation and rights at creation.
    CHECK(alice.send("POST", "/api/p/groups/groups", {{"name", ""}}).error_code() == "invalid_name");
    CHECK(alice.send("POST", "/api/p/groups/groups", {{"name", "X"}, {"visibility", "secret"}}).error_code() == "invalid_visibility");
    CHECK(alice.send("POST", "/api/p/groups/groups", {{"name", "X"}, {"category", "sekte"}}).error_code() == "invalid_category");
    CHECK(alice.send("POST", "/api/p/groups/groups", {{"name", "X"}, {"slug", "Nicht Gut"}}).error_code() == "invalid_slug");
    CHECK(alice.send("POST", "/api/p/groups/groups", {{"name", "X"}, {"slug", slug(city)}}).error_code() == "slug_taken");
    CHECK(alice.send("POST", "/api/p/groups/groups", {{"name", "X"}, {"slug", "mine"}}).error_code() == "slug_taken");
    CHECK(alice.send("POST", "/api/p/groups/groups", {{"name", "X"}, {"neighbourhood_id", 987654}}).error_code() == "invalid_neighbourhood_id");
    CHECK(alice.send("POST", "/api/p/groups/groups", {{"name", "X"}, {"image", "javascript:alert(1)"}}).error_code() == "invalid_image");
    CHECK(alice.send("POST", "/api/p/groups/groups", {{"name", "Bürgeramt"}, {"category", "verwaltung"}}).status == 403);
    auto amt = create_group(staff, "Bürgeramt Nord", "public", {{"category", "verwaltung"}, {"image", "/files/logo.png"}});
    CHECK(amt.at("image").as_string() == "/files/logo.png");
    CHECK(slug(create_group(alice, "Stadtchor", "public")) == "stadtchor-2");
    auto bad = alice.http->request("POST", "/api/p/groups/groups", "{nope",
                                   {{"Content-Type", "application/json"}, {"X-CSRF-Token", alice.http->csrf_token}});
    CHECK(bad.error_code() == "invalid_json");
  });
}

TEST_CASE("privacy: group data in the export, erased with the account", "[groups][privacy]") {
  for_each_dialect([](const DbTarget& target) {
    GroupsServer s(target.url);
    auto alice = s.person("alice");
    auto bob = s.person("bob");
    auto carla = s.person("carla");
    auto shared = create_group(alice, "Nachbarschaftshilfe", "private");
    auto alone = create_group(alice, "Nur ich", "public");
    auto other = create_group(bob, "Bobs Gruppe", "private");
    REQUIRE(alice.send("POST", gpath(shared, "/invitations"), {{"user_id", bob.id}}).status == 201);
    REQUIRE(bob.send("POST", "/api/p/groups/invitations/" +
                                 std::to_string(bob.get("/api/p/groups/invitations").json().at("invitations").as_array()[0].at("id").as_int64()) +
                                 "/accept").status == 200);
    REQUIRE(alice.send("PUT", gpath(shared, "/members/" + std::to_string(bob.id)), {{"role", "moderator"}}).status == 200);
    REQUIRE(alice.send("POST", gpath(shared, "/invitations"), {{"user_id", carla.id}}).status == 201);
    REQUIRE(alice.send("POST", gpath(other, "/join"), {{"message", "Darf ich?"}}).status == 202);
    REQUIRE(alice.send("POST", gpath(shared, "/invitations"), {{"link", true}}).status == 201);
    const auto post_id = post(alice, alone, "Alleinunterhaltung");

    auto ex = alice.get("/api/me/export");
    REQUIRE(ex.status == 200);
    auto exp = ex.json().as_object();
    INFO(ex.body);
    // The plugin's part sits under its name, next to the core's parts.
    auto& g = exp.at("data").at("groups").as_object();
    CHECK(g.at("memberships").as_array().size() == 2);
    CHECK(g.at("created_groups").as_array().size() == 2);
    CHECK(g.at("join_requests").as_array()[0].at("message").as_string() == "Darf ich?");
    CHECK(g.at("invitations_sent").as_array().size() == 2);
    auto cex = carla.get("/api/me/export");
    CHECK(cex.body.find("Nachbarschaftshilfe") != std::string::npos);  // her invitation

    // Deleting alice: bob (moderator) takes over the shared group, the group only she was in goes.
    auto del = alice.send("DELETE", "/api/me", {{"password", alice.password}});
    INFO(del.body);
    REQUIRE(del.status < 300);
    auto sh = bob.get(gpath(shared));
    REQUIRE(sh.status == 200);
    CHECK(sh.json().at("my_role").as_string() == "owner");
    CHECK(sh.json().at("member_count").as_int64() == 1);
    // The group only she was in goes with its container (container.deleted, after the commit).
    int alone_status = 0;
    for (int i = 0; i < 400 && (alone_status = bob.get(gpath(alone)).status) != 404; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    CHECK(alone_status == 404);
    CHECK(bob.get("/api/content/" + std::to_string(post_id)).status == 404);
    CHECK(bob.get(gpath(other, "/requests")).json().at("requests").as_array().empty());
    // Invitations she sent stay usable for the group, without her name.
    auto inv = carla.get("/api/p/groups/invitations");
    REQUIRE(inv.json().at("invitations").as_array().size() == 1);
    CHECK(inv.json().at("invitations").as_array()[0].at("inviter").at("id").as_int64() == 0);
  });
}

TEST_CASE("a hidden group's address leaks neither through a taken slug nor a numbered one", "[groups][directory]") {
  for_each_dialect([](const DbTarget& target) {
    GroupsServer s(target.url);
    auto alice = s.person("alice");
    auto bob = s.person("bob");
    auto hidden = create_group(alice, "Elternrat 4b", "hidden", {{"slug", "elternrat-4b"}});
    // The hidden group does not take the readable address: a random tail makes it unguessable.
    CHECK(slug(hidden).rfind("elternrat-4b-", 0) == 0);
    CHECK(slug(hidden).size() == std::string("elternrat-4b-").size() + 10);
    CHECK(bob.get(gpath(hidden)).status == 404);
    // Someone else asking for the same address or name gets exactly that address: nothing tells
    // them a hidden group exists.
    auto same_slug = bob.send("POST", "/api/p/groups/groups", {{"name", "Elternrat"}, {"slug", "elternrat-4b"}, {"category", "schule"}});
    REQUIRE(same_slug.status == 201);
    CHECK(slug(same_slug.json().as_object()) == "elternrat-4b");
    auto alice_again = create_group(alice, "Elternrat 4b", "hidden");
    auto same_name = create_group(bob, "Elternrat 4b", "public");
    CHECK(slug(same_name) == "elternrat-4b-2");  // numbered after Bob's own public group, not the hidden ones
    CHECK(slug(alice_again) != slug(hidden));
    // A group that goes hidden leaves its readable address, and its members still find it.
    auto club = create_group(alice, "Lesekreis", "public");
    REQUIRE(slug(club) == "lesekreis");
    auto patched = alice.send("PATCH", gpath(club), {{"visibility", "hidden"}});
    REQUIRE(patched.status == 200);
    const auto moved = slug(patched.json().as_object());
    CHECK(moved.rfind("lesekreis-", 0) == 0);
    CHECK(bob.get("/api/p/groups/groups/lesekreis").status == 404);
    CHECK(has(slugs(alice.get("/api/p/groups/groups/mine")), moved));
    auto reuse = bob.send("POST", "/api/p/groups/groups", {{"name", "Lesekreis"}, {"category", "verein"}});
    REQUIRE(reuse.status == 201);
    CHECK(slug(reuse.json().as_object()) == "lesekreis");
    // Group names follow the rule for display names: no right-to-left override, a letter.
    auto rlo = bob.send("POST", "/api/p/groups/groups", {{"name", "Chor\xE2\x80\xAE" "rohC"}, {"category", "verein"}});
    CHECK(rlo.error_code() == "invalid_name");
    CHECK(rlo.body.find("U+202E") != std::string::npos);
    CHECK(bob.send("POST", "/api/p/groups/groups", {{"name", "!!!"}, {"category", "verein"}}).error_code() == "invalid_name");
    CHECK(bob.send("PATCH", gpath(reuse.json().as_object()), {{"name", "Lese\xE2\x80\x8B" "kreis"}}).error_code() == "invalid_name");
  });
}
