// Versions of the files plugin through the real server on SQLite and PostgreSQL: the same name
// uploaded again into a folder makes a new version; versions are listed, downloaded and
// restored, count toward the quota, are trimmed to max_versions and go with the file; two
// uploads of one name at the same moment become two versions.
#include <future>
#include <set>

#include "files_fixture.hpp"
#include "pg_test_db.hpp"

using namespace qt::test;
using namespace qt::test::files;

namespace {

std::string item(std::int64_t id, const std::string& rest = "") { return "/api/p/files/items/" + std::to_string(id) + rest; }

std::int64_t id_of(const HttpResponse& r) {
  INFO(r.status << " " << r.body);
  REQUIRE(r.status == 201);
  return r.json().at("id").as_int64();
}

boost::json::array versions(Person& p, std::int64_t id) {
  auto r = p.get(item(id, "/versions"));
  INFO(r.status << " " << r.body);
  REQUIRE(r.status == 200);
  return r.json().at("versions").as_array();
}

}  // namespace

TEST_CASE("uploading a name again makes a version, versions are listed, downloaded and restored", "[files][versions]") {
  for_each_dialect([](const DbTarget& target) {
    FilesServer s(target.url, "quota_group_mb = 1\n");
    auto alice = s.person("alice");
    auto bob = s.person("bob");
    auto eve = s.person("eve");
    auto g = alice.send("POST", "/api/p/groups/groups", {{"name", "Heimatverein Rahnsdorf"}, {"visibility", "public"}, {"category", "verein"}});
    REQUIRE(g.status == 201);
    const auto space = "group/" + std::to_string(g.json().at("container_id").as_int64());
    REQUIRE(bob.send("POST", "/api/p/groups/groups/" + str(g.json().at("slug")) + "/join").status == 200);

    const std::string first = "Satzung, Fassung 1\n", second = "Satzung, Fassung 2 mit Änderungen\n";
    const auto id = id_of(alice.upload(space, "Satzung.txt", first));
    auto again = bob.upload(space, "Satzung.txt", second);
    CHECK(id_of(again) == id);
    CHECK(again.json().at("content_by").as_int64() == bob.id);
    CHECK(names(alice.get("/api/p/files/spaces/" + space)) == std::vector<std::string>{"Satzung.txt"});
    CHECK(alice.get(item(id, "/content")).body == second);
    auto list = versions(alice, id);
    REQUIRE(list.size() == 1);
    CHECK(list[0].at("uploaded_by").as_int64() == alice.id);
    CHECK(list[0].at("bytes").as_int64() == static_cast<std::int64_t>(first.size()));
    const auto old = list[0].at("id").as_int64();
    CHECK(bob.get(item(id, "/versions/" + std::to_string(old) + "/content")).body == first);
    // Outsiders see nothing; an unknown version is named as such.
    CHECK(eve.get(item(id, "/versions")).status == 404);
    CHECK(eve.get(item(id, "/versions/" + std::to_string(old) + "/content")).status == 404);
    CHECK(alice.get(item(id, "/versions/999999/content")).error_code() == "version_not_found");
    // Both versions count toward the group's quota.
    CHECK(alice.get("/api/p/files/spaces/" + space).json().at("usage").at("used_bytes").as_int64() ==
          static_cast<std::int64_t>(first.size() + second.size()));
    CHECK(alice.upload(space, "Satzung.txt", std::string(1024 * 1024 - second.size(), 's')).error_code() == "quota_exceeded");
    // Restoring: the chosen version and the current content change places.
    auto restored = alice.send("POST", item(id, "/versions/" + std::to_string(old) + "/restore"));
    REQUIRE(restored.status == 200);
    CHECK(alice.get(item(id, "/content")).body == first);
    list = versions(alice, id);
    REQUIRE(list.size() == 1);
    CHECK(bob.get(item(id, "/versions/" + std::to_string(list[0].at("id").as_int64()) + "/content")).body == second);
    CHECK(eve.send("POST", item(id, "/versions/" + std::to_string(old) + "/restore")).status == 404);
    // A folder's name stays taken; folders have no versions.
    const auto folder = id_of(alice.send("POST", "/api/p/files/spaces/" + space + "/folders", {{"name", "Protokolle"}}));
    CHECK(alice.upload(space, "Protokolle", "x").error_code() == "name_taken");
    CHECK(alice.get(item(folder, "/versions")).error_code() == "is_folder");
    // The older version is bob's upload now: it is in his export.
    auto exported = bob.get("/api/me/export");
    REQUIRE(exported.status == 200);
    CHECK(exported.body.find("/versions/") != std::string::npos);
    // Deleted for good: the versions and their content go too.
    const auto second_key = str(list[0].at("sha256"));
    REQUIRE(alice.send("DELETE", item(id, "?permanent=1")).status == 204);
    CHECK(eventually([&] { return !std::filesystem::exists(s.blob_path(second_key)); }));
    CHECK(alice.get("/api/p/files/spaces/" + space).json().at("usage").at("used_bytes").as_int64() == 0);
  });
}

TEST_CASE("max_versions keeps the newest versions, and two uploads of one name at once become two versions",
          "[files][versions]") {
  for_each_dialect([](const DbTarget& target) {
    FilesServer s(target.url, "max_versions = 2\n");
    auto alice = s.person("alice");
    std::vector<std::string> keys;
    std::int64_t id = 0;
    for (int n = 1; n <= 4; ++n) {
      auto r = alice.upload(alice.mine(), "Plan.txt", "Plan Nummer " + std::to_string(n) + "\n");
      id = id_of(r);
      keys.push_back(str(r.json().at("sha256")));
    }
    auto list = versions(alice, id);
    REQUIRE(list.size() == 2);
    CHECK(str(list[0].at("sha256")) == keys[2]);
    CHECK(str(list[1].at("sha256")) == keys[1]);
    CHECK(eventually([&] { return !std::filesystem::exists(s.blob_path(keys[0])); }));
    CHECK(std::filesystem::exists(s.blob_path(keys[1])));

    // Two uploads of one new name at the same moment: both are kept, one as the current content.
    HttpClient second(s.server.port());
    auto login = second.send_json("POST", "/api/auth/login", {{"email", "alice@teststadt.test"}, {"password", alice.password}});
    REQUIRE(login.status == 200);
    second.csrf_token = str(login.json().at("csrf_token"));
    const auto send = [&](HttpClient& http, const std::string& body) {
      return http.request("POST", "/api/p/files/spaces/" + alice.mine() + "/files?name=Gleichzeitig.txt", body,
                          {{"Content-Type", "application/octet-stream"}, {"X-CSRF-Token", http.csrf_token}});
    };
    auto one = std::async(std::launch::async, [&] { return send(*alice.http, "von Gerät A\n"); });
    auto two = std::async(std::launch::async, [&] { return send(second, "von Gerät B\n"); });
    const auto r1 = one.get(), r2 = two.get();
    const auto same = id_of(r1);
    CHECK(id_of(r2) == same);
    const auto current = alice.get(item(same, "/content")).body;
    list = versions(alice, same);
    REQUIRE(list.size() == 1);
    const auto older = alice.get(item(same, "/versions/" + std::to_string(list[0].at("id").as_int64()) + "/content")).body;
    CHECK(std::set<std::string>{current, older} == std::set<std::string>{"von Gerät A\n", "von Gerät B\n"});
    CHECK(names(alice.get("/api/p/files/spaces/" + alice.mine())) == std::vector<std::string>{"Gleichzeitig.txt", "Plan.txt"});
  });
}
