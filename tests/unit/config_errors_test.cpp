// Every kind of configuration mistake, reported as one ConfigError with one line per problem.
#include <catch2/catch.hpp>

#include "platform/config/config.hpp"

using namespace qt::config;

namespace {

std::vector<std::string> problems_of(std::string_view toml, const Environment& env = {}) {
  try {
    load_string(toml, "quartier.toml", env);
  } catch (const ConfigError& e) {
    return e.problems();
  }
  FAIL("expected a ConfigError for:\n" << toml);
  return {};
}

std::string only_problem(std::string_view toml) {
  const auto p = problems_of(toml);
  INFO(Catch::Detail::stringify(p));
  REQUIRE(p.size() == 1);
  return p[0];
}

}  // namespace

TEST_CASE("config errors: syntax error names file and line", "[config]") {
  const auto p = only_problem("[server]\nthreads = 4\nlisten = \"127.0.0.1:80\n");
  CHECK_THAT(p, Catch::StartsWith("quartier.toml:3: syntax error: "));
}

TEST_CASE("config errors: unknown key with a suggestion and the allowed keys", "[config]") {
  CHECK(only_problem("\n\n[server]\nlisen = \"0.0.0.0:80\"\n") ==
        "quartier.toml:4: [server] lisen: unknown key (did you mean listen?); allowed keys: listen, threads, "
        "max_header_bytes, max_body_bytes, read_timeout_seconds, shutdown_grace_seconds, drain_seconds, web_root, "
        "public_url, access_log, trusted_proxies, max_connections, max_connections_per_address, metrics_token, development");
  // No suggestion when nothing is close.
  CHECK(only_problem("[log]\ncolour = true\n") == "quartier.toml:2: [log] colour: unknown key; allowed keys: level, format");
}

TEST_CASE("config errors: unknown section and keys outside any section", "[config]") {
  CHECK(only_problem("[sever]\nlisten = \"x\"\n") ==
        "quartier.toml:1: [sever]: unknown section (did you mean [server]?); allowed sections: [server], [database], "
        "[plugins], [municipality], [log], [auth], [mail], [media], [push]");
  CHECK(only_problem("threads = 4\n") ==
        "quartier.toml:1: threads = 4: key outside any section; it belongs under [server]");
}

TEST_CASE("config errors: wrong type", "[config]") {
  CHECK(only_problem("[server]\nthreads = \"four\"\n") ==
        "quartier.toml:2: [server] threads = \"four\": must be an integer, not a string (0 = one per core)");
  CHECK(only_problem("[server]\naccess_log = \"yes\"\n") ==
        "quartier.toml:2: [server] access_log = \"yes\": must be true or false, not a string");
  CHECK(only_problem("[server]\nthreads = 2.0\n") ==
        "quartier.toml:2: [server] threads = 2.0: must be an integer, not a float (0 = one per core)");
  CHECK(only_problem("[plugins]\nenabled = \"groups\"\n") ==
        "quartier.toml:2: [plugins] enabled = \"groups\": must be an array [...], not a string");
  CHECK(only_problem("server = 5\n") == "quartier.toml:1: [server]: must be a table, not an integer");
  CHECK(only_problem("[plugins]\ngroups = 5\n") ==
        "quartier.toml:2: [plugins] groups = 5: must be a table, not an integer ([plugins.<name>] holds the "
        "settings of plugin <name>)");
}

TEST_CASE("config errors: out of range", "[config]") {
  CHECK(only_problem("[server]\n\n\n\n\n\nthreads = -2\n") ==
        "quartier.toml:7: [server] threads = -2: must be at least 0 (0 = one per core)");
  CHECK(only_problem("[auth]\nsession_idle_minutes = 4\n") ==
        "quartier.toml:2: [auth] session_idle_minutes = 4: must be at least 5");
  CHECK(only_problem("[server]\nmax_body_bytes = 99999999999999\n") ==
        "quartier.toml:2: [server] max_body_bytes = 99999999999999: must be at most 17179869184 (1 KiB to 16 GiB)");
  CHECK(only_problem("[municipality]\nname = \"\"\n") ==
        "quartier.toml:2: [municipality] name = \"\": must not be empty");
}

TEST_CASE("config errors: value not in the enum", "[config]") {
  CHECK(only_problem("[log]\nlevel = \"verbose\"\n") ==
        "quartier.toml:2: [log] level = \"verbose\": must be one of \"debug\", \"info\", \"warn\" or \"error\"");
  CHECK(only_problem("[auth]\nregistration = \"closed\"\n") ==
        "quartier.toml:2: [auth] registration = \"closed\": must be one of \"open\", \"invite\" or \"approval\"");
}

