// QUARTIER_<SECTION>_<KEY> environment overrides.
#include <catch2/catch.hpp>

#include <cstdlib>

#include "platform/config/config.hpp"

using namespace qt::config;

namespace {

Config load(std::string_view toml, const Environment& env) {
  try {
    return load_string(toml, "quartier.toml", env);
  } catch (const ConfigError& e) {
    FAIL("unexpected ConfigError:\n" << e.what());
    throw;
  }
}

std::vector<std::string> problems_of(std::string_view toml, const Environment& env) {
  try {
    load_string(toml, "quartier.toml", env);
  } catch (const ConfigError& e) {
    return e.problems();
  }
  FAIL("expected a ConfigError");
  return {};
}

}  // namespace

TEST_CASE("config env: every type of override wins over the file", "[config]") {
  const Config c = load("[server]\nlisten = \"127.0.0.1:8080\"\nthreads = 2\n[plugins]\nenabled = [\"market\"]\n",
                        {{"QUARTIER_SERVER_LISTEN", "[::]:9000"},
                         {"QUARTIER_SERVER_THREADS", "8"},
                         {"QUARTIER_SERVER_MAX_BODY_BYTES", "5000000000"},
                         {"QUARTIER_SERVER_ACCESS_LOG", "false"},
                         {"QUARTIER_DATABASE_URL", "postgresql://q@db/q"},
                         {"QUARTIER_DATABASE_AUTO_MIGRATE", "0"},
                         {"QUARTIER_PLUGINS_ENABLED", "groups, files"},
                         {"QUARTIER_MUNICIPALITY_NAME", "Neustadt an der Weinstraße"},
                         {"QUARTIER_MUNICIPALITY_LANGUAGES", "de,en,tr"},
                         {"QUARTIER_MUNICIPALITY_DEFAULT_LANGUAGE", "tr"},
                         {"QUARTIER_AUTH_SESSION_IDLE_MINUTES", "60"},
                         {"QUARTIER_MAIL_SMTP_PASSWORD", " with spaces "},
                         {"QUARTIER_CONFIG", "/etc/quartier/quartier.toml"},
                         {"QUARTIER_TEST_PG_URL", "postgresql://whatever"}});
  CHECK(c.server.listen == "[::]:9000");
  CHECK(c.server.host == "::");
  CHECK(c.server.port == 9000);
  CHECK(c.server.threads == 8);
  CHECK(c.server.max_body_bytes == 5000000000);
  CHECK_FALSE(c.server.access_log);
  CHECK(c.database.url == "postgresql://q@db/q");
  CHECK_FALSE(c.database.auto_migrate);
  CHECK(c.plugins.enabled == std::vector<std::string>{"groups", "files"});
  CHECK(c.municipality.name == "Neustadt an der Weinstraße");
  CHECK(c.municipality.languages == std::vector<std::string>{"de", "en", "tr"});
  CHECK(c.municipality.default_language == "tr");
  CHECK(c.auth.session_idle_minutes == 60);
  CHECK(c.mail.smtp_password == " with spaces ");
}

TEST_CASE("config env: booleans and empty lists", "[config]") {
  for (const auto& [text, expected] : std::vector<std::pair<std::string, bool>>{
           {"true", true}, {"TRUE", true}, {"1", true}, {"false", false}, {"False", false}, {"0", false}}) {
    INFO(text);
    CHECK(load("", {{"QUARTIER_SERVER_ACCESS_LOG", text}}).server.access_log == expected);
  }
  CHECK(load("[plugins]\nenabled = [\"groups\"]\n", {{"QUARTIER_PLUGINS_ENABLED", ""}}).plugins.enabled.empty());
}

TEST_CASE("config env: overrides are validated like file values", "[config]") {
  CHECK(problems_of("", {{"QUARTIER_SERVER_THREADS", "-1"}}) ==
        std::vector<std::string>{"environment QUARTIER_SERVER_THREADS: [server] threads = -1: must be at least 0 (0 = one per core)"});
  CHECK(problems_of("", {{"QUARTIER_SERVER_LISTEN", "nowhere"}}) ==
        std::vector<std::string>{"environment QUARTIER_SERVER_LISTEN: [server] listen = \"nowhere\": the port is missing; "
                                 "write host:port, e.g. 127.0.0.1:8080, 0.0.0.0:8080, [::1]:8080 or localhost:8080"});
  CHECK(problems_of("", {{"QUARTIER_PLUGINS_ENABLED", "groups,groups"}}) ==
        std::vector<std::string>{"environment QUARTIER_PLUGINS_ENABLED: [plugins] enabled = [\"groups\", \"groups\"]: "
                                 "must not list \"groups\" more than once"});
  CHECK(problems_of("", {{"QUARTIER_PLUGINS_ENABLED", "groups,Bad Name"}}) ==
        std::vector<std::string>{"environment QUARTIER_PLUGINS_ENABLED: [plugins] enabled[1] = \"Bad Name\": must match "
                                 "^[a-z][a-z0-9_]{0,31}$ (a plugin name: lower-case letter, then up to 31 lower-case "
                                 "letters, digits or _)"});
  CHECK(problems_of("", {{"QUARTIER_MUNICIPALITY_DEFAULT_LANGUAGE", "fr"}}) ==
        std::vector<std::string>{"environment QUARTIER_MUNICIPALITY_DEFAULT_LANGUAGE: [municipality] default_language = "
                                 "\"fr\": must be one of languages (\"de\", \"en\")"});
}

