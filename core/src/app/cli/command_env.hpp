#pragma once
// Opening the database for a command: migrations applied (or refused), accounts ready.
#include <memory>

#include "domain/accounts/accounts.hpp"
#include "platform/config/config.hpp"
#include "platform/db/database.hpp"
#include "platform/mail/outbox.hpp"
#include "platform/privacy/registry.hpp"

namespace qt::accounts {

struct CommandEnv {
  std::unique_ptr<db::Database> db;
  privacy::Registry privacy;
  std::unique_ptr<mail::Outbox> outbox;
  std::unique_ptr<Accounts> accounts;
};

// Throws db::DbError / std::runtime_error with a message for the operator.
std::unique_ptr<CommandEnv> open_for_command(const config::Config& cfg);

}  // namespace qt::accounts
