#pragma once
// Quartier's configuration: one TOML file, validated against schemas/config.schema.json
// (embedded in the binary), overridable by QUARTIER_<SECTION>_<KEY> environment variables.
#include <cstdint>
#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

namespace qt::config {

// Defaults here must equal the schema's defaults (a unit test holds them together).
// Adding a key: schema entry + struct field + one line in fields.hpp.
struct ServerConfig {
  std::string listen = "127.0.0.1:8080";  // as written
  std::string host = "127.0.0.1";         // parsed from listen: an IP literal, "localhost" becomes 127.0.0.1
  std::uint16_t port = 8080;              // parsed from listen; 0 = ephemeral
  int threads = 0;                        // 0 = one per core
  std::int64_t max_header_bytes = 16 * 1024;
  std::int64_t max_body_bytes = 1024 * 1024;
  int read_timeout_seconds = 30;
  int shutdown_grace_seconds = 10;
  int drain_seconds = 0;  // after SIGTERM: /readyz 503, still serving, before the grace period
  std::string web_root;    // built frontend; empty = <exe>/../share/quartier/web
  std::string public_url;  // e.g. https://quartier.example.de; https enables HSTS and __Host- cookies
  bool access_log = true;
  // Reverse proxies (IP addresses or CIDR networks) whose X-Forwarded-For names the client.
  std::vector<std::string> trusted_proxies;
  std::int64_t max_connections = 0;           // 0 = from the open-files limit
  std::int64_t max_connections_per_address = 256;  // 0 = no cap; trusted proxies are exempt
  std::string metrics_token;  // empty: /metrics answers loopback clients only
  // Allows an empty public_url (mail links then point at the listening address, never at Host).
  bool development = false;
};

struct DatabaseConfig {
  std::string url = "sqlite:data/quartier.db";
  std::string synchronous = "FULL";  // SQLite only: OFF, NORMAL, FULL, EXTRA
  int busy_timeout_ms = 5000;
  int pool_size = 0;  // readers (SQLite) or connections (PostgreSQL); 0 = automatic
  int sqlite_mmap_mb = 2047;  // SQLite only: PRAGMA mmap_size in MiB (SQLite's ceiling), 0 = off
  bool auto_migrate = true;
};

// [plugins] dir: one folder (a string) or several (an array); the first that holds <name>.so
// wins. Assigning a string sets one folder ("" = none).
struct FolderList {
  std::vector<std::string> items;

  FolderList& operator=(std::string folder) {
    items.clear();
    if (!folder.empty()) items.push_back(std::move(folder));
    return *this;
  }
  bool empty() const { return items.empty(); }
  friend bool operator==(const FolderList& l, std::string_view one) { return l.items.size() == 1 && l.items[0] == one; }
};

struct PluginsConfig {
  FolderList dir;  // empty = <exe>/../lib/quartier/plugins
  std::vector<std::string> enabled;
  std::int64_t call_warn_ms = 10000;  // the watchdog logs a plugin call running longer; 0 = off
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

struct AuthConfig {
  std::string registration = "open";  // open, invite, approval
  int session_idle_minutes = 1440;
  int session_absolute_days = 30;
  int login_attempts_per_ip_5min = 25;
  int login_attempts_per_account_hour = 25;
  int registrations_per_ip_30min = 5;
  int resets_per_address_30min = 5;
  int confirm_token_hours = 48;
  int reset_token_hours = 2;
  int writes_per_user_10min = 30;  // posts, comments, announcements per person
  int api_requests_per_user_5min = 1500;  // every signed-in API request of one person
  std::string breached_passwords_file;  // empty = built-in list
};

struct MailConfig {
  std::string smtp_url;  // smtp://host:port or smtps://host:port; empty = write mails to outbox_dir
  std::string smtp_user;
  std::string smtp_password;
  std::string from = "Quartier <noreply@localhost>";
  std::string outbox_dir = "data/mail-outbox";
  int max_attempts = 8;
  int digest_hour = 7;  // daily digest from this local hour; weekly on Mondays from it; -1 = none scheduled
};

struct MediaConfig {
  std::string dir = "data/media";
  std::int64_t max_upload_bytes = 5 * 1024 * 1024;
  std::int64_t max_pixels = 40'000'000;
  std::string avatar_format = "webp";  // webp, jpeg
};

struct PushConfig {
  bool enabled = true;  // Web Push notifications to browsers that subscribe
  std::string vapid_key_file = "data/vapid-private.pem";  // made at the first start when missing
  std::string subject;  // VAPID contact (mailto: or https:); empty = public_url
  int timeout_seconds = 10;  // one request to a push service
  bool allow_local_endpoints = false;  // tests only: http and local addresses as endpoints
};

struct Config {
  std::filesystem::path source;  // file it was read from (empty for built-in defaults)
  ServerConfig server;
  DatabaseConfig database;
  PluginsConfig plugins;
  MunicipalityConfig municipality;
  LogConfig log;
  AuthConfig auth;
  MailConfig mail;
  MediaConfig media;
  PushConfig push;
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

// The built-in defaults (what an empty file gives, without environment overrides).
Config defaults();

// The effective configuration as JSON, section by section in schema order, plugin tables
// included. Secrets (schema writeOnly keys, passwords inside URLs) are replaced by "***"
// unless include_secrets is set. For `quartier check-config` and tests.
boost::json::object to_json(const Config& config, bool include_secrets = false);

// The parsed schema (schemas/config.schema.json, compiled into the binary).
const boost::json::object& schema();

}  // namespace qt::config
