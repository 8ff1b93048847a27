// Loading valid configurations: defaults, a file setting every key, the shipped example.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "platform/config/config.hpp"
#include "temp_dir.hpp"

using namespace qt::config;

namespace {

Config load(std::string_view toml, const Environment& env = {}) {
  try {
    return load_string(toml, "quartier.toml", env);
  } catch (const ConfigError& e) {
    FAIL("unexpected ConfigError:\n" << e.what());
    throw;
  }
}

// Every key set to something other than its default.
constexpr std::string_view kFullFile = R"(
[server]
listen = "0.0.0.0:9090"
threads = 4
max_header_bytes = 32768
max_body_bytes = 10485760
read_timeout_seconds = 60
shutdown_grace_seconds = 20
web_root = "/srv/quartier/web"
public_url = "https://quartier.musterstadt.de"
access_log = false

[database]
url = "postgresql://quartier@db.internal:5432/quartier"
synchronous = "NORMAL"
busy_timeout_ms = 10000
pool_size = 8
auto_migrate = false

[plugins]
dir = "/usr/lib/quartier/plugins"
enabled = ["groups", "calendar"]

[plugins.groups]
max_members = 500
name = "Gruppen"

[plugins.calendar]
feeds = ["https://example.de/a.ics"]
[plugins.calendar.colors]
public = "#00ff00"

[municipality]
name = "Neustadt"
languages = ["de", "en", "tr"]
default_language = "tr"

[log]
level = "debug"
format = "text"

[auth]
registration = "approval"
session_idle_minutes = 60
session_absolute_days = 7
login_attempts_per_ip_5min = 50
login_attempts_per_account_hour = 10
registrations_per_ip_30min = 3
resets_per_address_30min = 2
confirm_token_hours = 72
reset_token_hours = 1
breached_passwords_file = "/etc/quartier/breached.txt"

[mail]
smtp_url = "smtps://mail.musterstadt.de:465"
smtp_user = "quartier"
smtp_password = "s3cret"
from = "Quartier Neustadt <quartier@neustadt.de>"
outbox_dir = "/var/lib/quartier/outbox"
max_attempts = 3
)";

}  // namespace

TEST_CASE("config: an empty file gives the defaults of config.hpp", "[config]") {
  const Config c = load("");
  CHECK(c.server.listen == "127.0.0.1:8080");
  CHECK(c.server.host == "127.0.0.1");
  CHECK(c.server.port == 8080);
  CHECK(c.server.threads == 0);
  CHECK(c.server.max_header_bytes == 16 * 1024);
  CHECK(c.server.max_body_bytes == 1024 * 1024);
  CHECK(c.server.read_timeout_seconds == 30);
  CHECK(c.server.shutdown_grace_seconds == 10);
  CHECK(c.server.web_root.empty());
  CHECK(c.server.public_url.empty());
  CHECK(c.server.access_log);
  CHECK(c.database.url == "sqlite:data/quartier.db");
  CHECK(c.database.synchronous == "FULL");
  CHECK(c.database.busy_timeout_ms == 5000);
  CHECK(c.database.pool_size == 0);
  CHECK(c.database.auto_migrate);
  CHECK(c.plugins.dir.empty());
  CHECK(c.plugins.enabled.empty());
  CHECK(c.plugins.sections.empty());
  CHECK(c.municipality.name == "Musterstadt");
  CHECK(c.municipality.languages == std::vector<std::string>{"de", "en"});
  CHECK(c.municipality.default_language == "de");
  CHECK(c.log.level == "info");
  CHECK(c.log.format == "json");
  CHECK(c.auth.registration == "open");
  CHECK(c.auth.session_idle_minutes == 1440);
  CHECK(c.auth.session_absolute_days == 30);
  CHECK(c.auth.login_attempts_per_ip_5min == 25);
  CHECK(c.auth.login_attempts_per_account_hour == 25);
  CHECK(c.auth.registrations_per_ip_30min == 5);
  CHECK(c.auth.resets_per_address_30min == 5);
  CHECK(c.auth.confirm_token_hours == 48);
  CHECK(c.auth.reset_token_hours == 2);
  CHECK(c.auth.breached_passwords_file.empty());
  CHECK(c.mail.smtp_url.empty());
  CHECK(c.mail.smtp_user.empty());
  CHECK(c.mail.smtp_password.empty());
  CHECK(c.mail.from == "Quartier <noreply@localhost>");
  CHECK(c.mail.outbox_dir == "data/mail-outbox");
  CHECK(c.mail.max_attempts == 8);
  CHECK(c.source == "quartier.toml");
}