TEST_CASE("config env: bad values name the variable", "[config]") {
  const auto p = problems_of("", {{"QUARTIER_SERVER_THREADS", "four"},
                                  {"QUARTIER_SERVER_ACCESS_LOG", "yes"},
                                  {"QUARTIER_AUTH_RESET_TOKEN_HOURS", "2h"},
                                  {"QUARTIER_MAIL_MAX_ATTEMPTS", ""}});
  CHECK(p == std::vector<std::string>{
                 "environment QUARTIER_AUTH_RESET_TOKEN_HOURS: [auth] reset_token_hours = \"2h\": must be an integer",
                 "environment QUARTIER_MAIL_MAX_ATTEMPTS: [mail] max_attempts = \"\": must be an integer",
                 "environment QUARTIER_SERVER_ACCESS_LOG: [server] access_log = \"yes\": must be true, false, 1 or 0",
                 "environment QUARTIER_SERVER_THREADS: [server] threads = \"four\": must be an integer"});
}

TEST_CASE("config env: unknown QUARTIER_ variables are errors", "[config]") {
  CHECK(problems_of("", {{"QUARTIER_SERVER_LISEN", "x"}}) ==
        std::vector<std::string>{"environment QUARTIER_SERVER_LISEN: unknown variable (did you mean "
                                 "QUARTIER_SERVER_LISTEN?); overrides are named QUARTIER_<SECTION>_<KEY> for a key of the schema"});
  CHECK(problems_of("", {{"QUARTIER_FOO", "x"}}) ==
        std::vector<std::string>{"environment QUARTIER_FOO: unknown variable; overrides are named "
                                 "QUARTIER_<SECTION>_<KEY> for a key of the schema"});
  // Lower-case is not the same variable.
  CHECK(problems_of("", {{"QUARTIER_server_threads", "2"}}).size() == 1);
  // Other variables are none of our business.
  CHECK(load("", {{"HOME", "/root"}, {"QUARTIERX", "1"}}).server.threads == 0);
}

TEST_CASE("config env: process_environment collects QUARTIER_ variables only", "[config]") {
  ::setenv("QUARTIER_LOG_FORMAT", "text", 1);
  ::setenv("QUARTIER_CONFIG", "/tmp/x.toml", 1);
  ::setenv("QUARTIER_TEST_SOMETHING", "1", 1);
  const Environment env = process_environment();
  ::unsetenv("QUARTIER_LOG_FORMAT");
  ::unsetenv("QUARTIER_CONFIG");
  ::unsetenv("QUARTIER_TEST_SOMETHING");
  CHECK(env.at("QUARTIER_LOG_FORMAT") == "text");
  CHECK(env.count("QUARTIER_CONFIG") == 0);
  CHECK(env.count("QUARTIER_TEST_SOMETHING") == 0);
  for (const auto& [name, value] : env) CHECK(name.rfind("QUARTIER_", 0) == 0);
  CHECK(load("", env).log.format == "text");
}

TEST_CASE("config env: plugin tables are not overridable and say so", "[config]") {
  CHECK(problems_of("", {{"QUARTIER_PLUGINS_GROUPS_MAX_MEMBERS", "5"}}) ==
        std::vector<std::string>{"environment QUARTIER_PLUGINS_GROUPS_MAX_MEMBERS: unknown variable; overrides are "
                                 "named QUARTIER_<SECTION>_<KEY> for a key of the schema (only [plugins] dir, "
                                 "enabled and call_warn_ms; [plugins.<name>] tables are set in the file)"});
  CHECK(problems_of("", {{"QUARTIER_PLUGIN_ENABLED", "groups"}}) ==
        std::vector<std::string>{"environment QUARTIER_PLUGIN_ENABLED: unknown variable (did you mean "
                                 "QUARTIER_PLUGINS_ENABLED?); overrides are named QUARTIER_<SECTION>_<KEY> for a key of the schema"});
}
