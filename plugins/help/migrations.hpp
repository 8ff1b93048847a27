#pragma once
#include <quartier/plugin.hpp>

namespace help {

// The plugin's tables for SQLite and PostgreSQL (help_requests, help_offers, help_matches,
// help_responses, help_thanks).
void add_migrations(quartier::Plugin& plugin);

}  // namespace help
