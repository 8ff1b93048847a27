#pragma once
// Keeps the market's rows in step with the core's moderation of their content items.
#include <quartier/plugin.hpp>

namespace market {

// content.hidden / content.unhidden set the hidden flag of a listing or business post (so the
// search needs no join on core tables); content.deleted (a moderator, a cascade) drops the row.
void subscribe_content_events(quartier::Plugin& plugin);

}  // namespace market
