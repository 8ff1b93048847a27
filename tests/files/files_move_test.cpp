// Moving files and folders through the real server on SQLite and PostgreSQL: the folder tree the
// UI's picker offers (trashed folders and what is in them left out), a move that works, and the
// refusals in words: a folder into itself or one of its own folders, a name the target folder
// holds already, a folder of another space (named as such only when the person can see that
// space), someone else's folder tree. A refused move changes nothing.
#include "files_fixture.hpp"
#include "pg_test_db.hpp"

using namespace qt::test;
using namespace qt::test::files;

namespace {

std::string item(std::int64_t id) { return "/api/p/files/items/" + std::to_string(id); }

}  // namespace

TEST_CASE("moves stay in their space and are refused in words", "[files][move]") {
  for_each_dialect([](const DbTarget& target) {
    FilesServer s(target.url);
    auto alice = s.person("alice");
    auto bob = s.person("bob");
    auto admin = s.person("root", "admin");
    const auto folders = "/api/p/files/spaces/" + alice.mine() + "/folders";
    auto make = [&](const std::string& name, std::int64_t parent) {
      return created_id(alice.send("POST", folders, {{"name", name}, {"parent_id", parent}}));
    };
    const auto club = make("Verein", 0);
    const auto year = make("2026", club);
    const auto archive = make("Archiv", 0);
    const auto old = make("Alt", 0);
    make("Darin", old);
    REQUIRE(alice.send("DELETE", item(old)).status == 204);
    const auto statutes = created_id(alice.upload(alice.mine(), "Satzung.txt", "Paragraph 1", club));

    // The picker's tree: a parent before its folders, siblings by name, the trash left out.
    auto tree = alice.get(folders);
    REQUIRE(tree.status == 200);
    std::vector<std::string> seen;
    const auto listed = tree.json();  // kept: the loop walks into it
    for (const auto& f : listed.at("folders").as_array())
      seen.push_back(str(f.at("name")) + "@" + std::to_string(f.at("depth").as_int64()));
    CHECK(seen == std::vector<std::string>{"Archiv@0", "Verein@0", "2026@1"});
    CHECK(bob.get(folders).status == 404);

    // A folder into itself or its own folder; a file over a name the target holds.
    CHECK(alice.send("PATCH", item(club), {{"parent_id", club}}).error_code() == "invalid_folder");
    auto cycle = alice.send("PATCH", item(club), {{"parent_id", year}});
    CHECK(cycle.status == 400);
    CHECK_THAT(cycle.body, Catch::Contains("nicht in sich selbst") && Catch::Contains("cannot be moved into itself"));
    REQUIRE(alice.upload(alice.mine(), "Satzung.txt", "Entwurf", archive).status == 201);
    auto clash = alice.send("PATCH", item(statutes), {{"parent_id", archive}});
    CHECK(clash.status == 409);
    CHECK(clash.error_code() == "name_taken");

    // Another space: a department's folder (every signed-in person sees it) is named as such;
    // bob's private folder is just "no such folder here".
    auto dep = admin.send("POST", "/api/p/files/departments", {{"name", "Bürgeramt"}});
    REQUIRE(dep.status == 201);
    const auto dep_space = "department/" + std::to_string(dep.json().at("space").at("id").as_int64());
    const auto forms = created_id(admin.send("POST", "/api/p/files/spaces/" + dep_space + "/folders", {{"name", "Formulare"}}));
    auto other = alice.send("PATCH", item(statutes), {{"parent_id", forms}});
    CHECK(other.status == 400);
    CHECK(other.error_code() == "other_space");
    CHECK_THAT(other.body, Catch::Contains("anderen Ablageort") && Catch::Contains("another space"));
    const auto bobs = created_id(bob.send("POST", "/api/p/files/spaces/" + bob.mine() + "/folders", {{"name", "Privat"}}));
    CHECK(alice.send("PATCH", item(statutes), {{"parent_id", bobs}}).error_code() == "invalid_folder");
    CHECK(alice.send("PATCH", item(statutes), {{"parent_id", old}}).error_code() == "invalid_folder");  // in the trash
    CHECK(names(alice.get("/api/p/files/spaces/" + alice.mine() + "?folder=" + std::to_string(club))) ==
          std::vector<std::string>{"2026", "Satzung.txt"});  // nothing moved

    // What works: a file into another folder, a folder to the top level.
    auto moved = alice.send("PATCH", item(statutes), {{"parent_id", year}});
    CHECK(moved.status == 200);
    CHECK(moved.json().at("parent_id").as_int64() == year);
    CHECK(alice.send("PATCH", item(year), {{"parent_id", 0}}).status == 200);
    CHECK(names(alice.get("/api/p/files/spaces/" + alice.mine())) == std::vector<std::string>{"2026", "Archiv", "Verein"});
  });
}
