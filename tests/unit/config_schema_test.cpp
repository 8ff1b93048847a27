// The schema is complete, uses only what the validator understands, and every key in it
// reaches a struct member.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "platform/config/config.hpp"
#include "platform/config/mapping.hpp"
#include "platform/config/render.hpp"
#include "platform/config/validator.hpp"

using namespace qt::config;
namespace json = boost::json;

namespace {

const json::object& sections() { return schema().at("properties").as_object(); }

void collect_keywords(const json::object& node, std::set<std::string>& out) {
  for (const auto& [key, value] : node) {
    out.insert(std::string(key));
    if (key == "properties") {
      for (const auto& [name, sub] : value.as_object()) collect_keywords(sub.as_object(), out);
    } else if ((key == "items" || key == "additionalProperties" || key == "propertyNames") && value.is_object()) {
      collect_keywords(value.as_object(), out);
    }
  }
}

}  // namespace

TEST_CASE("config schema: uses only keywords the validator implements", "[config]") {
  std::set<std::string> used;
  collect_keywords(schema(), used);
  const auto& supported = detail::supported_keywords();
  for (const auto& keyword : used) {
    INFO(keyword);
    CHECK(std::find(supported.begin(), supported.end(), keyword) != supported.end());
  }
}

TEST_CASE("config schema: every key has type, description, a valid default and a different valid example", "[config]") {
  for (const auto& [section, section_schema] : sections()) {
    const auto& s = section_schema.as_object();
    CHECK(s.at("type") == "object");
    CHECK(s.contains("description"));
    if (section != "plugins") CHECK(s.at("additionalProperties") == false);
    for (const auto& [key, key_schema] : s.at("properties").as_object()) {
      INFO("[" << section << "] " << key);
      const auto& k = key_schema.as_object();
      REQUIRE(k.contains("type"));
      REQUIRE(k.contains("description"));
      REQUIRE(k.contains("default"));
      REQUIRE(k.contains("examples"));
      CHECK(detail::validate(k, k.at("default")).empty());
      const auto& example = k.at("examples").as_array().at(0);
      CHECK(detail::validate(k, example).empty());
      CHECK(example != k.at("default"));
    }
  }
}

TEST_CASE("config schema: every schema key maps to exactly one struct member", "[config]") {
  std::vector<std::pair<std::string, std::string>> schema_keys;
  for (const auto& [section, section_schema] : sections())
    for (const auto& [key, ignored] : section_schema.at("properties").as_object())
      schema_keys.emplace_back(section, key);
  CHECK(detail::mapped_keys() == schema_keys);
}

TEST_CASE("config schema: a file of every key's example value round-trips through the structs", "[config]") {
  // Write each key's example as TOML, load it, and read the structs back out: every member
  // must carry the example, so no key is dropped or mapped to the wrong member.
  std::string toml;
  for (const auto& [section, section_schema] : sections()) {
    toml += "[" + std::string(section) + "]\n";
    for (const auto& [key, key_schema] : section_schema.at("properties").as_object())
      toml += std::string(key) + " = " + detail::render_value(key_schema.at("examples").as_array().at(0)) + "\n";
  }
  Config c;
  try {
    c = load_string(toml, "examples.toml", {});
  } catch (const ConfigError& e) {
    FAIL(e.what() << "\n" << toml);
  }
  const json::object back = to_json(c, true);
  for (const auto& [section, section_schema] : sections())
    for (const auto& [key, key_schema] : section_schema.at("properties").as_object()) {
      INFO("[" << section << "] " << key);
      CHECK(back.at(section).at(key) == key_schema.at("examples").as_array().at(0));
    }
  CHECK(c.server.host == "::1");
  CHECK(c.server.port == 9090);
}