TEST_CASE("config: schema defaults and struct initialisers agree", "[config]") {
  // Config{} is what code gets without loading; the schema is what loading applies.
  CHECK(to_json(Config{}, true) == to_json(defaults(), true));
  CHECK(defaults().source.empty());
}

TEST_CASE("config: a file setting every key fills every member", "[config]") {
  const Config c = load(kFullFile);
  CHECK(c.server.listen == "0.0.0.0:9090");
  CHECK(c.server.host == "0.0.0.0");
  CHECK(c.server.port == 9090);
  CHECK(c.server.threads == 4);
  CHECK(c.server.max_header_bytes == 32768);
  CHECK(c.server.max_body_bytes == 10485760);
  CHECK(c.server.read_timeout_seconds == 60);
  CHECK(c.server.shutdown_grace_seconds == 20);
  CHECK(c.server.web_root == "/srv/quartier/web");
  CHECK(c.server.public_url == "https://quartier.musterstadt.de");
  CHECK_FALSE(c.server.access_log);
  CHECK(c.database.url == "postgresql://quartier@db.internal:5432/quartier");
  CHECK(c.database.synchronous == "NORMAL");
  CHECK(c.database.busy_timeout_ms == 10000);
  CHECK(c.database.pool_size == 8);
  CHECK_FALSE(c.database.auto_migrate);
  CHECK(c.plugins.dir == "/usr/lib/quartier/plugins");
  CHECK(c.plugins.enabled == std::vector<std::string>{"groups", "calendar"});
  CHECK(c.municipality.name == "Neustadt");
  CHECK(c.municipality.languages == std::vector<std::string>{"de", "en", "tr"});
  CHECK(c.municipality.default_language == "tr");
  CHECK(c.log.level == "debug");
  CHECK(c.log.format == "text");
  CHECK(c.auth.registration == "approval");
  CHECK(c.auth.session_idle_minutes == 60);
  CHECK(c.auth.session_absolute_days == 7);
  CHECK(c.auth.login_attempts_per_ip_5min == 50);
  CHECK(c.auth.login_attempts_per_account_hour == 10);
  CHECK(c.auth.registrations_per_ip_30min == 3);
  CHECK(c.auth.resets_per_address_30min == 2);
  CHECK(c.auth.confirm_token_hours == 72);
  CHECK(c.auth.reset_token_hours == 1);
  CHECK(c.auth.breached_passwords_file == "/etc/quartier/breached.txt");
  CHECK(c.mail.smtp_url == "smtps://mail.musterstadt.de:465");
  CHECK(c.mail.smtp_user == "quartier");
  CHECK(c.mail.smtp_password == "s3cret");
  CHECK(c.mail.from == "Quartier Neustadt <quartier@neustadt.de>");
  CHECK(c.mail.outbox_dir == "/var/lib/quartier/outbox");
  CHECK(c.mail.max_attempts == 3);
}

TEST_CASE("config: plugin sections pass through as JSON objects", "[config]") {
  const Config c = load(kFullFile);
  REQUIRE(c.plugins.sections.size() == 2);
  const auto& groups = c.plugins.sections.at("groups");
  CHECK(groups.at("max_members").as_int64() == 500);
  CHECK(groups.at("name").as_string() == "Gruppen");
  const auto& calendar = c.plugins.sections.at("calendar");
  CHECK(calendar.at("feeds").as_array().at(0).as_string() == "https://example.de/a.ics");
  CHECK(calendar.at("colors").as_object().at("public").as_string() == "#00ff00");

  // Dates and floats too; a section for a plugin that is not enabled is kept for later.
  const Config d = load("[plugins.market]\nopens = 2024-05-01T08:00:00Z\nfee = 2.5\nlive = true\n");
  const auto& market = d.plugins.sections.at("market");
  CHECK(market.at("opens").as_string() == "2024-05-01T08:00:00Z");
  CHECK(market.at("fee").as_double() == 2.5);
  CHECK(market.at("live").as_bool());
  CHECK(d.plugins.enabled.empty());
}

