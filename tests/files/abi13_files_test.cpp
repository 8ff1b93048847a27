// ABI 1.3 (files) through the real server and the plain-C fixture abi13_files: a route that
// declares its own body limit takes a body far over the server's limit, streamed to disk (the
// server's peak memory does not grow with it) while other routes keep refusing; blobs are
// stored by SHA-256 and answered from disk with Range (206, 416), If-None-Match (304) and
// Content-Disposition; an interrupted upload leaves nothing behind; the image pipeline renders
// thumbnails without the picture's GPS data.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include <boost/asio.hpp>

#include "disk_checks.hpp"
#include "test_images.hpp"
#include "test_server.hpp"

namespace fs = std::filesystem;
using qt::test::HttpResponse;
using qt::test::files::files_in;
using qt::test::files::peak_kib;
using qt::test::files::sha256_hex;

namespace {

template <class Pred>
bool eventually(Pred pred) {
  for (int i = 0; i < 500; ++i) {
    if (pred()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return pred();
}

std::string pattern(std::size_t n) {
  std::string s(n, '\0');
  for (std::size_t i = 0; i < n; ++i) s[i] = static_cast<char>('a' + (i * 7 + i / 4096) % 26);
  return s;
}

struct Fixture {
  qt::test::TempDir blobs;
  qt::test::TestServer server;
  qt::test::HttpClient http;
  Fixture() : server(setup(blobs)), http(server.client()) {}
  static qt::test::ServerSetup setup(const qt::test::TempDir& blobs) {
    qt::test::ServerSetup s;
    s.plugin_dir = QT_FILES_FIXTURE_DIR;
    s.plugins = {"abi13_files"};
    s.extra_toml = "[plugins.abi13_files]\ndir = \"" + blobs.path().string() + "\"\n";
    return s;
  }
  HttpResponse post(const std::string& path, const std::string& body) {
    return http.request("POST", "/api/p/abi13_files" + path, body, {{"Content-Type", "application/octet-stream"}});
  }
};

}  // namespace

TEST_CASE("a route with its own limit takes a big body on disk, others keep the server's limit", "[files][abi13]") {
  Fixture f;
  const auto two_mib = pattern(2 * 1024 * 1024);
  CHECK(f.post("/small", "hello").json().at("bytes").as_int64() == 5);
  auto refused = f.post("/small", two_mib);
  CHECK(refused.status == 413);
  CHECK(refused.error_code() == "body_too_large");

  const auto big = pattern(96 * 1024 * 1024);
  const long before = peak_kib(f.server.pid());
  REQUIRE(before > 0);
  auto up = f.post("/upload", big);
  INFO(up.body);
  REQUIRE(up.status == 201);
  const long after = peak_kib(f.server.pid());
  CHECK(up.json().at("in_memory").as_int64() == 0);  // req_body stays empty
  CHECK(up.json().at("bytes").as_int64() == static_cast<std::int64_t>(big.size()));
  CHECK(std::string(up.json().at("key").as_string()) == sha256_hex(big));
  CHECK(std::string(up.json().at("mime").as_string()) == "text/plain");
  // 96 MiB went through; the server's peak memory grew by far less.
  CHECK(after - before < 24 * 1024);
  const auto key = std::string(up.json().at("key").as_string());
  CHECK(fs::file_size(f.blobs / "blobs" / key.substr(0, 2) / key) == big.size());
  CHECK(files_in(f.blobs / "tmp") == 0);  // moved, not copied

  // The same content again: the same key, still one file.
  CHECK(std::string(f.post("/upload", big).json().at("key").as_string()) == key);
  CHECK(files_in(f.blobs / "blobs" / key.substr(0, 2)) == 1);
  // Over the route's own limit (256 MiB): refused from the header, before any byte of the body.
  auto raw = qt::test::raw_exchange(f.server.port(),
                                    "POST /api/p/abi13_files/upload HTTP/1.1\r\nHost: x\r\nContent-Length: 300000000\r\n\r\n");
  CHECK_THAT(raw, Catch::StartsWith("HTTP/1.1 413"));
}

TEST_CASE("blobs are answered from disk with Range, If-None-Match and Content-Disposition", "[files][abi13]") {
  Fixture f;
  const auto text = pattern(100000);
  auto put = f.post("/bytes", text);
  REQUIRE(put.status == 201);
  const auto key = std::string(put.json().at("key").as_string());
  const std::string url = "/api/p/abi13_files/blobs/" + key;

  auto whole = f.http.get(url + "?name=Protokoll%20M%C3%A4rz.txt");
  REQUIRE(whole.status == 200);
  CHECK(whole.body == text);
  CHECK(whole.header("etag") == "\"" + key + "\"");
  CHECK(whole.header("accept-ranges") == "bytes");
  CHECK(whole.header("content-disposition") ==
        "attachment; filename=\"Protokoll_M__rz.txt\"; filename*=UTF-8''Protokoll%20M%C3%A4rz.txt");
  CHECK(f.http.get(url + "?inline=1").header("content-disposition").value_or("").rfind("inline", 0) == 0);

  auto part = f.http.get(url, {{"Range", "bytes=1000-1999"}});
  CHECK(part.status == 206);
  CHECK(part.body == text.substr(1000, 1000));
  CHECK(part.header("content-range") == "bytes 1000-1999/100000");
  auto tail = f.http.get(url, {{"Range", "bytes=-10"}});
  CHECK(tail.status == 206);
  CHECK(tail.body == text.substr(text.size() - 10));
  auto open_end = f.http.get(url, {{"Range", "bytes=99990-"}});
  CHECK(open_end.body == text.substr(99990));
  auto outside = f.http.get(url, {{"Range", "bytes=200000-"}});
  CHECK(outside.status == 416);
  CHECK(outside.header("content-range") == "bytes */100000");
  // A Range for another version (If-Range with an old tag) gets the whole file.
  CHECK(f.http.get(url, {{"Range", "bytes=0-9"}, {"If-Range", "\"old\""}}).status == 200);

  auto cached = f.http.get(url, {{"If-None-Match", "\"" + key + "\""}});
  CHECK(cached.status == 304);
  CHECK(cached.body.empty());
  CHECK(f.http.get(url, {{"If-None-Match", "\"other\""}}).status == 200);

  CHECK(f.http.get("/api/p/abi13_files/blobs/" + key + "/stat").json().at("bytes").as_int64() == 100000);
  CHECK(f.http.get("/api/p/abi13_files/blobs/" + std::string(64, 'a')).status == 404);
  auto bad = f.http.get("/api/p/abi13_files/blobs/not-a-key/stat");
  CHECK(bad.status == 422);
  CHECK(f.http.request("DELETE", url).status == 204);
  CHECK(f.http.get(url + "/stat").status == 404);
}

TEST_CASE("an interrupted upload leaves no file behind", "[files][abi13]") {
  Fixture f;
  namespace asio = boost::asio;
  asio::io_context io;
  asio::ip::tcp::socket sock(io);
  sock.connect({asio::ip::make_address("127.0.0.1"), f.server.port()});
  const std::string head =
      "POST /api/p/abi13_files/upload HTTP/1.1\r\nHost: x\r\nContent-Length: 8388608\r\n\r\n" + pattern(1024 * 1024);
  asio::write(sock, asio::buffer(head));
  // The upload is on its way to disk...
  REQUIRE(eventually([&] { return files_in(f.blobs / "tmp") == 1; }));
  sock.close();  // ...and the client goes away.
  CHECK(eventually([&] { return files_in(f.blobs / "tmp") == 0; }));
  CHECK(files_in(f.blobs / "blobs") == 0);
}

TEST_CASE("the image pipeline renders a blob without its GPS data", "[files][abi13]") {
  Fixture f;
  auto photo = f.post("/bytes", qt::test::jpeg_with_gps(640, 480));
  REQUIRE(photo.status == 201);
  CHECK(std::string(photo.json().at("mime").as_string()) == "image/jpeg");
  const auto key = std::string(photo.json().at("key").as_string());
  auto thumb = f.post("/blobs/" + key + "/image?side=64&square=1", "");
  INFO(thumb.body);
  REQUIRE(thumb.status == 201);
  CHECK(std::string(thumb.json().at("mime").as_string()) == "image/webp");
  const auto img = qt::test::decode(f.http.get("/api/p/abi13_files/blobs/" + std::string(thumb.json().at("key").as_string())).body);
  CHECK(vips_image_get_width(img.get()) == 64);
  CHECK(vips_image_get_height(img.get()) == 64);
  CHECK_FALSE(qt::test::has_field_starting(qt::test::metadata_fields(img), "exif"));

  auto fitted = f.post("/blobs/" + key + "/image?side=320", "");
  REQUIRE(fitted.status == 201);
  const auto fit = qt::test::decode(f.http.get("/api/p/abi13_files/blobs/" + std::string(fitted.json().at("key").as_string())).body);
  CHECK(vips_image_get_width(fit.get()) == 320);
  CHECK(vips_image_get_height(fit.get()) == 240);

  auto text = f.post("/bytes", "just some text, not a picture");
  auto refused = f.post("/blobs/" + std::string(text.json().at("key").as_string()) + "/image", "");
  CHECK(refused.status == 422);
  CHECK_THAT(refused.body, Catch::Contains("JPEG, PNG, WebP"));
  CHECK(f.post("/blobs/" + key + "/image?side=5000", "").status == 422);
}
