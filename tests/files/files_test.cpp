// The files plugin through the real server on SQLite and PostgreSQL: a person's private space
// (upload, folders, rename, move, download with Range, delete with its blobs), a group's space
// (members write, managers tidy up, outsiders see nothing), a department's space (its staff
// write, residents read), bad input refused without a trace, and the privacy export and erasure.
#include <fstream>
#include <iterator>

#include "files_fixture.hpp"
#include "pg_test_db.hpp"

using namespace qt::test;
using namespace qt::test::files;

namespace {

std::int64_t id_of(const HttpResponse& r) {
  INFO(r.status << " " << r.body);
  REQUIRE(r.status == 201);
  return r.json().at("id").as_int64();
}

}  // namespace

TEST_CASE("a person's own files: upload, folders, rename, move, download, delete", "[files]") {
  for_each_dialect([](const DbTarget& target) {
    FilesServer s(target.url);
    auto alice = s.person("alice");
    auto bob = s.person("bob");
    const std::string minutes = "Protokoll der Sitzung vom 3. März\n" + std::string(5000, 'x');

    auto up = alice.upload(alice.mine(), "Protokoll%20M%C3%A4rz.txt", minutes);
    const auto file = id_of(up);
    CHECK(str(up.json().at("name")) == "Protokoll März.txt");
    CHECK(str(up.json().at("mime")) == "text/plain");
    CHECK(up.json().at("bytes").as_int64() == static_cast<std::int64_t>(minutes.size()));
    const auto key = str(up.json().at("sha256"));
    CHECK(std::filesystem::exists(s.blob_path(key)));

    const auto folder = id_of(alice.send("POST", "/api/p/files/spaces/" + alice.mine() + "/folders", {{"name", "Verein"}}));
    CHECK(alice.send("POST", "/api/p/files/spaces/" + alice.mine() + "/folders", {{"name", "Verein"}}).status == 409);
    const auto sub = id_of(alice.send("POST", "/api/p/files/spaces/" + alice.mine() + "/folders", {{"name", "2026"}, {"parent_id", folder}}));
    CHECK(names(alice.get("/api/p/files/spaces/" + alice.mine())) == std::vector<std::string>{"Verein", "Protokoll März.txt"});

    // Move into the folder, rename; a taken name and a folder into itself are refused.
    auto moved = alice.send("PATCH", "/api/p/files/items/" + std::to_string(file), {{"parent_id", sub}, {"name", "Protokoll.txt"}});
    CHECK(moved.status == 200);
    CHECK(names(alice.get("/api/p/files/spaces/" + alice.mine() + "?folder=" + std::to_string(sub))) == std::vector<std::string>{"Protokoll.txt"});
    auto listing = alice.get("/api/p/files/spaces/" + alice.mine() + "?folder=" + std::to_string(sub)).json();
    CHECK(listing.at("path").as_array().size() == 2);
    CHECK(id_of(alice.upload(alice.mine(), "zweites.txt", "zwei", sub)) > 0);
    CHECK(alice.send("PATCH", "/api/p/files/items/" + std::to_string(file), {{"name", "zweites.txt"}}).status == 409);
    CHECK(alice.send("PATCH", "/api/p/files/items/" + std::to_string(folder), {{"parent_id", sub}}).error_code() == "invalid_folder");

    // Download: whole, a range, and not at all for someone else.
    const auto url = "/api/p/files/items/" + std::to_string(file) + "/content";
    auto dl = alice.get(url);
    CHECK(dl.status == 200);
    CHECK(dl.body == minutes);
    CHECK(dl.header("content-disposition").value_or("").find("filename*=UTF-8''Protokoll.txt") != std::string::npos);
    CHECK(alice.get(url, {{"Range", "bytes=0-8"}}).body == "Protokoll");
    CHECK(alice.get(url, {{"If-None-Match", "\"" + key + "\""}}).status == 304);
    CHECK(bob.get(url).status == 404);
    CHECK(bob.get("/api/p/files/spaces/" + alice.mine()).status == 404);
    CHECK(bob.send("DELETE", "/api/p/files/items/" + std::to_string(file)).status == 404);
    CHECK(bob.upload(alice.mine(), "fremd.txt", "nope").status == 404);

    // Deleting moves the folder with everything in it to the trash; it comes back, then goes for good.
    const auto item = [](std::int64_t id, const std::string& rest = "") { return "/api/p/files/items/" + std::to_string(id) + rest; };
    CHECK(alice.send("DELETE", item(folder)).status == 204);
    CHECK(names(alice.get("/api/p/files/spaces/" + alice.mine())).empty());
    CHECK(alice.get(url).status == 404);
    auto trash = alice.get("/api/p/files/spaces/" + alice.mine() + "/trash").json();
    REQUIRE(trash.at("items").as_array().size() == 1);
    CHECK(trash.at("keep_days").as_int64() == 30);
    CHECK(bob.get("/api/p/files/spaces/" + alice.mine() + "/trash").status == 404);
    CHECK(std::filesystem::exists(s.blob_path(key)));
    // Its name is free meanwhile; a new "Verein" blocks the restore until it goes.
    const auto again = id_of(alice.send("POST", "/api/p/files/spaces/" + alice.mine() + "/folders", {{"name", "Verein"}}));
    CHECK(alice.send("POST", item(folder, "/restore")).status == 409);
    CHECK(alice.send("DELETE", item(again, "?permanent=1")).status == 204);
    CHECK(alice.send("POST", item(folder, "/restore")).status == 200);
    CHECK(alice.get(url).body == minutes);
    CHECK(alice.send("DELETE", item(folder, "?permanent=1")).status == 204);
    CHECK(names(alice.get("/api/p/files/spaces/" + alice.mine())).empty());
    CHECK(alice.get("/api/p/files/spaces/" + alice.mine() + "/trash").json().at("items").as_array().empty());
    CHECK(eventually([&] { return !std::filesystem::exists(s.blob_path(key)); }));
  });
}

