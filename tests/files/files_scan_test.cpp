// The virus-scanner hook of the files plugin through the real server on SQLite and PostgreSQL,
// with tests/files/scanner/test_scanner.sh standing in for clamdscan: a file is held back
// until the scanner calls it clean, the EICAR test file is blocked and never served, and a
// failing scanner keeps the file held back until a retry succeeds.
#include <fstream>

#include "files_fixture.hpp"
#include "pg_test_db.hpp"
#include "test_images.hpp"

using namespace qt::test;
using namespace qt::test::files;

namespace {

const std::string kEicar = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";
const std::string kScanner = QUARTIER_SOURCE_DIR "/tests/files/scanner/test_scanner.sh";

std::string item(std::int64_t id, const std::string& rest = "") { return "/api/p/files/items/" + std::to_string(id) + rest; }

std::string scan_of(Person& p, std::int64_t id) {
  auto r = p.get(item(id));
  return r.status == 200 ? str(r.json().at("item").at("scan")) : "HTTP " + std::to_string(r.status);
}

std::size_t lines(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::size_t n = 0;
  for (std::string l; std::getline(in, l);) ++n;
  return n;
}

}  // namespace

TEST_CASE("a scanned upload is held back until clean, the EICAR file is blocked for good", "[files][scan]") {
  for_each_dialect([](const DbTarget& target) {
    TempDir work;
    const auto log = work / "calls.log";
    FilesServer s(target.url, "scan_command = \"sh " + kScanner + " --fdpass --log " + log.string() + "\"\n");
    auto alice = s.person("alice");
    auto bob = s.person("bob");

    auto up = alice.upload(alice.mine(), "Satzung.txt", "Paragraph 1: Name und Sitz\n");
    REQUIRE(up.status == 201);
    const auto clean = up.json().at("id").as_int64();
    auto photo = alice.upload(alice.mine(), "Fest.png", picture_file(64, 48, ".png"));
    REQUIRE(photo.status == 201);
    const auto picture = photo.json().at("id").as_int64();
    CHECK(photo.json().at("preview").as_bool() == false);  // not decoded before the verdict
    auto virus = alice.upload(alice.mine(), "Rechnung.txt", kEicar);
    REQUIRE(virus.status == 201);
    const auto infected = virus.json().at("id").as_int64();
    const auto virus_key = str(virus.json().at("sha256"));

    REQUIRE(eventually([&] { return scan_of(alice, clean) == "clean" && scan_of(alice, picture) == "clean"; }));
    CHECK(alice.get(item(clean, "/content")).body == "Paragraph 1: Name und Sitz\n");
    CHECK(alice.get(item(picture)).json().at("item").at("preview").as_bool());
    CHECK(alice.get(item(picture, "/preview")).status == 200);

    REQUIRE(eventually([&] { return scan_of(alice, infected) == "blocked"; }));
    auto refused = alice.get(item(infected, "/content"));
    CHECK(refused.status == 423);
    CHECK(refused.error_code() == "file_blocked");
    CHECK(refused.body.find(kEicar) == std::string::npos);
    CHECK(eventually([&] { return !std::filesystem::exists(s.blob_path(virus_key)); }));
    // The same content again: held back, then blocked again; it never counts toward the quota.
    auto again = bob.upload(bob.mine(), "auch.txt", kEicar);
    REQUIRE(again.status == 201);
    CHECK(bob.get(item(again.json().at("id").as_int64(), "/content")).status == 423);
    REQUIRE(eventually([&] { return scan_of(bob, again.json().at("id").as_int64()) == "blocked"; }));
    CHECK(bob.get("/api/p/files/spaces/" + bob.mine()).json().at("usage").at("used_bytes").as_int64() == 0);
    // An infected new version of a clean file: the file is blocked, its clean version can be
    // restored, the blocked one cannot.
    REQUIRE(alice.upload(alice.mine(), "Satzung.txt", kEicar + "\n").status == 201);
    REQUIRE(eventually([&] { return scan_of(alice, clean) == "blocked"; }));
    CHECK(alice.get(item(clean, "/content")).error_code() == "file_blocked");
    auto versions = alice.get(item(clean, "/versions")).json().at("versions").as_array();
    REQUIRE(versions.size() == 1);
    const auto good = versions[0].at("id").as_int64();
    REQUIRE(alice.send("POST", item(clean, "/versions/" + std::to_string(good) + "/restore")).status == 200);
    CHECK(alice.get(item(clean, "/content")).body == "Paragraph 1: Name und Sitz\n");
    CHECK(alice.send("POST", item(clean, "/versions/" + std::to_string(good) + "/restore")).error_code() == "version_blocked");
    // The uploader can delete the blocked item; every scan's kept file is gone afterwards.
    CHECK(alice.send("DELETE", item(infected, "?permanent=1")).status == 204);
    CHECK(lines(log) == 5);
    CHECK(eventually([&] { return std::filesystem::is_empty(s.blobs / "scan"); }));
  });
}