TEST_CASE("config errors: listen that is not host:port", "[config]") {
  const std::string advice = "; write host:port, e.g. 127.0.0.1:8080, 0.0.0.0:8080, [::1]:8080 or localhost:8080";
  auto problem = [](std::string_view listen) {
    return only_problem("[server]\nlisten = \"" + std::string(listen) + "\"\n");
  };
  CHECK(problem("127.0.0.1") == "quartier.toml:2: [server] listen = \"127.0.0.1\": the port is missing" + advice);
  CHECK(problem("127.0.0.1:70000") ==
        "quartier.toml:2: [server] listen = \"127.0.0.1:70000\": the port must be a number from 0 to 65535" + advice);
  CHECK(problem("example.org:80") ==
        "quartier.toml:2: [server] listen = \"example.org:80\": \"example.org\" is neither an IPv4 address nor localhost" +
            advice);
  CHECK(problem("::1:80") ==
        "quartier.toml:2: [server] listen = \"::1:80\": an IPv6 address needs brackets: [address]:port" + advice);
  CHECK(problem("[::g]:80") == "quartier.toml:2: [server] listen = \"[::g]:80\": \"::g\" is not an IPv6 address" + advice);
  CHECK(problem("[::1]80") == "quartier.toml:2: [server] listen = \"[::1]80\": an IPv6 address is written [address]:port" + advice);
  CHECK(problem(":80") ==
        "quartier.toml:2: [server] listen = \":80\": the host is missing (0.0.0.0 listens on every IPv4 address)" + advice);
  CHECK(problem("1.2.3.4:8x") == "quartier.toml:2: [server] listen = \"1.2.3.4:8x\": the port must be a number from 0 to 65535" + advice);
}

TEST_CASE("config errors: database url", "[config]") {
  CHECK(only_problem("[database]\nurl = \"mysql://q@db/q\"\n") ==
        "quartier.toml:2: [database] url = \"mysql://q@db/q\": must match ^(sqlite:.+|postgres(ql)?://.+)$ "
        "(sqlite:<file path> or postgresql://user@host:port/database)");
  CHECK_THAT(only_problem("[database]\nurl = \"sqlite:\"\n"), Catch::StartsWith("quartier.toml:2: [database] url = \"sqlite:\": must match"));
  // A password in a rejected url is not echoed.
  CHECK_THAT(only_problem("[database]\nurl = \"postgresq://q:topsecret@db/q\"\n"),
             Catch::StartsWith("quartier.toml:2: [database] url = \"postgresq://q:***@db/q\": must match"));
}

TEST_CASE("config errors: enabled plugins must be unique and name-shaped", "[config]") {
  CHECK(only_problem("[plugins]\nenabled = [\"groups\", \"files\", \"groups\"]\n") ==
        "quartier.toml:2: [plugins] enabled = [\"groups\", \"files\", \"groups\"]: must not list \"groups\" more than once");
  CHECK(only_problem("[plugins]\nenabled = [\"groups\", \"Files\"]\n") ==
        "quartier.toml:2: [plugins] enabled[1] = \"Files\": must match ^[a-z][a-z0-9_]{0,31}$ (a plugin name: "
        "lower-case letter, then up to 31 lower-case letters, digits or _)");
  CHECK(only_problem("[plugins.Groups]\nx = 1\n") ==
        "quartier.toml:1: [plugins.Groups]: name must match ^[a-z][a-z0-9_]{0,31}$ (a plugin name: lower-case "
        "letter, then up to 31 lower-case letters, digits or _)");
}

TEST_CASE("config errors: default_language must be one of languages", "[config]") {
  CHECK(only_problem("[municipality]\ndefault_language = \"fr\"\n") ==
        "quartier.toml:2: [municipality] default_language = \"fr\": must be one of languages (\"de\", \"en\")");
  // Only languages written: the problem points at it.
  CHECK(only_problem("[municipality]\nlanguages = [\"tr\"]\n") ==
        "quartier.toml:2: [municipality] default_language = \"de\": must be one of languages (\"tr\")");
  CHECK(only_problem("[municipality]\nlanguages = []\n") ==
        "quartier.toml:2: [municipality] languages = []: must list at least one entry");
}

TEST_CASE("config errors: secrets are not echoed", "[config]") {
  CHECK(only_problem("[mail]\nsmtp_password = 1234\n") ==
        "quartier.toml:2: [mail] smtp_password = (hidden): must be a string (in quotes), not an integer");
}

