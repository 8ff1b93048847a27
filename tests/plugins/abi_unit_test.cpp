// Version checks, name rules, :name rewriting and the events bus: no database, no server.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include <boost/json.hpp>

#include "platform/events/bus.hpp"
#include "plugin_host/library.hpp"
#include "plugin_host/sql_params.hpp"
#include "quartier/plugin.h"
#include "temp_dir.hpp"

using namespace qt::plugin_host;

namespace {
VersionBlock block(int major, int minor) {
  VersionBlock b;
  b.size = sizeof(qt_plugin_version);
  b.abi_major = major;
  b.abi_minor = minor;
  b.name = "sample";
  b.version = "3.1.4";
  return b;
}
}  // namespace

TEST_CASE("a core accepts its own major with an equal or older minor", "[plugins][abi]") {
  CHECK_FALSE(version_refusal(block(1, 0), "/p/sample.so", 1, 0));
  // A core of ABI 1.3 (later in this major) still accepts plugins built against 1.0 .. 1.3.
  CHECK_FALSE(version_refusal(block(1, 0), "/p/sample.so", 1, 3));
  CHECK_FALSE(version_refusal(block(1, 2), "/p/sample.so", 1, 3));
}

TEST_CASE("a core refuses another major and a newer minor, naming both versions and the file", "[plugins][abi]") {
  auto higher = version_refusal(block(2, 0), "/p/sample.so", 1, 0);
  REQUIRE(higher);
  CHECK_THAT(*higher, Catch::Contains("/p/sample.so") && Catch::Contains("ABI 2.0") && Catch::Contains("ABI 1.0") &&
                          Catch::Contains("Upgrade Quartier"));
  auto lower = version_refusal(block(0, 9), "/p/sample.so", 1, 0);
  REQUIRE(lower);
  CHECK_THAT(*lower, Catch::Contains("ABI 0.9") && Catch::Contains("rebuilt"));
  auto newer_minor = version_refusal(block(1, 4), "/p/sample.so", 1, 3);
  REQUIRE(newer_minor);
  CHECK_THAT(*newer_minor, Catch::Contains("needs plugin ABI 1.4") && Catch::Contains("ABI 1.3") &&
                               Catch::Contains("/p/sample.so"));
}

TEST_CASE("plugin names are safe as file names, URL segments and table prefixes", "[plugins][abi]") {
  CHECK(valid_plugin_name("hello_c"));
  CHECK(valid_plugin_name("a"));
  CHECK_FALSE(valid_plugin_name(""));
  CHECK_FALSE(valid_plugin_name("../etc"));
  CHECK_FALSE(valid_plugin_name("Hello"));
  CHECK_FALSE(valid_plugin_name("9lives"));
  CHECK_FALSE(valid_plugin_name("with-dash"));
  CHECK_FALSE(valid_plugin_name(std::string(33, 'a')));
  auto b = block(1, 0);
  b.name = "Bad Name";
  auto why = version_refusal(b, "/p/x.so", QT_ABI_MAJOR, QT_ABI_MINOR);
  REQUIRE(why);
  CHECK_THAT(*why, Catch::Contains("not valid"));
}

TEST_CASE("the version block is read without calling anything else", "[plugins][abi]") {
  qt::test::TempDir markers;
  setenv("QT_TEST_MARKER_DIR", markers.path().c_str(), 1);
  const std::filesystem::path file = QT_TEST_PLUGIN_DIR "/abi_newer_minor.so";
  void* handle = open_library(file);
  auto b = read_version_block(handle, file);
  CHECK(b.name == "abi_newer_minor");
  CHECK(b.abi_major == QT_ABI_MAJOR);
  CHECK(b.abi_minor == QT_ABI_MINOR + 1);
  CHECK(version_refusal(b, file, QT_ABI_MAJOR, QT_ABI_MINOR));
  CHECK_FALSE(std::filesystem::exists(markers / "abi_newer_minor.init"));
  unsetenv("QT_TEST_MARKER_DIR");
}

TEST_CASE("a library without the version export or that is no library is refused with the file name",
          "[plugins][abi]") {
  qt::test::TempDir dir;
  auto junk = dir.write("junk.so", "not an ELF file");
  try {
    open_library(junk);
    FAIL("expected PluginError");
  } catch (const PluginError& e) {
    CHECK_THAT(e.what(), Catch::Contains(junk.string()) && Catch::Contains("cannot be loaded"));
  }
  // libc is a library but no plugin.
  void* libc = open_library("libc.so.6");
  try {
    read_version_block(libc, "libc.so.6");
    FAIL("expected PluginError");
  } catch (const PluginError& e) {
    CHECK_THAT(e.what(), Catch::Contains("quartier_plugin_version"));
  }
}

TEST_CASE(":name parameters become $n for PostgreSQL, outside literals, comments and casts", "[plugins][sql]") {
  auto p = to_positional("SELECT :a, ':b', \"c:d\", x::text, :a + :e -- :f\n/* :g */ FROM t WHERE y = $$:h$$");
  CHECK(p.sql == "SELECT $1, ':b', \"c:d\", x::text, $1 + $2 -- :f\n/* :g */ FROM t WHERE y = $$:h$$");
  REQUIRE(p.names == std::vector<std::string>{"a", "e"});
  auto q = to_positional("INSERT INTO t (a) VALUES ('it''s :x', :y)");
  CHECK(q.sql == "INSERT INTO t (a) VALUES ('it''s :x', $1)");
  CHECK(q.names == std::vector<std::string>{"y"});
}

TEST_CASE("read-only statements are recognised for the reader pool", "[plugins][sql]") {
  CHECK(is_read_only_sql("SELECT 1"));
  CHECK(is_read_only_sql("  -- c\n select x from t"));
  CHECK(is_read_only_sql("(SELECT 1) UNION (SELECT 2)"));
  CHECK(is_read_only_sql("VALUES (1)"));
  CHECK_FALSE(is_read_only_sql("INSERT INTO t VALUES (1)"));
  CHECK_FALSE(is_read_only_sql("WITH x AS (DELETE FROM t RETURNING *) SELECT * FROM x"));
  CHECK_FALSE(is_read_only_sql("UPDATE t SET a = 1"));
}

TEST_CASE("events reach exact and prefix subscribers, a throwing subscriber is isolated", "[plugins][events]") {
  qt::events::Bus bus;
  std::vector<std::string> seen;
  bus.subscribe("content.created", "a", [&](std::string_view t, const boost::json::value& v) {
    seen.push_back("a:" + std::string(t) + ":" + boost::json::serialize(v));
  });
  bus.subscribe("content.*", "b", [&](std::string_view t, const boost::json::value&) { seen.push_back("b:" + std::string(t)); });
  bus.subscribe("content.created", "c", [](std::string_view, const boost::json::value&) { throw std::runtime_error("x"); });
  CHECK(bus.publish("content.created", boost::json::object{{"id", 1}}) == 2);
  CHECK(bus.publish("content.deleted", nullptr) == 1);
  CHECK(bus.publish("contentx", nullptr) == 0);
  CHECK(seen == std::vector<std::string>{"a:content.created:{\"id\":1}", "b:content.created", "b:content.deleted"});
  CHECK_THROWS_AS(bus.subscribe("Bad Topic", "x", {}), std::invalid_argument);
  CHECK(qt::events::Bus::topic_matches("a.*", "a.b.c"));
  CHECK_FALSE(qt::events::Bus::topic_matches("a.*", "a"));
}