TEST_CASE("while the scanner fails a file stays held back, and is released when a retry succeeds", "[files][scan]") {
  for_each_dialect([](const DbTarget& target) {
    TempDir work;
    const auto log = work / "calls.log";
    const auto down = work.write("down", "");
    FilesServer s(target.url, "scan_command = \"sh " + kScanner + " --down-if " + down.string() + " --log " + log.string() +
                                  "\"\nscan_timeout_s = 60\n");
    auto alice = s.person("alice");
    auto up = alice.upload(alice.mine(), "Protokoll.txt", "Sitzung vom Montag\n");
    REQUIRE(up.status == 201);
    const auto id = up.json().at("id").as_int64();
    CHECK(str(up.json().at("scan")) == "pending");
    REQUIRE(eventually([&] { return lines(log) >= 1; }));  // the scanner ran and failed
    CHECK(scan_of(alice, id) == "pending");
    auto held = alice.get(item(id, "/content"));
    CHECK(held.status == 423);
    CHECK(held.error_code() == "scan_pending");
    auto listed = alice.get("/api/p/files/spaces/" + alice.mine()).json().at("items").as_array();
    REQUIRE(listed.size() == 1);
    CHECK(str(listed[0].at("scan")) == "pending");
    // The scanner is back: the durable job's retry releases the file.
    std::filesystem::remove(down);
    REQUIRE(eventually([&] { return scan_of(alice, id) == "clean"; }));
    CHECK(lines(log) >= 2);
    CHECK(alice.get(item(id, "/content")).body == "Sitzung vom Montag\n");
  });
}

TEST_CASE("a scanner that cannot start or a bad timeout is reported", "[files][scan]") {
  FilesServer s("", "scan_command = \"/nonexistent/clamdscan --fdpass\"\n");
  auto alice = s.person("alice");
  auto up = alice.upload(alice.mine(), "x.txt", "Text\n");
  REQUIRE(up.status == 201);
  CHECK(eventually([&] { return s.server.log().find("could not be started") != std::string::npos; }));
  CHECK(scan_of(alice, up.json().at("id").as_int64()) == "pending");
  CHECK(alice.get(item(up.json().at("id").as_int64(), "/content")).status == 423);

  TempDir dir;
  const auto config = dir.write("q.toml", "[server]\nlisten = \"127.0.0.1:0\"\ndevelopment = true\n[database]\nurl = \"sqlite:" +
                                              (dir / "q.db").string() + "\"\n[plugins]\ndir = \"" QUARTIER_PLUGIN_BUILD_DIR
                                              "\"\nenabled = [\"groups\", \"files\"]\n[plugins.files]\ndir = \"" +
                                              (dir / "files").string() + "\"\nscan_timeout_s = 0\n");
  auto serve = run_quartier({"serve", "--config", config.string()});
  CHECK(serve.exit_code != 0);
  CHECK_THAT(serve.output, Catch::Contains("scan_timeout_s must be from 1 to 86400"));
}
