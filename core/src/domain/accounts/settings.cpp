#include "domain/accounts/settings.hpp"

#include <algorithm>

namespace qt::accounts {

Settings settings_from(const config::Config& c) {
  Settings s;
  s.public_url = c.server.public_url;
  while (!s.public_url.empty() && s.public_url.back() == '/') s.public_url.pop_back();
  s.link_base = s.public_url;
  s.secure_cookie = s.public_url.rfind("https://", 0) == 0;
  s.cookie_name = s.secure_cookie ? "__Host-quartier_session" : "quartier_session";
  s.municipality = c.municipality.name;
  s.languages = c.municipality.languages;
  s.default_language = c.municipality.default_language;
  s.idle_ms = static_cast<std::int64_t>(c.auth.session_idle_minutes) * 60 * 1000;
  s.absolute_ms = static_cast<std::int64_t>(c.auth.session_absolute_days) * 24 * 60 * 60 * 1000;
  s.registration_default = c.auth.registration;
  s.login_per_ip = {c.auth.login_attempts_per_ip_5min, std::chrono::minutes(5)};
  s.api_per_user = {c.auth.api_requests_per_user_5min, std::chrono::minutes(5)};
  s.login_per_account = {c.auth.login_attempts_per_account_hour, std::chrono::hours(1)};
  s.register_per_ip = {c.auth.registrations_per_ip_30min, std::chrono::minutes(30)};
  s.reset_per_address = {c.auth.resets_per_address_30min, std::chrono::minutes(30)};
  s.confirm_mail_per_address = {c.auth.resets_per_address_30min, std::chrono::minutes(30)};
  s.email_change_per_user = {c.auth.resets_per_address_30min, std::chrono::minutes(30)};
  s.confirm_token_ms = static_cast<std::int64_t>(c.auth.confirm_token_hours) * 60 * 60 * 1000;
  s.reset_token_ms = static_cast<std::int64_t>(c.auth.reset_token_hours) * 60 * 60 * 1000;
  s.breached_passwords_file = c.auth.breached_passwords_file;
  s.avatars.dir = c.media.dir;
  // The avatar route takes bodies up to this size whatever [server] max_body_bytes says (the
  // route's own limit, see routes_avatar.cpp): phone photos are larger than JSON.
  s.avatars.limits.max_bytes = c.media.max_upload_bytes;
  s.avatars.limits.max_pixels = c.media.max_pixels;
  s.avatars.format = media::image_format_from(c.media.avatar_format);
  return s;
}

mail::OutboxSettings outbox_settings_from(const config::Config& c) {
  mail::OutboxSettings o;
  o.smtp.url = c.mail.smtp_url;
  o.smtp.username = c.mail.smtp_user;
  o.smtp.password = c.mail.smtp_password;
  o.from = c.mail.from;
  o.outbox_dir = c.mail.outbox_dir;
  o.max_attempts = c.mail.max_attempts;
  return o;
}

}  // namespace qt::accounts
