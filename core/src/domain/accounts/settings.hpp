#pragma once
// What accounts takes from the configuration ([auth], [mail], [server], [municipality]),
// in the units the code uses.
#include <cstdint>
#include <string>
#include <vector>

#include "domain/accounts/avatars.hpp"
#include "platform/config/config.hpp"
#include "platform/mail/outbox.hpp"
#include "platform/ratelimit/rate_limiter.hpp"

namespace qt::accounts {

struct Settings {
  std::string public_url;      // "" = derive the origin from the Host header (cross-site checks only)
  // Where links in mails point: public_url, or on a development server the listening address
  // (Accounts::set_link_base once bound). Never taken from a request's Host header.
  std::string link_base;
  bool secure_cookie = false;  // public_url is https: __Host- prefix and Secure
  std::string cookie_name = "quartier_session";
  std::string municipality = "Musterstadt";
  std::vector<std::string> languages = {"de", "en"};
  std::string default_language = "de";

  std::int64_t idle_ms = 24LL * 60 * 60 * 1000;
  std::int64_t absolute_ms = 30LL * 24 * 60 * 60 * 1000;
  std::string registration_default = "open";  // until an admin sets it at run time

  Limit login_per_ip{25, std::chrono::minutes(5)};
  Limit login_per_account{25, std::chrono::hours(1)};
  Limit register_per_ip{5, std::chrono::minutes(30)};
  Limit reset_per_address{5, std::chrono::minutes(30)};
  Limit reset_per_ip{20, std::chrono::minutes(30)};
  Limit confirm_mail_per_address{5, std::chrono::minutes(30)};
  Limit email_change_per_user{5, std::chrono::minutes(30)};
  Limit api_per_user{1500, std::chrono::minutes(5)};
  Backoff login_backoff{};

  std::int64_t confirm_token_ms = 48LL * 60 * 60 * 1000;
  std::int64_t reset_token_ms = 2LL * 60 * 60 * 1000;
  std::int64_t invitation_ms = 14LL * 24 * 60 * 60 * 1000;
  std::int64_t residence_code_ms = 365LL * 24 * 60 * 60 * 1000;
  std::string breached_passwords_file;  // extra list, one per line
  AvatarSettings avatars;
  Limit uploads_per_user{30, std::chrono::minutes(30)};
};

Settings settings_from(const config::Config& c);
mail::OutboxSettings outbox_settings_from(const config::Config& c);

}  // namespace qt::accounts
