// What accounts takes from the configuration.
#include <catch2/catch.hpp>

#include "domain/accounts/settings.hpp"

using namespace qt::accounts;

TEST_CASE("behind https the session cookie is __Host- prefixed and Secure", "[accounts][settings]") {
  qt::config::Config c;
  c.server.public_url = "https://quartier.musterstadt.de/";
  auto s = settings_from(c);
  CHECK(s.cookie_name == "__Host-quartier_session");
  CHECK(s.secure_cookie);
  CHECK(s.public_url == "https://quartier.musterstadt.de");
  c.server.public_url = "";
  s = settings_from(c);
  CHECK(s.cookie_name == "quartier_session");
  CHECK_FALSE(s.secure_cookie);
}

TEST_CASE("timeouts and limits come from [auth]", "[accounts][settings]") {
  qt::config::Config c;
  c.auth.session_idle_minutes = 30;
  c.auth.session_absolute_days = 2;
  c.auth.login_attempts_per_ip_5min = 7;
  c.auth.login_attempts_per_account_hour = 9;
  c.auth.registrations_per_ip_30min = 3;
  c.auth.resets_per_address_30min = 4;
  c.auth.confirm_token_hours = 24;
  c.auth.reset_token_hours = 1;
  c.auth.registration = "approval";
  const auto s = settings_from(c);
  CHECK(s.idle_ms == 30LL * 60 * 1000);
  CHECK(s.absolute_ms == 2LL * 24 * 60 * 60 * 1000);
  CHECK(s.login_per_ip.max == 7);
  CHECK(s.login_per_ip.window == std::chrono::minutes(5));
  CHECK(s.login_per_account.max == 9);
  CHECK(s.login_per_account.window == std::chrono::hours(1));
  CHECK(s.register_per_ip.max == 3);
  CHECK(s.reset_per_address.max == 4);
  CHECK(s.confirm_token_ms == 24LL * 60 * 60 * 1000);
  CHECK(s.reset_token_ms == 60LL * 60 * 1000);
  CHECK(s.registration_default == "approval");
  const auto o = outbox_settings_from(c);
  CHECK(o.smtp.url.empty());
  CHECK(o.max_attempts == c.mail.max_attempts);
}
