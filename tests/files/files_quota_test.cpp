// Quotas of the files plugin through the real server on SQLite and PostgreSQL: a person's, a
// group's and the whole site's limit from [plugins.files], counted through trash, restore and
// deletion, an upload over a limit refused before it is stored, and two uploads at once that
// would only fit one by one.
#include <future>

#include "files_fixture.hpp"
#include "pg_test_db.hpp"

using namespace qt::test;
using namespace qt::test::files;

namespace {

constexpr std::int64_t kKiB = 1024;

boost::json::object usage(Person& p, const std::string& space) {
  auto r = p.get("/api/p/files/spaces/" + space);
  INFO(r.status << " " << r.body);
  REQUIRE(r.status == 200);
  return r.json().at("usage").as_object();
}

std::int64_t id_of(const HttpResponse& r) {
  INFO(r.status << " " << r.body);
  REQUIRE(r.status == 201);
  return r.json().at("id").as_int64();
}

std::string item(std::int64_t id, const std::string& rest = "") { return "/api/p/files/items/" + std::to_string(id) + rest; }

std::size_t stored_blobs(const FilesServer& s) {
  std::size_t n = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(s.blobs / "blobs")) n += e.is_regular_file() ? 1 : 0;
  return n;
}

}  // namespace

TEST_CASE("a person's and a group's quota count the trash until it is emptied", "[files][quota]") {
  for_each_dialect([](const DbTarget& target) {
    FilesServer s(target.url, "quota_person_mb = 1\nquota_group_mb = 2\n");
    auto alice = s.person("alice");
    auto bob = s.person("bob");
    const auto a = id_of(alice.upload(alice.mine(), "a.txt", std::string(600 * kKiB, 'a')));
    auto over = alice.upload(alice.mine(), "b.txt", std::string(600 * kKiB, 'b'));
    CHECK(over.status == 413);
    CHECK(over.error_code() == "quota_exceeded");
    CHECK(over.body.find("1 MB") != std::string::npos);
    CHECK(stored_blobs(s) == 1);
    CHECK(std::filesystem::is_empty(s.blobs / "tmp"));
    auto u = usage(alice, alice.mine());
    CHECK(u.at("used_bytes").as_int64() == 600 * kKiB);
    CHECK(u.at("trash_bytes").as_int64() == 0);
    CHECK(u.at("quota_bytes").as_int64() == 1024 * kKiB);
    CHECK(!u.contains("site"));

    // In the trash it still counts (the content is kept), also inside a trashed folder.
    const auto folder = id_of(alice.send("POST", "/api/p/files/spaces/" + alice.mine() + "/folders", {{"name", "Alt"}}));
    const auto inner = id_of(alice.upload(alice.mine(), "c.txt", std::string(100 * kKiB, 'c'), folder));
    REQUIRE(alice.send("DELETE", item(a)).status == 204);
    REQUIRE(alice.send("DELETE", item(folder)).status == 204);
    u = usage(alice, alice.mine());
    CHECK(u.at("used_bytes").as_int64() == 700 * kKiB);
    CHECK(u.at("trash_bytes").as_int64() == 700 * kKiB);
    CHECK(alice.upload(alice.mine(), "b.txt", std::string(600 * kKiB, 'b')).error_code() == "quota_exceeded");
    // Restored: counted as before, no longer as trash.
    REQUIRE(alice.send("POST", item(a, "/restore")).status == 200);
    u = usage(alice, alice.mine());
    CHECK(u.at("used_bytes").as_int64() == 700 * kKiB);
    CHECK(u.at("trash_bytes").as_int64() == 100 * kKiB);
    // Deleted for good: the space is free again.
    REQUIRE(alice.send("DELETE", item(a, "?permanent=1")).status == 204);
    REQUIRE(alice.send("DELETE", item(folder, "?permanent=1")).status == 204);
    CHECK(alice.get(item(inner)).status == 404);
    u = usage(alice, alice.mine());
    CHECK(u.at("used_bytes").as_int64() == 0);
    CHECK(u.at("trash_bytes").as_int64() == 0);
    CHECK(id_of(alice.upload(alice.mine(), "b.txt", std::string(900 * kKiB, 'b'))) > 0);

    // A group has its own, larger limit, shared by its members.
    auto g = alice.send("POST", "/api/p/groups/groups", {{"name", "Chor Adlershof"}, {"visibility", "public"}, {"category", "verein"}});
    REQUIRE(g.status == 201);
    const auto space = "group/" + std::to_string(g.json().at("container_id").as_int64());
    REQUIRE(bob.send("POST", "/api/p/groups/groups/" + str(g.json().at("slug")) + "/join").status == 200);
    CHECK(id_of(alice.upload(space, "Noten.txt", std::string(1200 * kKiB, 'n'))) > 0);
    CHECK(id_of(bob.upload(space, "Termine.txt", std::string(600 * kKiB, 't'))) > 0);
    CHECK(bob.upload(space, "Fotos.txt", std::string(300 * kKiB, 'f')).error_code() == "quota_exceeded");
    u = usage(bob, space);
    CHECK(u.at("used_bytes").as_int64() == 1800 * kKiB);
    CHECK(u.at("quota_bytes").as_int64() == 2048 * kKiB);
  });
}

