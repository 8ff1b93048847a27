// A folder as a ZIP through the real server on SQLite and PostgreSQL, read back with an
// independent reader (Python's zipfile, tests/files/check_zip.py): subfolders kept, every file's
// SHA-256 right, names made safe and unique, pictures stored and text deflated, files held back
// by the virus scanner left out and named in a note; a folder over max_zip_mb, a file, someone
// else's folder are refused; the server's memory does not grow with the archive and its answer
// file is gone once sent.
#include <cstdio>
#include <fstream>
#include <map>

#include "disk_checks.hpp"
#include "files_fixture.hpp"
#include "pg_test_db.hpp"
#include "test_images.hpp"

using namespace qt::test;
using namespace qt::test::files;
namespace fs = std::filesystem;

namespace {

std::int64_t folder(Person& p, const std::string& name, std::int64_t parent = 0) {
  return created_id(p.send("POST", "/api/p/files/spaces/" + p.mine() + "/folders", {{"name", name}, {"parent_id", parent}}));
}

std::string zip_url(std::int64_t id) { return "/api/p/files/folders/" + std::to_string(id) + "/zip"; }

// The archive as check_zip.py reads it.
boost::json::object read_zip(const HttpResponse& r) {
  TempDir dir;
  INFO(r.status << " " << r.body.substr(0, 400));
  REQUIRE(r.status == 200);
  CHECK(r.header("content-type") == "application/zip");
  const auto file = dir / "download.zip";
  std::ofstream(file, std::ios::binary) << r.body;
  const std::string cmd = "/usr/bin/python3 " QUARTIER_SOURCE_DIR "/tests/files/check_zip.py " + file.string() + " 2>&1";
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  REQUIRE(p);
  char buf[4096];
  for (std::size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
  const int rc = pclose(p);
  INFO(out);
  REQUIRE(rc == 0);
  auto parsed = boost::json::parse(out).as_object();
  CHECK(parsed.at("bad").is_null());  // every CRC right
  return parsed;
}

std::map<std::string, boost::json::object> by_name(const boost::json::object& zip) {
  std::map<std::string, boost::json::object> out;
  for (const auto& e : zip.at("entries").as_array()) out[str(e.at("name"))] = e.as_object();
  return out;
}

}  // namespace

TEST_CASE("a folder downloads as a ZIP with its subfolders, safe unique names and every byte", "[files][zip]") {
  for_each_dialect([](const DbTarget& target) {
    FilesServer s(target.url);
    auto alice = s.person("alice");
    auto bob = s.person("bob");
    const auto club = folder(alice, "Verein");
    const auto year = folder(alice, "2026", club);
    folder(alice, "leer", year);
    const std::string minutes = "Protokoll der Sitzung\n" + std::string(200000, 'x');
    const auto photo = picture_file(64, 48, ".png");
    REQUIRE(alice.upload(alice.mine(), "Protokoll.txt", minutes, club).status == 201);
    REQUIRE(alice.upload(alice.mine(), "protokoll.txt", "klein", club).status == 201);  // equal but for case
    REQUIRE(alice.upload(alice.mine(), "Sitzung%203%3A4.txt", "Doppelpunkt", club).status == 201);
    REQUIRE(alice.upload(alice.mine(), "Sitzung%203_4.txt", "Unterstrich", club).status == 201);
    REQUIRE(alice.upload(alice.mine(), "Fest.png", photo, year).status == 201);
    const auto gone = created_id(alice.upload(alice.mine(), "Papierkorb.txt", "weg", club));
    REQUIRE(alice.send("DELETE", "/api/p/files/items/" + std::to_string(gone)).status == 204);

    auto r = alice.get(zip_url(club));
    CHECK(r.header("content-disposition").value_or("").find("filename*=UTF-8''Verein.zip") != std::string::npos);
    CHECK(r.header("x-files-skipped") == "0");
    const auto zip = read_zip(r);
    auto entries = by_name(zip);
    std::vector<std::string> names;
    for (const auto& [name, e] : entries) names.push_back(name);
    CHECK(names == std::vector<std::string>{"Verein/", "Verein/2026/", "Verein/2026/Fest.png", "Verein/2026/leer/",
                                            "Verein/Protokoll.txt", "Verein/Sitzung 3_4 (2).txt",
                                            "Verein/Sitzung 3_4.txt", "Verein/protokoll (2).txt"});
    CHECK(str(entries["Verein/Protokoll.txt"].at("sha256")) == sha256_hex(minutes));
    CHECK(entries["Verein/Protokoll.txt"].at("method").as_int64() == 8);  // deflated
    CHECK(str(entries["Verein/2026/Fest.png"].at("sha256")) == sha256_hex(photo));
    CHECK(entries["Verein/2026/Fest.png"].at("method").as_int64() == 0);  // stored as it is
    CHECK(str(entries["Verein/Sitzung 3_4.txt"].at("sha256")) == sha256_hex("Doppelpunkt"));  // ':' sorts first
    CHECK(str(entries["Verein/protokoll (2).txt"].at("sha256")) == sha256_hex("klein"));
    CHECK(zip.at("note").is_null());
    CHECK(eventually([&] { return files_in(s.blobs / "tmp") == 0; }));  // the answer file went after sending

    // A subfolder alone; an empty folder is an archive with just its folder.
    CHECK(by_name(read_zip(alice.get(zip_url(year)))).count("2026/Fest.png") == 1);
    const auto empty = folder(alice, "nichts");
    CHECK(by_name(read_zip(alice.get(zip_url(empty)))).size() == 1);

    // Refused: a file, someone else's folder, a folder in the trash, an id that is no number.
    const auto file_id = alice.get("/api/p/files/spaces/" + alice.mine() + "?folder=" + std::to_string(club))
                             .json().at("items").as_array().back().at("id").as_int64();
    CHECK(alice.get(zip_url(file_id)).error_code() == "not_a_folder");
    CHECK(bob.get(zip_url(club)).status == 404);
    REQUIRE(alice.send("DELETE", "/api/p/files/items/" + std::to_string(year)).status == 204);
    CHECK(alice.get(zip_url(year)).status == 404);
    CHECK(alice.get("/api/p/files/folders/abc/zip").status == 400);
    CHECK(files_in(s.blobs / "tmp") == 0);
  });
}

TEST_CASE("a ZIP leaves out held-back files with a note and refuses a folder over max_zip_mb", "[files][zip]") {
  for_each_dialect([](const DbTarget& target) {
    TempDir work;
    const auto down = work / "scanner-down";
    const std::string scanner = QUARTIER_SOURCE_DIR "/tests/files/scanner/test_scanner.sh";
    FilesServer s(target.url, "max_zip_mb = 1\nscan_command = \"sh " + scanner + " --down-if " + down.string() + "\"\n");
    auto alice = s.person("alice");
    const auto box = folder(alice, "Ablage");
    const auto clean = created_id(alice.upload(alice.mine(), "gut.txt", "sauber", box));
    const auto bad = created_id(alice.upload(alice.mine(), "Rechnung.txt",
                                        "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*", box));
    auto scan = [&](std::int64_t id) { return str(alice.get("/api/p/files/items/" + std::to_string(id)).json().at("item").at("scan")); };
    REQUIRE(eventually([&] { return scan(clean) == "clean" && scan(bad) == "blocked"; }));
    std::ofstream(down) << "down";
    const auto held = created_id(alice.upload(alice.mine(), "neu.txt", "noch in Prüfung", box));
    CHECK(scan(held) == "pending");

    auto r = alice.get(zip_url(box));
    CHECK(r.header("x-files-skipped") == "2");
    const auto zip = read_zip(r);
    auto entries = by_name(zip);
    CHECK(entries.count("Ablage/gut.txt") == 1);
    CHECK(entries.count("Ablage/Rechnung.txt") == 0);
    CHECK(entries.count("Ablage/neu.txt") == 0);
    REQUIRE(zip.at("note").is_string());
    const auto note = str(zip.at("note"));
    CHECK(note.find("Ablage/Rechnung.txt: vom Virenscanner gesperrt / blocked by the virus scanner") != std::string::npos);
    CHECK(note.find("Ablage/neu.txt: wird noch auf Schadsoftware geprüft / still being checked for malware") != std::string::npos);

    // Over the limit (1 MiB of files): refused with the reason, nothing written.
    const auto big = folder(alice, "Groß");
    fs::remove(down);
    const auto a = created_id(alice.upload(alice.mine(), "a.txt", std::string(600 * 1024, 'a'), big));
    const auto b = created_id(alice.upload(alice.mine(), "b.txt", std::string(600 * 1024, 'b'), big));
    REQUIRE(eventually([&] { return scan(a) == "clean" && scan(b) == "clean"; }));  // held-back files count nothing
    auto refused = alice.get(zip_url(big));
    CHECK(refused.status == 413);
    CHECK(refused.error_code() == "zip_too_large");
    CHECK_THAT(refused.body, Catch::Contains("höchstens 1 MiB") && Catch::Contains("at most 1 MiB"));
    CHECK(files_in(s.blobs / "tmp") == 0);
  });
}

TEST_CASE("a big folder's ZIP is written to disk, not held in the server's memory", "[files][zip]") {
  FilesServer s("", "max_file_mb = 64\n");
  auto alice = s.person("alice");
  const auto box = folder(alice, "Archiv");
  std::string part(40 * 1024 * 1024, ' ');
  for (std::size_t i = 0; i < part.size(); ++i) part[i] = "abcdefghij klmnopqrstuvwxyz\n"[(i * 131 + i / 977) % 28];
  REQUIRE(alice.upload(alice.mine(), "eins.txt", part, box).status == 201);
  part[0] = 'Z';
  REQUIRE(alice.upload(alice.mine(), "zwei.txt", part, box).status == 201);
  const long before = peak_kib(s.server.pid());
  REQUIRE(before > 0);
  auto r = alice.get(zip_url(box));
  const long after = peak_kib(s.server.pid());
  auto entries = by_name(read_zip(r));
  CHECK(str(entries["Archiv/zwei.txt"].at("sha256")) == sha256_hex(part));
  CHECK(after - before < 24 * 1024);  // 80 MiB of files went through
}
