#pragma once
// THE mapping between schema keys and struct members, used both to read a validated
// document into Config and to write Config back out as JSON. One line per key: adding a
// key means a schema entry, a struct member and a line here.
#include "platform/config/config.hpp"

namespace qt::config::detail {

template <class Config_, class Visit>
void visit_server_fields(Config_& c, Visit& f) {
  f("server", "listen", c.server.listen);
  f("server", "threads", c.server.threads);
  f("server", "max_header_bytes", c.server.max_header_bytes);
  f("server", "max_body_bytes", c.server.max_body_bytes);
  f("server", "read_timeout_seconds", c.server.read_timeout_seconds);
  f("server", "shutdown_grace_seconds", c.server.shutdown_grace_seconds);
  f("server", "drain_seconds", c.server.drain_seconds);
  f("server", "web_root", c.server.web_root);
  f("server", "public_url", c.server.public_url);
  f("server", "access_log", c.server.access_log);
  f("server", "trusted_proxies", c.server.trusted_proxies);
  f("server", "max_connections", c.server.max_connections);
  f("server", "max_connections_per_address", c.server.max_connections_per_address);
  f("server", "metrics_token", c.server.metrics_token);
  f("server", "development", c.server.development);
}

template <class Config_, class Visit>
void visit_fields(Config_& c, Visit&& f) {
  visit_server_fields(c, f);

  f("database", "url", c.database.url);
  f("database", "synchronous", c.database.synchronous);
  f("database", "busy_timeout_ms", c.database.busy_timeout_ms);
  f("database", "sqlite_mmap_mb", c.database.sqlite_mmap_mb);
  f("database", "pool_size", c.database.pool_size);
  f("database", "auto_migrate", c.database.auto_migrate);

  f("plugins", "dir", c.plugins.dir);
  f("plugins", "enabled", c.plugins.enabled);
  f("plugins", "call_warn_ms", c.plugins.call_warn_ms);
  // [plugins.<name>] tables: see plugin_sections in mapping.cpp.

  f("municipality", "name", c.municipality.name);
  f("municipality", "languages", c.municipality.languages);
  f("municipality", "default_language", c.municipality.default_language);

  f("log", "level", c.log.level);
  f("log", "format", c.log.format);

  f("auth", "registration", c.auth.registration);
  f("auth", "session_idle_minutes", c.auth.session_idle_minutes);
  f("auth", "session_absolute_days", c.auth.session_absolute_days);
  f("auth", "login_attempts_per_ip_5min", c.auth.login_attempts_per_ip_5min);
  f("auth", "login_attempts_per_account_hour", c.auth.login_attempts_per_account_hour);
  f("auth", "registrations_per_ip_30min", c.auth.registrations_per_ip_30min);
  f("auth", "resets_per_address_30min", c.auth.resets_per_address_30min);
  f("auth", "confirm_token_hours", c.auth.confirm_token_hours);
  f("auth", "reset_token_hours", c.auth.reset_token_hours);
  f("auth", "writes_per_user_10min", c.auth.writes_per_user_10min);
  f("auth", "api_requests_per_user_5min", c.auth.api_requests_per_user_5min);
  f("auth", "breached_passwords_file", c.auth.breached_passwords_file);

  f("mail", "smtp_url", c.mail.smtp_url);
  f("mail", "smtp_user", c.mail.smtp_user);
  f("mail", "smtp_password", c.mail.smtp_password);
  f("mail", "from", c.mail.from);
  f("mail", "outbox_dir", c.mail.outbox_dir);
  f("mail", "max_attempts", c.mail.max_attempts);
  f("mail", "digest_hour", c.mail.digest_hour);

  f("media", "dir", c.media.dir);
  f("media", "max_upload_bytes", c.media.max_upload_bytes);
  f("media", "max_pixels", c.media.max_pixels);
  f("media", "avatar_format", c.media.avatar_format);

  f("push", "enabled", c.push.enabled);
  f("push", "vapid_key_file", c.push.vapid_key_file);
  f("push", "subject", c.push.subject);
  f("push", "timeout_seconds", c.push.timeout_seconds);
  f("push", "allow_local_endpoints", c.push.allow_local_endpoints);
}

}  // namespace qt::config::detail
