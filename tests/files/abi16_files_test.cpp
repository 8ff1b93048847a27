// ABI 1.6 (files) through the real server and the plain-C fixture abi16_files on SQLite and
// PostgreSQL: a blob read through a handle in small steps comes out whole; a file the plugin
// wrote into res_tmp_file's file is sent from disk and gone afterwards, and so is one it wrote
// but never sent; a file the host did not give out, a removed one and NULL arguments are refused.
#include <catch2/catch.hpp>

#include <filesystem>

#include "disk_checks.hpp"
#include "files_fixture.hpp"
#include "pg_test_db.hpp"
#include "quartier/plugin.h"
#include "test_server.hpp"

namespace fs = std::filesystem;
using qt::test::HttpResponse;
using qt::test::files::eventually;
using qt::test::files::files_in;

namespace {

std::string text_of(std::size_t n) {
  std::string s(n, ' ');
  for (std::size_t i = 0; i < n; ++i) s[i] = "abcdefghijklmnopqrstuvwxyz0123456789 \n"[(i * 7 + i / 1000) % 38];
  return s;
}

std::string upper(std::string s) {
  for (auto& c : s)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return s;
}

struct Fixture {
  qt::test::TempDir blobs;
  qt::test::TestServer server;
  qt::test::HttpClient http;
  explicit Fixture(const std::string& db_url) : server(setup(blobs, db_url)), http(server.client()) {}
  static qt::test::ServerSetup setup(const qt::test::TempDir& blobs, const std::string& db_url) {
    qt::test::ServerSetup s;
    s.database_url = db_url;
    s.plugin_dir = QT_FILES_FIXTURE_DIR;
    s.plugins = {"abi16_files"};
    s.extra_toml = "[plugins.abi16_files]\ndir = \"" + blobs.path().string() + "\"\n";
    return s;
  }
  HttpResponse get(const std::string& path) { return http.get("/api/p/abi16_files" + path); }
};

}  // namespace

TEST_CASE("a C plugin reads a blob through a handle and answers with a file it wrote", "[files][abi16]") {
  qt::test::for_each_dialect([](const qt::test::DbTarget& target) {
    Fixture f(target.url);
    const auto text = text_of(300001);
    auto put = f.http.request("POST", "/api/p/abi16_files/bytes", text, {{"Content-Type", "application/octet-stream"}});
    REQUIRE(put.status == 201);
    const auto key = std::string(put.json().at("key").as_string());

    for (const char* chunk : {"7", "4096", "65536"}) {  // many small reads or a few big ones
      auto r = f.get("/blobs/" + key + "/upper?chunk=" + chunk);
      INFO(chunk << " " << r.status);
      REQUIRE(r.status == 200);
      CHECK(r.body == upper(text));
      CHECK(r.header("content-type") == "text/plain; charset=utf-8");
      CHECK(r.header("content-disposition") == "attachment; filename=\"GROSS.txt\"; filename*=UTF-8''GROSS.txt");
      CHECK(eventually([&] { return files_in(f.blobs / "tmp") == 0; }));  // sent, then removed
    }
    auto part = f.http.get("/api/p/abi16_files/blobs/" + key + "/upper", {{"Range", "bytes=10-19"}});
    CHECK(part.status == 206);
    CHECK(part.body == upper(text.substr(10, 10)));
    CHECK(f.http.request("HEAD", "/api/p/abi16_files/blobs/" + key + "/upper", "").header("content-length") == "300001");
    CHECK(eventually([&] { return files_in(f.blobs / "tmp") == 0; }));

    auto unknown = f.get("/blobs/" + std::string(64, 'a') + "/upper");
    CHECK(unknown.status == 404);
    auto malformed = f.get("/blobs/not-a-key/upper");
    CHECK(malformed.status == 422);
    CHECK_THAT(malformed.body, Catch::Contains("64 lower-case hex digits"));
  });
}

TEST_CASE("the host removes an answer file that was not sent and refuses files it did not give out", "[files][abi16]") {
  Fixture f("");
  auto left = f.get("/abandon");
  REQUIRE(left.status == 200);
  const fs::path path(std::string(left.json().at("path").as_string()));
  CHECK(path.parent_path() == fs::path(f.blobs / "tmp"));
  CHECK(path.filename().string().rfind("answer-", 0) == 0);
  CHECK(eventually([&] { return !fs::exists(path); }));

  auto foreign = f.get("/foreign");
  CHECK(foreign.status == 403);
  CHECK_THAT(foreign.body, Catch::Contains("res_tmp_file gave out for this response"));
  auto gone = f.get("/gone");
  CHECK(gone.status == 404);
  CHECK(eventually([&] { return files_in(f.blobs / "tmp") == 0; }));

  auto nulls = f.get("/nulls").json();
  CHECK(nulls.at("open").as_int64() == QT_ERR_INVALID);
  CHECK(nulls.at("read").as_int64() == QT_ERR_INVALID);
  CHECK(nulls.at("got").as_int64() == 0);
  CHECK(nulls.at("tmp").as_int64() == QT_ERR_INVALID);
}