TEST_CASE("the site's quota counts each content once and answers 507 when full", "[files][quota]") {
  for_each_dialect([](const DbTarget& target) {
    FilesServer s(target.url, "quota_site_mb = 1\n");
    auto admin = s.person("admin", "admin");
    auto alice = s.person("alice");
    auto bob = s.person("bob");
    const std::string report(400 * kKiB, 'r');
    CHECK(id_of(alice.upload(alice.mine(), "Bericht.txt", report)) > 0);
    CHECK(id_of(bob.upload(bob.mine(), "Bericht.txt", report)) > 0);  // the same content, stored once
    auto full = bob.upload(bob.mine(), "Neu.txt", std::string(700 * kKiB, 'n'));
    CHECK(full.status == 507);
    CHECK(full.error_code() == "storage_full");
    CHECK(stored_blobs(s) == 1);
    auto site = usage(admin, admin.mine()).at("site").as_object();
    CHECK(site.at("used_bytes").as_int64() == 400 * kKiB);
    CHECK(site.at("quota_bytes").as_int64() == 1024 * kKiB);
    CHECK(!usage(bob, bob.mine()).contains("site"));
    CHECK(usage(bob, bob.mine()).at("quota_bytes").as_int64() == 0);
  });
}

TEST_CASE("two uploads at once that only fit one by one: one is stored, the other refused", "[files][quota]") {
  for_each_dialect([](const DbTarget& target) {
    FilesServer s(target.url, "quota_person_mb = 1\n");
    auto alice = s.person("alice");
    // A second session of the same person, so that both uploads run at the same moment.
    HttpClient second(s.server.port());
    auto login = second.send_json("POST", "/api/auth/login", {{"email", "alice@teststadt.test"}, {"password", alice.password}});
    REQUIRE(login.status == 200);
    second.csrf_token = str(login.json().at("csrf_token"));
    const auto send = [&](HttpClient& http, const std::string& name, char fill) {
      return http.request("POST", "/api/p/files/spaces/" + alice.mine() + "/files?name=" + name, std::string(700 * kKiB, fill),
                          {{"Content-Type", "application/octet-stream"}, {"X-CSRF-Token", http.csrf_token}});
    };
    for (int round = 0; round < 3; ++round) {
      auto one = std::async(std::launch::async, [&] { return send(*alice.http, "eins.txt", 'e'); });
      auto two = std::async(std::launch::async, [&] { return send(second, "zwei.txt", 'z'); });
      const auto r1 = one.get();
      const auto r2 = two.get();
      INFO(r1.status << " " << r1.body << " / " << r2.status << " " << r2.body);
      CHECK(((r1.status == 201 && r2.status == 413) || (r1.status == 413 && r2.status == 201)));
      CHECK(usage(alice, alice.mine()).at("used_bytes").as_int64() == 700 * kKiB);
      CHECK(eventually([&] { return stored_blobs(s) == 1; }));
      // Empty the space for the next round.
      auto items = alice.get("/api/p/files/spaces/" + alice.mine()).json().at("items").as_array();
      REQUIRE(items.size() == 1);
      REQUIRE(alice.send("DELETE", item(items[0].at("id").as_int64(), "?permanent=1")).status == 204);
      REQUIRE(eventually([&] { return stored_blobs(s) == 0; }));
    }
  });
}
