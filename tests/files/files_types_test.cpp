// What kinds of file the files plugin takes, through the real server on SQLite and PostgreSQL:
// the type sniffed from the content against [plugins.files] allowed_types, programs refused
// whatever their name, a bad allow-list stops the server, and max_file_mb bounds an upload.
#include <fstream>
#include <iterator>

#include "files_fixture.hpp"
#include "pg_test_db.hpp"
#include "test_images.hpp"

using namespace qt::test;
using namespace qt::test::files;

namespace {

// A Windows program as a linker writes its head: "MZ", e_lfanew at 0x3c, "PE\0\0" there.
std::string pe_program() {
  std::string b(1024, '\0');
  b[0] = 'M';
  b[1] = 'Z';
  b[0x3c] = '\x80';
  b.replace(0x80, 4, std::string("PE\0\0", 4));
  b[0x84] = '\x4c';
  b[0x85] = '\x01';  // i386
  b[0x94] = '\xe0';  // optional header size
  b[0x98] = '\x0b';
  b[0x99] = '\x01';  // PE32
  return b;
}

std::string elf_program() {
  std::ifstream exe(QUARTIER_BIN, std::ios::binary);
  std::string program(65536, '\0');
  exe.read(program.data(), static_cast<std::streamsize>(program.size()));
  return program;
}

const std::string kPdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";

// Nothing of a refused upload stays: no blob, no temporary file, no row.
void check_nothing_stored(FilesServer& s, Person& p) {
  std::size_t blobs = 0;
  if (std::filesystem::exists(s.blobs / "blobs"))
    for (const auto& e : std::filesystem::recursive_directory_iterator(s.blobs / "blobs")) blobs += e.is_regular_file() ? 1 : 0;
  CHECK(blobs == 0);
  CHECK((!std::filesystem::exists(s.blobs / "tmp") || std::filesystem::is_empty(s.blobs / "tmp")));
  CHECK(names(p.get("/api/p/files/spaces/" + p.mine())).empty());
}

}  // namespace

