// The API's JSON goes gzipped to clients that take it (phones on mobile data), byte for byte the
// same JSON once inflated; answers that carry a secret never are (BREACH).
#include <catch2/catch.hpp>

#include <zlib.h>

#include "accounts_fixture.hpp"

using namespace qt::test;

namespace {

std::string gunzip(const std::string& packed) {
  z_stream z{};
  REQUIRE(inflateInit2(&z, 15 + 16) == Z_OK);
  std::string out(8 << 20, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(packed.data()));
  z.avail_in = static_cast<uInt>(packed.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int rc = inflate(&z, Z_FINISH);
  out.resize(z.total_out);
  inflateEnd(&z);
  REQUIRE(rc == Z_STREAM_END);
  return out;
}

}  // namespace

TEST_CASE("API JSON is gzipped for clients that take it, answers with secrets never", "[integration][http]") {
  AccountsServer s;
  auto c = s.client();
  auto plain = c.get("/api/openapi.json");
  REQUIRE(plain.status == 200);
  REQUIRE(plain.body.size() > 1024);
  CHECK_FALSE(plain.header("content-encoding"));

  auto packed = c.get("/api/openapi.json", {{"Accept-Encoding", "gzip, deflate, br"}});
  REQUIRE(packed.status == 200);
  CHECK(packed.header("content-encoding") == std::optional<std::string>("gzip"));
  CHECK(packed.header("vary").value_or("").find("Accept-Encoding") != std::string::npos);
  CHECK(packed.body.size() * 3 < plain.body.size());
  CHECK(gunzip(packed.body) == plain.body);
  CHECK_FALSE(c.get("/api/openapi.json", {{"Accept-Encoding", "gzip;q=0, br"}}).header("content-encoding"));
  CHECK_FALSE(c.request("HEAD", "/api/openapi.json", "", {{"Accept-Encoding", "gzip"}}).header("content-encoding"));

  // The export carries everything about a person and is marked no-store: never compressed.
  const auto pw = s.add_user("vera@example.de", "Vera");
  auto vera = s.login("vera@example.de", pw);
  for (int i = 0; i < 10; ++i) s.login("vera@example.de", pw);  // sessions and devices fill the export
  auto exported = vera.request("GET", "/api/me/export", "", {{"Accept-Encoding", "gzip"}});
  REQUIRE(exported.status == 200);
  REQUIRE(exported.body.size() > 1024);
  CHECK_FALSE(exported.header("content-encoding"));
}
