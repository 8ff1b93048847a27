#pragma once
// The plugin's own tables (all prefixed market_), per dialect. A listing and a business's offer
// or news are core content in their neighbourhood's container (stream, search, comments,
// reports, expiry); these tables hold what the core has no place for.
#include <quartier/plugin.hpp>

namespace market {

void add_migrations(quartier::Plugin& plugin);

}  // namespace market
