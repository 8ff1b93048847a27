#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>

#include "platform/util/json_escape.hpp"
#include "platform/util/scope_exit.hpp"

using namespace std::string_literals;

TEST_CASE("JSON string escaping keeps every value inside its string", "[util]") {
  CHECK(qt::util::json_quoted("plain") == "\"plain\"");
  CHECK(qt::util::json_quoted("a\"b\\c") == "\"a\\\"b\\\\c\"");
  CHECK(qt::util::json_quoted("l1\nl2\r\t") == "\"l1\\nl2\\r\\t\"");
  CHECK(qt::util::json_quoted("\x01\x1f\x7f"s) == "\"\\u0001\\u001f\\u007f\"");
  CHECK(qt::util::json_quoted("\0x"s) == "\"\\u0000x\"");
  CHECK(qt::util::json_quoted("Straße") == "\"Straße\"");  // UTF-8 passes unchanged
  std::string out = "x=";
  qt::util::append_json_escaped(out, "\"");
  CHECK(out == "x=\\\"");
}

TEST_CASE("a scope guard runs on return and on an exception", "[util]") {
  int runs = 0;
  {
    const qt::util::ScopeExit guard([&] { ++runs; });
    CHECK(runs == 0);
  }
  CHECK(runs == 1);
  try {
    const qt::util::ScopeExit guard([&] { ++runs; });
    throw std::runtime_error("leave");
  } catch (const std::runtime_error&) {
  }
  CHECK(runs == 2);
}