TEST_CASE("config errors: every problem at once, in file order", "[config]") {
  const auto p = problems_of(R"([server]
lisen = "0.0.0.0:80"
threads = -2
[database]
url = "mysql://x"
[log]
level = "loud"
[plugins]
enabled = ["groups", "groups"]
[municipality]
default_language = "fr"
)",
                             {{"QUARTIER_SERVER_MAX_BODY_BYTES", "lots"}, {"QUARTIER_SERVR_LISTEN", "x"}});
  INFO(Catch::Detail::stringify(p));
  REQUIRE(p.size() == 8);
  CHECK_THAT(p[0], Catch::StartsWith("quartier.toml:2: [server] lisen: unknown key"));
  CHECK_THAT(p[1], Catch::StartsWith("quartier.toml:3: [server] threads = -2: must be at least 0"));
  CHECK_THAT(p[2], Catch::StartsWith("quartier.toml:5: [database] url = \"mysql://x\": must match"));
  CHECK_THAT(p[3], Catch::StartsWith("quartier.toml:7: [log] level = \"loud\": must be one of"));
  CHECK_THAT(p[4], Catch::StartsWith("quartier.toml:9: [plugins] enabled = [\"groups\", \"groups\"]: must not list"));
  CHECK_THAT(p[5], Catch::StartsWith("quartier.toml:11: [municipality] default_language = \"fr\": must be one of languages"));
  CHECK_THAT(p[6], Catch::StartsWith("environment QUARTIER_SERVER_MAX_BODY_BYTES: [server] max_body_bytes = \"lots\": must be an integer"));
  CHECK_THAT(p[7], Catch::StartsWith("environment QUARTIER_SERVR_LISTEN: unknown variable (did you mean QUARTIER_SERVER_LISTEN?)"));

  // The exception's message is the list, one problem per line.
  try {
    load_string("[server]\nthreads = -1\n[log]\nlevel = 3\n", "q.toml", {});
    FAIL("expected ConfigError");
  } catch (const ConfigError& e) {
    CHECK(std::string(e.what()) ==
          "q.toml:2: [server] threads = -1: must be at least 0 (0 = one per core)\n"
          "q.toml:4: [log] level = 3: must be a string (in quotes), not an integer");
  }
}

TEST_CASE("config errors: a syntax error still reports bad environment values", "[config]") {
  const auto p = problems_of("[server\n", {{"QUARTIER_LOG_LEVEL", "loud"}});
  REQUIRE(p.size() == 2);
  CHECK_THAT(p[0], Catch::StartsWith("quartier.toml:1: syntax error"));
  CHECK_THAT(p[1], Catch::StartsWith("environment QUARTIER_LOG_LEVEL: [log] level = \"loud\": must be one of"));
}

TEST_CASE("config errors: url and mail address shapes", "[config]") {
  auto accepted = [](std::string_view section, std::string_view key, std::string_view value) {
    try {
      load_string("[" + std::string(section) + "]\n" + std::string(key) + " = \"" + std::string(value) + "\"\n", "q.toml", {});
      return true;
    } catch (const ConfigError&) {
      return false;
    }
  };
  CHECK(accepted("server", "public_url", "https://quartier.musterstadt.de"));
  CHECK(accepted("server", "public_url", "http://127.0.0.1:8080/quartier"));
  CHECK_FALSE(accepted("server", "public_url", "https://quartier.musterstadt.de/"));
  CHECK_FALSE(accepted("server", "public_url", "quartier.musterstadt.de"));
  CHECK_FALSE(accepted("server", "public_url", "https://x.de/?a=b"));
  CHECK(accepted("mail", "smtp_url", "smtp://127.0.0.1:2525"));
  CHECK(accepted("mail", "smtp_url", "smtps://mail.example.de:465"));
  CHECK_FALSE(accepted("mail", "smtp_url", "http://mail.example.de"));
  CHECK(accepted("mail", "from", "noreply@example.de"));
  CHECK_FALSE(accepted("mail", "from", "Quartier"));
  CHECK_FALSE(accepted("mail", "from", "a@b.de\\r\\nBcc: x@y.de"));
  CHECK_FALSE(accepted("municipality", "default_language", "German"));
}

TEST_CASE("config errors: lines inside inline tables and dotted keys", "[config]") {
  CHECK(only_problem("\nserver = { threads = -1 }\n") ==
        "quartier.toml:2: [server] threads = -1: must be at least 0 (0 = one per core)");
  CHECK(only_problem("[log]\nlevel = \"info\"\n\n[auth]\nreset_token_hours = 500\n") ==
        "quartier.toml:5: [auth] reset_token_hours = 500: must be at most 168");
  CHECK(only_problem("[server.tls]\ncert = \"x\"\n") ==
        "quartier.toml:1: [server.tls]: unknown key; allowed keys: listen, threads, max_header_bytes, max_body_bytes, "
        "read_timeout_seconds, shutdown_grace_seconds, drain_seconds, web_root, public_url, access_log, "
        "trusted_proxies, max_connections, max_connections_per_address, metrics_token, development");
}
