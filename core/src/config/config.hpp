#pragma once
// Quartier's configuration: one TOML file, validated against schemas/config.schema.json
// (embedded in the binary), overridable by QUARTIER_<SECTION>_<KEY> environment variables.
#include <cstdint>
#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include <boost/json/object.hpp>

namespace qt::config {

struct ServerConfig {
  std::string listen = "127.0.0.1:8080";  // as written
  std::string host = "127.0.0.1";         // parsed from listen
  std::uint16_t port = 8080;              // parsed from listen; 0 = ephemeral
  int threads = 0;                        // 0 = one per core
  std::int64_t max_header_bytes = 16 * 1024;
  std::int64_t max_body_bytes = 1024 * 1024;
  int read_timeout_seconds = 30;
  int shutdown_grace_seconds = 10;
  std::string web_root;    // built frontend; empty = <exe>/../share/quartier/web
  std::string public_url;  // e.g. https://quartier.example.de; https enables HSTS and __Host- cookies
  bool access_log = true;
};

struct DatabaseConfig {
  std::string url = "sqlite:data/quartier.db";
  std::string synchronous = "FULL";  // SQLite only: OFF, NORMAL, FULL, EXTRA
  int busy_timeout_ms = 5000;
  int pool_size = 0;  // readers (SQLite) or connections (PostgreSQL); 0 = automatic
  bool auto_migrate = true;
};

struct PluginsConfig {
  std::string dir;  // empty = <exe>/../lib/quartier/plugins
  std::vector<std::string> enabled;
  // [plugins.<name>] tables, passed to each plugin as JSON.
  std::map<std::string, boost::json::object> sections;
};

struct MunicipalityConfig {
  std::string name = "Musterstadt";
  std::vector<std::string> languages = {"de", "en"};
  std::string default_language = "de";
};

struct LogConfig {
  std::string level = "info";   // debug, info, warn, error
  std::string format = "json";  // json, text
};

struct Config {
  std::filesystem::path source;  // file it was read from (empty for built-in defaults)
  ServerConfig server;
  DatabaseConfig database;
  PluginsConfig plugins;
  MunicipalityConfig municipality;
  LogConfig log;
};

// Every problem found, formatted for an operator: "<file>:<line>: [section] key: what is wrong; allowed: ...".
class ConfigError : public std::runtime_error {
 public:
  explicit ConfigError(const std::vector<std::string>& problems);
  const std::vector<std::string>& problems() const { return problems_; }

 private:
  std::vector<std::string> problems_;
};

using Environment = std::map<std::string, std::string>;

// The QUARTIER_* variables of this process (QUARTIER_CONFIG, the path of the file, excluded).
Environment process_environment();

// Reads, validates and applies overrides. Throws ConfigError listing every problem.
Config load_file(const std::filesystem::path& file, const Environment& env);
Config load_string(std::string_view toml, std::string_view source_name, const Environment& env);

}  // namespace qt::config