TEST_CASE("bad uploads and names are refused and leave nothing behind", "[files]") {
  FilesServer s("", "quota_space_mb = 1\n");
  auto alice = s.person("alice");
  // Signed out or without the CSRF token: refused, and the streamed body is gone.
  HttpClient anonymous(s.server.port());
  CHECK(anonymous.request("POST", "/api/p/files/spaces/" + alice.mine() + "/files?name=x.txt", "abc").status == 401);
  CHECK(alice.http->request("POST", "/api/p/files/spaces/" + alice.mine() + "/files?name=x.txt", "abc").status == 403);
  // Over the space's quota (1 MiB): refused before it is stored; the listing shows the usage.
  auto fits = alice.upload(alice.mine(), "klein.txt", std::string(600 * 1024, 'k'));
  REQUIRE(fits.status == 201);
  auto over = alice.upload(alice.mine(), "gross.txt", std::string(600 * 1024, 'g'));
  CHECK(over.status == 413);
  CHECK(over.error_code() == "quota_exceeded");
  auto usage = alice.get("/api/p/files/spaces/" + alice.mine()).json().at("usage");
  CHECK(usage.at("used_bytes").as_int64() == 600 * 1024);
  CHECK(usage.at("quota_bytes").as_int64() == 1024 * 1024);
  REQUIRE(alice.send("DELETE", "/api/p/files/items/" + std::to_string(fits.json().at("id").as_int64()) + "?permanent=1").status == 204);
  REQUIRE(eventually([&] { return !std::filesystem::exists(s.blob_path(str(fits.json().at("sha256")))); }));
  CHECK(alice.upload(alice.mine(), "..%2Fx", "a").error_code() == "invalid_name");
  CHECK(alice.upload(alice.mine(), "..", "a").error_code() == "invalid_name");
  CHECK(alice.upload(alice.mine(), "a%01b.txt", "a").error_code() == "invalid_name");
  CHECK(alice.upload(alice.mine(), std::string(201, 'a'), "a").error_code() == "invalid_name");
  CHECK(alice.upload(alice.mine(), "leer.txt", "").error_code() == "upload_empty");
  CHECK(alice.upload(alice.mine(), "x.txt", "a", 999999).error_code() == "invalid_folder");
  CHECK(alice.upload("galaxy/1", "x.txt", "a").status == 404);
  // A program renamed to a picture is still a program.
  std::ifstream exe(QUARTIER_BIN, std::ios::binary);
  std::string program(65536, '\0');
  exe.read(program.data(), static_cast<std::streamsize>(program.size()));
  auto refused = alice.upload(alice.mine(), "urlaub.jpg", program);
  CHECK(refused.status == 415);
  CHECK(refused.error_code() == "upload_unsupported_type");
  // The same name again makes a version (files_versions_test.cpp); never two rows.
  CHECK(alice.upload(alice.mine(), "doppelt.txt", "eins").status == 201);
  CHECK(alice.upload(alice.mine(), "doppelt.txt", "zwei").status == 201);
  CHECK(names(alice.get("/api/p/files/spaces/" + alice.mine())) == std::vector<std::string>{"doppelt.txt"});
  std::size_t blobs = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(s.blobs / "blobs"))
    blobs += e.is_regular_file() ? 1 : 0;
  CHECK(blobs == 2);
  CHECK(std::filesystem::is_empty(s.blobs / "tmp"));
}

