#pragma once
// /api/conversations (direct messages) and /api/blocks routes.
#include "domain/content/store.hpp"
#include "domain/messages/messages.hpp"
#include "platform/http/router.hpp"

namespace qt::messages {

void add_messages_routes(http::Router& r, db::Database& db, const content::Store& store, const Messages& m);

}  // namespace qt::messages
