// The configuration fingerprint that nodes on one database compare: which keys count, secrets only
// as a hash, and the differences named by key.
#include <catch2/catch.hpp>

#include "app/cluster_config.hpp"
#include "platform/config/config.hpp"

using namespace qt;

namespace {

config::Config load(const std::string& toml) { return config::load_string(toml, "test.toml", {}); }

}  // namespace

TEST_CASE("cluster config: per-node keys are left out, the rest compared by key", "[cluster]") {
  const auto a = app::fingerprint(load("[server]\nlisten = \"127.0.0.1:8080\"\n[auth]\nlogin_attempts_per_ip_5min = 25\n"));
  const auto b = app::fingerprint(load("[server]\nlisten = \"127.0.0.1:9090\"\n[auth]\nlogin_attempts_per_ip_5min = 10\n"));
  CHECK_FALSE(a.contains("server.listen"));
  CHECK_FALSE(a.contains("database.url"));
  CHECK(a.at("auth.login_attempts_per_ip_5min") == "25");
  const auto d = app::differences(a, b);
  REQUIRE(d.size() == 1);
  CHECK(d[0].key == "auth.login_attempts_per_ip_5min");
  CHECK(d[0].here == "25");
  CHECK(d[0].there == "10");
  CHECK(app::differences(a, a).empty());
}

TEST_CASE("cluster config: secrets and plugin settings only as a hash", "[cluster]") {
  const auto a = app::fingerprint(load("[mail]\nsmtp_password = \"Geheim-1\"\n[plugins.video]\nturn_secret = \"Kanal-1\"\n"));
  const auto b = app::fingerprint(load("[mail]\nsmtp_password = \"Geheim-2\"\n[plugins.video]\nturn_secret = \"Kanal-1\"\n"));
  for (const auto& [k, v] : a) {
    INFO(k << " = " << v);
    CHECK(v.find("Geheim") == std::string::npos);
    CHECK(v.find("Kanal") == std::string::npos);
  }
  CHECK(a.at("mail.smtp_password").rfind("secret:", 0) == 0);
  CHECK(a.at("plugins.video.turn_secret") == b.at("plugins.video.turn_secret"));
  const auto d = app::differences(a, b);
  REQUIRE(d.size() == 1);
  CHECK(d[0].key == "mail.smtp_password");
}

TEST_CASE("cluster config: a key set on one side only is a difference", "[cluster]") {
  const auto a = app::fingerprint(load("[plugins.hello_c]\ngreeting = \"Moin\"\n"));
  const auto b = app::fingerprint(load(""));
  const auto d = app::differences(a, b);
  REQUIRE(d.size() == 1);
  CHECK(d[0].key == "plugins.hello_c.greeting");
  CHECK(d[0].there.empty());
}