TEST_CASE("group files: members write, managers tidy up, outsiders see nothing", "[files]") {
  for_each_dialect([](const DbTarget& target) {
    FilesServer s(target.url);
    auto alice = s.person("alice");
    auto bob = s.person("bob");
    auto eve = s.person("eve");
    auto g = alice.send("POST", "/api/p/groups/groups", {{"name", "Gartenfreunde Köpenick"}, {"visibility", "public"}, {"category", "verein"}});
    REQUIRE(g.status == 201);
    const auto slug = str(g.json().at("slug"));
    const auto space = "group/" + std::to_string(g.json().at("container_id").as_int64());
    REQUIRE(bob.send("POST", "/api/p/groups/groups/" + slug + "/join").status == 200);

    const auto statutes = id_of(alice.upload(space, "Satzung.txt", "Paragraph 1: Name und Sitz"));
    const auto flyer = id_of(bob.upload(space, "Flyer.txt", "Sommerfest am Samstag"));
    CHECK(names(bob.get("/api/p/files/spaces/" + space)) == std::vector<std::string>{"Flyer.txt", "Satzung.txt"});
    CHECK(bob.get("/api/p/files/items/" + std::to_string(statutes) + "/content").body == "Paragraph 1: Name und Sitz");
    // A member may not delete what another made; the owner may.
    CHECK(bob.send("DELETE", "/api/p/files/items/" + std::to_string(statutes)).error_code() == "not_allowed");
    CHECK(alice.send("DELETE", "/api/p/files/items/" + std::to_string(flyer)).status == 204);
    // An outsider: no listing, no file, no upload, and the space is not among theirs.
    CHECK(eve.get("/api/p/files/spaces/" + space).status == 404);
    CHECK(eve.get("/api/p/files/items/" + std::to_string(statutes) + "/content").status == 404);
    CHECK(eve.upload(space, "x.txt", "x").status == 404);
    auto spaces = eve.get("/api/p/files/spaces").json().at("spaces").as_array();
    CHECK(spaces.size() == 1);
    CHECK(bob.get("/api/p/files/spaces").json().at("spaces").as_array().size() == 2);
  });
}

TEST_CASE("department spaces: its staff write, residents read", "[files]") {
  for_each_dialect([](const DbTarget& target) {
    FilesServer s(target.url);
    auto admin = s.person("admin", "admin");
    auto clerk = s.person("clerk", "staff", "Bürgeramt");
    auto other = s.person("other", "staff", "Grünflächenamt");
    auto resident = s.person("resident");
    CHECK(clerk.send("POST", "/api/p/files/departments", {{"name", "Bürgeramt"}}).status == 403);
    CHECK(resident.send("POST", "/api/p/files/departments", {{"name", "Bürgeramt"}}).status == 403);
    auto dep = admin.send("POST", "/api/p/files/departments", {{"name", "Bürgeramt"}});
    REQUIRE(dep.status == 201);
    CHECK(admin.send("POST", "/api/p/files/departments", {{"name", "Bürgeramt"}}).status == 409);
    const auto space = "department/" + std::to_string(dep.json().at("space").at("id").as_int64());

    const auto form = id_of(clerk.upload(space, "Antrag%20Anwohnerparken.txt", "Formular"));
    CHECK(resident.get("/api/p/files/items/" + std::to_string(form) + "/content").body == "Formular");
    CHECK(resident.upload(space, "x.txt", "x").error_code() == "read_only");
    CHECK(other.upload(space, "x.txt", "x").error_code() == "read_only");
    CHECK(resident.send("POST", "/api/p/files/spaces/" + space + "/folders", {{"name", "Meins"}}).status == 403);
    CHECK(resident.send("DELETE", "/api/p/files/items/" + std::to_string(form)).status == 403);
    auto listing = resident.get("/api/p/files/spaces/" + space).json();
    CHECK(listing.at("space").at("can_write").as_bool() == false);
    CHECK(listing.at("items").as_array().size() == 1);
  });
}

TEST_CASE("a person's files are in their export and go with their account", "[files][privacy]") {
  for_each_dialect([](const DbTarget& target) {
    FilesServer s(target.url);
    auto alice = s.person("alice");
    auto bob = s.person("bob");
    auto g = alice.send("POST", "/api/p/groups/groups", {{"name", "Lesekreis Friedrichshagen"}, {"visibility", "public"}, {"category", "verein"}});
    REQUIRE(g.status == 201);
    const auto space = "group/" + std::to_string(g.json().at("container_id").as_int64());
    REQUIRE(bob.send("POST", "/api/p/groups/groups/" + str(g.json().at("slug")) + "/join").status == 200);
    auto own = bob.upload(bob.mine(), "Tagebuch.txt", "ganz privat");
    const auto own_key = str(own.json().at("sha256"));
    const auto shared = id_of(bob.upload(space, "Leseliste.txt", "Fontane, Effi Briest"));

    auto exported = bob.get("/api/me/export");
    REQUIRE(exported.status == 200);
    CHECK(exported.body.find("Tagebuch.txt") != std::string::npos);
    CHECK(exported.body.find("Leseliste.txt") != std::string::npos);
    CHECK(alice.get("/api/me/export").body.find("Tagebuch.txt") == std::string::npos);

    auto gone = bob.send("DELETE", "/api/me", {{"password", bob.password}});
    INFO(gone.body);
    REQUIRE((gone.status == 200 || gone.status == 204));
    CHECK(eventually([&] { return !std::filesystem::exists(s.blob_path(own_key)); }));
    // What bob shared stays for the group, without his name.
    auto item = alice.get("/api/p/files/items/" + std::to_string(shared)).json();
    CHECK(item.at("item").at("owner_id").as_int64() == 0);
  });
}
