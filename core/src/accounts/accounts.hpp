#pragma once
// The accounts service (services.accounts): people, sessions, roles, the request gate, and the
// operations the HTTP routes and the command line share. Other modules use user()/author()/
// is_active() to show and check people; they never read the users table's private columns.
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include <boost/json/object.hpp>
#include <soci/soci.h>

#include "accounts/avatars.hpp"
#include "accounts/rate_limiter.hpp"
#include "accounts/settings.hpp"
#include "accounts/users.hpp"
#include "db/database.hpp"
#include "http/request.hpp"
#include "http/response.hpp"
#include "http/router.hpp"

namespace qt::mail {
class Outbox;
}
namespace qt::privacy {
class Registry;
}

namespace qt::accounts {

struct NewUser {
  std::string email;
  std::string password;      // checked against the password rules
  std::string display_name;
  std::string role = "resident";
  std::string department;
  std::optional<std::int64_t> neighbourhood_id;
  std::string status = "active";   // the CLI and demo data create usable accounts
  bool email_confirmed = true;
};

class Accounts {
 public:
  Accounts(db::Database& db, mail::Outbox& outbox, privacy::Registry& privacy, Settings settings);

  // For other modules.
  std::optional<User> user(std::int64_t id);
  boost::json::object author(std::int64_t id);  // "Gelöschtes Konto" for deleted or unknown ids
  bool is_active(std::int64_t id);

  // services.gate: session -> req.user_id/role/session_id/language; access rules; CSRF.
  std::optional<http::Response> gate(http::Request& req, const http::Route& route);

  // Shared by routes, CLI and demo data. Throw http::HttpError (400/404/409) with a message.
  std::int64_t create_user(const NewUser& u, std::int64_t actor_id);
  void change_role(std::int64_t actor_id, std::int64_t user_id, const std::string& role,
                   const std::optional<std::string>& department);
  void change_status(std::int64_t actor_id, std::int64_t user_id, const std::string& status);
  // Erases the person in one transaction through the privacy registry (every module's eraser).
  void erase_user(std::int64_t user_id);
  boost::json::object export_user(std::int64_t user_id);

  // Drops expired sessions and used or expired tokens (periodic job).
  void maintenance();
  // Writes the session touches the gate queued (last_seen_at), all in one transaction. The
  // module runs this every few seconds and at stop.
  void flush_session_touches();

  // Base URL for links in mails: public_url, else from the request's Host header.
  std::string base_url(const http::Request& req) const;
  std::string session_cookie(const std::string& token) const;
  std::string clear_cookie() const;

  db::Database& db() { return db_; }
  mail::Outbox& outbox() { return outbox_; }
  privacy::Registry& privacy() { return privacy_; }
  RateLimiter& limiter() { return limiter_; }
  const Avatars& avatars() const { return avatars_; }
  const Settings& settings() const { return settings_; }
  std::string registration_mode();

  // Registers the core's own privacy provider ("accounts").
  void register_privacy_provider();

 private:
  db::Database& db_;
  mail::Outbox& outbox_;
  privacy::Registry& privacy_;
  Settings settings_;
  RateLimiter limiter_;      // security limits: shared by all nodes on PostgreSQL
  RateLimiter api_limiter_;  // the per-person request budget: per node, no database write per request
  Avatars avatars_;
  std::mutex touches_mu_;
  std::unordered_map<std::int64_t, std::int64_t> touches_;  // session id -> last seen (ms)
};

// The routes, by area (routes_*.cpp).
void add_auth_routes(Accounts& a, http::Router& r);
void add_me_routes(Accounts& a, http::Router& r);
void add_public_routes(Accounts& a, http::Router& r);
void add_admin_routes(Accounts& a, http::Router& r);
void add_email_routes(Accounts& a, http::Router& r);
void add_registration_routes(Accounts& a, http::Router& r);
void add_avatar_routes(Accounts& a, http::Router& r);

}  // namespace qt::accounts
