// Public links of the files plugin through the real server on SQLite and PostgreSQL: a file
// or folder shared with people without an account, with an optional password (Argon2id) and a
// limit on wrong ones; a link stops at once when revoked, when its item goes to the trash and
// when its group stops being public.
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

}  // namespace

TEST_CASE("a public link shows a file or folder without an account until it is revoked", "[files][links]") {
  for_each_dialect([](const DbTarget& target) {
    FilesServer s(target.url);
    auto alice = s.person("alice");
    auto bob = s.person("bob");
    auto g = alice.send("POST", "/api/p/groups/groups", {{"name", "Kiezfest Plänterwald"}, {"visibility", "public"}, {"category", "verein"}});
    REQUIRE(g.status == 201);
    const auto slug = str(g.json().at("slug"));
    const auto space = "group/" + std::to_string(g.json().at("container_id").as_int64());
    REQUIRE(bob.send("POST", "/api/p/groups/groups/" + slug + "/join").status == 200);
    const auto flyer = id_of(alice.upload(space, "Flyer.txt", "Kiezfest am 12. Juni\n"));
    const auto folder = id_of(alice.send("POST", "/api/p/files/spaces/" + space + "/folders", {{"name", "Fotos"}}));
    const auto inner = id_of(alice.upload(space, "Programm.txt", "14 Uhr: Chor\n", folder));
    HttpClient guest(s.server.port());

    // A plain link: the file for anyone, no ids of people.
    CHECK(bob.send("POST", item(flyer, "/links"), boost::json::object{}).error_code() == "not_allowed");
    CHECK(alice.send("POST", item(flyer, "/links"), {{"expires_days", 0}}).error_code() == "invalid_expires_days");
    CHECK(alice.send("POST", item(flyer, "/links"), {{"password", "kurz"}}).error_code() == "invalid_password");
    auto made = alice.send("POST", item(flyer, "/links"), {{"expires_days", 14}});
    REQUIRE(made.status == 201);
    const auto token = str(made.json().at("token"));
    CHECK(str(made.json().at("path")) == "/s/" + token);
    auto shown = guest.get("/api/p/files/public/" + token);
    REQUIRE(shown.status == 200);
    CHECK(str(shown.json().at("root").at("name")) == "Flyer.txt");
    CHECK(shown.body.find("owner") == std::string::npos);
    CHECK(guest.get("/api/p/files/public/" + token + "/content").body == "Kiezfest am 12. Juni\n");
    CHECK(guest.get("/api/p/files/public/" + token + "/content?item=" + std::to_string(inner)).status == 404);
    auto listed = alice.get(item(flyer, "/links"));
    REQUIRE(listed.json().at("links").as_array().size() == 1);
    CHECK(listed.body.find(token) == std::string::npos);  // only its hash is kept
    CHECK(guest.get("/api/p/files/public/" + std::string(64, 'a')).error_code() == "link_not_found");

    // In the trash the link stops; restored it works again; revoked it stops for good.
    REQUIRE(alice.send("DELETE", item(flyer)).status == 204);
    CHECK(guest.get("/api/p/files/public/" + token).status == 404);
    REQUIRE(alice.send("POST", item(flyer, "/restore")).status == 200);
    CHECK(guest.get("/api/p/files/public/" + token).status == 200);
    const auto link_id = listed.json().at("links").as_array()[0].at("id").as_int64();
    CHECK(bob.send("DELETE", "/api/p/files/links/" + std::to_string(link_id)).error_code() == "not_allowed");
    REQUIRE(alice.send("DELETE", "/api/p/files/links/" + std::to_string(link_id)).status == 204);
    CHECK(guest.get("/api/p/files/public/" + token).error_code() == "link_not_found");
    CHECK(guest.get("/api/p/files/public/" + token + "/content").status == 404);

    // A folder behind a password: locked, wrong passwords limited, the right one opens it.
    auto locked = alice.send("POST", item(folder, "/links"), {{"password", "Sommer2026!"}});
    REQUIRE(locked.status == 201);
    const auto ftoken = str(locked.json().at("token"));
    const auto base = "/api/p/files/public/" + ftoken;
    CHECK(guest.get(base).error_code() == "password_required");
    CHECK(guest.get(base + "/content?item=" + std::to_string(inner)).error_code() == "password_required");
    CHECK(guest.get(base + "?access=9999999999999.00").error_code() == "password_required");
    CHECK(guest.send_json("POST", base + "/unlock", {{"password", "falsch"}}).error_code() == "wrong_password");
    auto opened = guest.send_json("POST", base + "/unlock", {{"password", "Sommer2026!"}});
    REQUIRE(opened.status == 200);
    const auto access = str(opened.json().at("access"));
    auto inside = guest.get(base + "?access=" + access);
    REQUIRE(inside.status == 200);
    REQUIRE(inside.json().at("items").as_array().size() == 1);
    CHECK(str(inside.json().at("items").as_array()[0].at("name")) == "Programm.txt");
    CHECK(guest.get(base + "/content?item=" + std::to_string(inner) + "&access=" + access).body == "14 Uhr: Chor\n");
    CHECK(guest.get(base + "/content?item=" + std::to_string(flyer) + "&access=" + access).status == 404);  // outside the folder
    for (int i = 0; i < 5; ++i) CHECK(guest.send_json("POST", base + "/unlock", {{"password", "raten" + std::to_string(i)}}).status == 403);
    auto limited = guest.send_json("POST", base + "/unlock", {{"password", "Sommer2026!"}});
    CHECK(limited.status == 429);
    CHECK(limited.error_code() == "too_many_attempts");

    // The group stops being public: its links stop at once, and no new ones are made.
    REQUIRE(alice.send("PATCH", "/api/p/groups/groups/" + slug, {{"visibility", "private"}}).status == 200);
    CHECK(guest.get(base + "?access=" + access).error_code() == "link_not_found");
    CHECK(alice.send("POST", item(inner, "/links"), boost::json::object{}).error_code() == "sharing_not_allowed");
  });
}
