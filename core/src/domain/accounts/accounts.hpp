#pragma once
// The accounts service (services.accounts): people, sessions, roles, the request gate, and the
// operations the HTTP routes and the command line share. Other modules use user()/author()/
// is_active() to show and check people; they never read the users table's private columns.
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <boost/json/object.hpp>
#include <soci/soci.h>

#include "domain/accounts/avatars.hpp"
#include "domain/credentials/sessions.hpp"
#include "domain/accounts/settings.hpp"
#include "domain/accounts/users.hpp"
#include "domain/errors/error.hpp"
#include "platform/db/database.hpp"
#include "platform/ratelimit/rate_limiter.hpp"
#include "platform/util/role.hpp"

namespace qt::mail {
class Outbox;
}
namespace qt::privacy {
class Registry;
}

namespace qt::events {
class Bus;
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

  // For the request gate (web/gate.cpp): the live session behind a cookie's token, its last use
  // queued for flush_session_touches(); and the person's API budget, the seconds to wait when
  // it is spent.
  std::optional<ActiveSession> session_for(const std::string& token, std::int64_t now);
  std::optional<std::int64_t> spend_api_budget(std::int64_t user_id);

  // Shared by routes, CLI and demo data. Throw domain::Error (invalid/not found/conflict).
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

  db::Database& db() { return db_; }
  // Where user.updated / user.erased go (plugins/README.md, section 7); none until set.
  void set_events(const events::Bus* bus) { events_ = bus; }
  // user.updated after the commit of the transaction open on s: `changed` names the fields
  // (never their values: e-mail and the like stay private).
  void publish_user_updated(soci::session& s, std::int64_t user_id, std::int64_t actor_id,
                            const std::vector<std::string>& changed) const;
  mail::Outbox& outbox() { return outbox_; }
  privacy::Registry& privacy() { return privacy_; }
  RateLimiter& limiter() { return limiter_; }
  const Avatars& avatars() const { return avatars_; }
  const Settings& settings() const { return settings_; }
  // On a development server without public_url: the address links in mails point at. Called
  // by serve once the port is bound, before the first request.
  void set_link_base(std::string base) { settings_.link_base = std::move(base); }
  std::string registration_mode();

  // Registers the core's own privacy provider ("accounts").
  void register_privacy_provider();

 private:
  db::Database& db_;
  mail::Outbox& outbox_;
  privacy::Registry& privacy_;
  const events::Bus* events_ = nullptr;
  Settings settings_;
  RateLimiter limiter_;      // security limits: shared by all nodes on PostgreSQL
  RateLimiter api_limiter_;  // the per-person request budget: per node, no database write per request
  Avatars avatars_;
  std::mutex touches_mu_;
  std::unordered_map<std::int64_t, std::int64_t> touches_;  // session id -> last seen (ms)
};

}  // namespace qt::accounts
