// ABI 1.2 text_clean_name, through the real server and the plain-C fixture abi12_c: a name is
// cleaned by the core's rule for display names, or refused with the core's reason.
#include <catch2/catch.hpp>

#include "pg_test_db.hpp"
#include "test_server.hpp"

TEST_CASE("a C plugin cleans a typed name by the core's rule", "[plugins][server][abi12][names]") {
  qt::test::ServerSetup setup;
  setup.plugin_dir = QT_TEST_PLUGIN_DIR;
  setup.plugins = {"abi12_c"};
  qt::test::TestServer server(setup);
  auto http = server.client();
  auto clean = [&](const std::string& raw) {
    return http.request("POST", "/api/p/abi12_c/names/clean", raw, {{"Content-Type", "text/plain"}});
  };
  auto ok = clean("  Jose\xCC\x81 M\xC3\xBCller ");
  REQUIRE(ok.status == 200);
  CHECK(ok.json().at("name").as_string() == "Jos\xC3\xA9 M\xC3\xBCller");  // NFC, trimmed
  for (const std::string& bad : {std::string("Anna\xE2\x80\xAE") + "evil", std::string("12345"), std::string("A"),
                                std::string("Ann\xC3"), std::string("An\nna")}) {
    auto r = clean(bad);
    CHECK(r.status == 400);
    CHECK(r.error_code() == "invalid_name");
  }
  CHECK_THAT(clean("Anna\xE2\x80\xAE" "evil").body, Catch::Contains("U+202E"));
  CHECK_THAT(clean("12345").body, Catch::Contains("Buchstaben"));
}
