#pragma once
// Installs accounts into the running server:
//   services.accounts (accounts::Accounts: people, sessions, roles; its privacy provider
//                      "accounts" registered first)
//   services.gate     (session -> user, access rules, CSRF and origin checks, per-user API limit)
// and registers the /api/auth, /api/me, /api/users, /api/neighbourhoods, /api/legal and
// /api/admin routes. start() schedules the delivery of services.mail and the cleanup of expired sessions.
#include <memory>

#include "app/services.hpp"

namespace qt::accounts {

std::unique_ptr<qt::app::Module> install(qt::app::Services& services);

}  // namespace qt::accounts
