#pragma once
// Demo content for accounts (`quartier demo-data`): four neighbourhoods of a fictional town, an
// admin, a staff member, a moderator, residents, legal texts. Idempotent: what exists is kept.
#include <cstdint>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "platform/config/config.hpp"
#include "platform/db/database.hpp"

namespace qt::accounts {

struct DemoAccounts {
  std::int64_t admin_id = 0;
  std::int64_t staff_id = 0;
  std::int64_t moderator_id = 0;
  std::vector<std::int64_t> resident_ids;
  std::map<std::string, std::int64_t> neighbourhood_ids;  // slug -> id
};

// Writes the accounts and their passwords to `out` (demo only: the passwords are fixed and known).
DemoAccounts seed_demo_accounts(db::Database& db, const config::Config& config, std::ostream& out);

}  // namespace qt::accounts