TEST_CASE("the default allow-list takes documents and pictures and refuses programs and scripts", "[files][types]") {
  for_each_dialect([](const DbTarget& target) {
    FilesServer s(target.url);
    auto alice = s.person("alice");
    // Programs named like documents: refused with 415 before anything is stored.
    for (const auto& [name, bytes] : std::vector<std::pair<std::string, std::string>>{
             {"Satzung.pdf", elf_program()}, {"Rechnung.pdf", pe_program()}, {"setup.txt", pe_program().substr(0, 200)}}) {
      auto r = alice.upload(alice.mine(), name, bytes);
      INFO(name << ": " << r.body);
      CHECK(r.status == 415);
      CHECK(r.error_code() == "upload_unsupported_type");
      CHECK(r.body.find("Programme") != std::string::npos);
    }
    // Types not on the list (a shell script, HTML, SVG with a script): refused, the type named.
    for (const auto& [name, bytes, mime] : std::vector<std::tuple<std::string, std::string, std::string>>{
             {"liste.txt", "#!/bin/sh\nrm -rf ~\n", "text/x-shellscript"},
             {"seite.txt", "<html><body><script>alert(1)</script></body></html>", "text/html"},
             {"logo.png", "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>", "image/svg+xml"}}) {
      auto r = alice.upload(alice.mine(), name, bytes);
      INFO(name << ": " << r.body);
      CHECK(r.status == 415);
      CHECK(r.error_code() == "upload_unsupported_type");
      CHECK(r.body.find(mime) != std::string::npos);
    }
    check_nothing_stored(s, alice);
    // Documents and pictures pass, whatever their name; the type recorded is the sniffed one.
    auto pdf = alice.upload(alice.mine(), "Satzung", kPdf);
    REQUIRE(pdf.status == 201);
    CHECK(str(pdf.json().at("mime")) == "application/pdf");
    auto png = alice.upload(alice.mine(), "foto.jpg", picture_file(32, 24, ".png"));
    REQUIRE(png.status == 201);
    CHECK(str(png.json().at("mime")) == "image/png");
    // Office files (made by tests/files/data's small samples) are told by their content.
    for (const auto& [file, mime] : std::vector<std::pair<std::string, std::string>>{
             {"Antrag.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
             {"Kasse.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
             {"Satzung.odt", "application/vnd.oasis.opendocument.text"}}) {
      std::ifstream in(QUARTIER_SOURCE_DIR "/tests/files/data/" + file, std::ios::binary);
      const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      auto r = alice.upload(alice.mine(), "ohne-endung-" + file.substr(0, file.find('.')), bytes);
      INFO(file << ": " << r.body);
      REQUIRE(r.status == 201);
      CHECK(str(r.json().at("mime")) == mime);
    }
    // Text that merely starts with "MZ" is no program.
    CHECK(alice.upload(alice.mine(), "mz.txt", "MZ steht hier für Mitgliederzahl.\n").status == 201);
    // The limits are there for the UI.
    auto spaces = alice.get("/api/p/files/spaces").json();
    CHECK(spaces.at("limits").at("max_file_bytes").as_int64() == 2048LL * 1024 * 1024);
    CHECK(spaces.at("limits").at("allowed_types").as_array().size() > 10);
  });
}

TEST_CASE("an operator's allow-list and size limit apply, and a bad list stops the server", "[files][types]") {
  for_each_dialect([](const DbTarget& target) {
    FilesServer s(target.url, "allowed_types = [\"text/plain\", \"image/*\"]\nmax_file_mb = 1\n");
    auto alice = s.person("alice");
    auto pdf = alice.upload(alice.mine(), "Satzung.pdf", kPdf);
    CHECK(pdf.status == 415);
    CHECK(pdf.body.find("application/pdf") != std::string::npos);
    CHECK(alice.upload(alice.mine(), "bild.png", picture_file(16, 16, ".png")).status == 201);
    CHECK(alice.upload(alice.mine(), "notiz.txt", "Einkaufsliste").status == 201);
    // "*" would not let a program through either; over max_file_mb is refused by the core.
    auto big = alice.upload(alice.mine(), "gross.txt", std::string(1024 * 1024 + 1, 'g'));
    CHECK(big.status == 413);
    CHECK(big.error_code() == "body_too_large");
    CHECK(names(alice.get("/api/p/files/spaces/" + alice.mine())) == std::vector<std::string>{"bild.png", "notiz.txt"});
    CHECK(alice.get("/api/p/files/spaces").json().at("limits").at("max_file_bytes").as_int64() == 1024 * 1024);
  });
  FilesServer everything("", "allowed_types = [\"*\"]\n");
  auto bob = everything.person("bob");
  CHECK(bob.upload(bob.mine(), "skript.txt", "#!/bin/sh\necho hallo\n").status == 201);
  CHECK(bob.upload(bob.mine(), "Satzung.pdf", pe_program()).error_code() == "upload_unsupported_type");

  TempDir dir;
  const auto config = dir.write("q.toml", "[server]\nlisten = \"127.0.0.1:0\"\ndevelopment = true\n[database]\nurl = \"sqlite:" +
                                              (dir / "q.db").string() + "\"\n[plugins]\ndir = \"" QUARTIER_PLUGIN_BUILD_DIR
                                              "\"\nenabled = [\"groups\", \"files\"]\n[plugins.files]\ndir = \"" +
                                              (dir / "files").string() + "\"\nallowed_types = [\"pdf\"]\n");
  auto serve = run_quartier({"serve", "--config", config.string()});
  INFO(serve.output);
  CHECK(serve.exit_code != 0);
  CHECK_THAT(serve.output, Catch::Contains("allowed_types") && Catch::Contains("pdf") && Catch::Contains("is no type"));
}
