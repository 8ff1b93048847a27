#pragma once
// /api/conversations (direct messages) and /api/blocks routes.
#include "content/store.hpp"
#include "http/router.hpp"
#include "messages/messages.hpp"

namespace qt::messages {

void add_routes(http::Router& r, db::Database& db, const content::Store& store, const Messages& m);

}  // namespace qt::messages
