// The configuration loader (platform/config) on any TOML text: it either gives a configuration
// or throws ConfigError listing problems operators can act on; nothing else may escape.
#include <string>

#include <boost/json/serialize.hpp>

#include "fuzz_check.hpp"
#include "platform/config/config.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using qt::fuzz::check;
  // One environment override as well, so the override path meets odd files too.
  static const qt::config::Environment env{{"QUARTIER_SERVER_THREADS", "3"}};
  try {
    const auto config = qt::config::load_string(qt::fuzz::as_text(data, size), "fuzz.toml", env);
    check(config.server.threads == 3, "the environment override wins");
    const auto shown = boost::json::serialize(qt::config::to_json(config));
    check(!shown.empty(), "the effective configuration can be shown");
  } catch (const qt::config::ConfigError& e) {
    check(!e.problems().empty(), "a ConfigError lists at least one problem");
    for (const auto& p : e.problems()) check(!p.empty(), "each problem says something");
  }
  return 0;
}
