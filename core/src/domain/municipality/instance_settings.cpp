#include "domain/municipality/instance_settings.hpp"

#include "domain/credentials/tokens.hpp"

namespace qt::accounts {

std::optional<std::string> get_setting(soci::session& s, const std::string& key) {
  std::string value;
  s << "SELECT value FROM instance_settings WHERE key = :k", soci::use(key), soci::into(value);
  if (!s.got_data()) return std::nullopt;
  return value;
}

void put_setting(soci::session& s, const std::string& key, const std::string& value, std::int64_t now) {
  const long long t = now;
  s << "INSERT INTO instance_settings (key, value, updated_at) VALUES (:k, :v, :t) "
       "ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
      soci::use(key), soci::use(value), soci::use(t);
}

std::string registration_mode(soci::session& s, const std::string& config_default) {
  auto v = get_setting(s, "accounts.registration");
  if (v && valid_registration_mode(*v)) return *v;
  return valid_registration_mode(config_default) ? config_default : "open";
}

bool valid_registration_mode(const std::string& mode) {
  return mode == "open" || mode == "invite" || mode == "approval";
}

std::string ip_hash_salt(soci::session& s, std::int64_t now) {
  if (auto v = get_setting(s, "accounts.ip_hash_salt")) return *v;
  const std::string salt = random_token();
  const long long t = now;
  s << "INSERT INTO instance_settings (key, value, updated_at) VALUES ('accounts.ip_hash_salt', :v, :t) "
       "ON CONFLICT (key) DO NOTHING",
      soci::use(salt), soci::use(t);
  return get_setting(s, "accounts.ip_hash_salt").value_or(salt);
}

std::string instance_secret(soci::session& s, const std::string& key, std::int64_t now) {
  if (auto v = get_setting(s, key)) return *v;
  const std::string secret = random_token();
  const long long t = now;
  s << "INSERT INTO instance_settings (key, value, updated_at) VALUES (:k, :v, :t) ON CONFLICT (key) DO NOTHING",
      soci::use(key), soci::use(secret), soci::use(t);
  return get_setting(s, key).value_or(secret);  // another node may have been first
}

}  // namespace qt::accounts