TEST_CASE("config: listen forms", "[config]") {
  auto listen = [](std::string_view value) {
    return load("[server]\nlisten = \"" + std::string(value) + "\"\n").server;
  };
  CHECK(listen("[::1]:8443").host == "::1");
  CHECK(listen("[::1]:8443").port == 8443);
  CHECK(listen("[::]:0").host == "::");
  CHECK(listen("[::]:0").port == 0);
  CHECK(listen("localhost:65535").host == "127.0.0.1");
  CHECK(listen("localhost:65535").port == 65535);
  CHECK(listen("10.1.2.3:80").host == "10.1.2.3");
}

TEST_CASE("config: database urls", "[config]") {
  for (const char* url : {"sqlite:data/q.db", "sqlite:/var/lib/quartier/q.db", "sqlite::memory:",
                          "postgresql://q@localhost/q", "postgres://q:pw@db:5432/q?sslmode=require"}) {
    INFO(url);
    CHECK(load(std::string("[database]\nurl = \"") + url + "\"\n").database.url == url);
  }
}

TEST_CASE("config: the example file loads and holds every key at its default", "[config]") {
  const std::filesystem::path example = std::filesystem::path(QUARTIER_SOURCE_DIR) / "schemas/quartier.example.toml";
  const Config c = load_file(example, {});
  CHECK(c.source == example);
  CHECK(to_json(c, true) == to_json(defaults(), true));
  CHECK(c.database.url == "sqlite:data/quartier.db");
  CHECK(c.server.listen == "127.0.0.1:8080");

  // Every schema key is written out (not only implied by defaults), in schema order.
  std::ifstream in(example);
  std::stringstream text;
  text << in.rdbuf();
  const std::string body = text.str();
  std::size_t last = 0;
  for (const auto& [section, keys] : schema().at("properties").as_object()) {
    const std::string header = "\n[" + std::string(section) + "]\n";
    const auto at = body.find(header);
    INFO(header);
    REQUIRE(at != std::string::npos);
    CHECK(at > last);
    last = at;
    for (const auto& [key, ignored] : keys.as_object().at("properties").as_object()) {
      const auto pos = body.find("\n" + std::string(key) + " = ", last);
      INFO("key " << key);
      REQUIRE(pos != std::string::npos);
      CHECK(pos > last);
      last = pos;
    }
  }
}

TEST_CASE("config: load_file reads a file and names a missing one", "[config]") {
  qt::test::TempDir dir;
  const auto file = dir.write("q.toml", "[server]\nthreads = 3\n");
  CHECK(load_file(file, {}).server.threads == 3);
  CHECK(load_file(file, {}).source == file);
  try {
    load_file(dir / "missing.toml", {});
    FAIL("expected ConfigError");
  } catch (const ConfigError& e) {
    REQUIRE(e.problems().size() == 1);
    CHECK_THAT(e.problems()[0], Catch::StartsWith((dir / "missing.toml").string() + ": cannot read the configuration file"));
  }
}

TEST_CASE("config: to_json hides secrets unless asked", "[config]") {
  const Config c = load("[mail]\nsmtp_password = \"s3cret\"\n[database]\nurl = \"postgresql://q:pw@db/q\"\n");
  const auto shown = to_json(c);
  CHECK(shown.at("mail").at("smtp_password").as_string() == "***");
  CHECK(shown.at("database").at("url").as_string() == "postgresql://q:***@db/q");
  const auto full = to_json(c, true);
  CHECK(full.at("mail").at("smtp_password").as_string() == "s3cret");
  CHECK(full.at("database").at("url").as_string() == "postgresql://q:pw@db/q");
  CHECK(to_json(defaults()).at("mail").at("smtp_password").as_string().empty());
}
