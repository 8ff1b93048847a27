#pragma once
// Installs accounts, mail and privacy into the running server:
//   services.privacy  (privacy::Registry: export and erase providers; "accounts" registered first)
//   services.mail     (mail::Outbox: queue in a transaction, delivered every 10 s by a job)
//   services.accounts (accounts::Accounts: people, sessions, roles)
//   services.gate     (session -> user, access rules, CSRF and origin checks, per-user API limit)
// and registers the /api/auth, /api/me, /api/users, /api/neighbourhoods, /api/legal and
// /api/admin routes. start() schedules mail delivery and the cleanup of expired sessions.
#include <memory>

#include "app/services.hpp"

namespace qt::accounts {

std::unique_ptr<qt::app::Module> install(qt::app::Services& services);

}  // namespace qt::accounts
