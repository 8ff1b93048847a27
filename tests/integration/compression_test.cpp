// The API's JSON goes gzipped to clients that take it (phones on mobile data), byte for byte the
// same JSON once inflated; answers that carry a secret never are (BREACH).
#include <catch2/catch.hpp>

#include "accounts_fixture.hpp"
#include "gunzip.hpp"

using namespace qt::test;

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
