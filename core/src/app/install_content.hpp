#pragma once
// The content/stream module: creates qt::content::Store and qt::notify::Notifier, sets
// services.content and services.notifier, carries services.live between nodes on PostgreSQL, and registers the routes of the
// stream, posts, comments, reactions, notifications, search, moderation, announcements and
// messages.
#include <memory>

#include "app/services.hpp"

namespace qt::content {

std::unique_ptr<app::Module> install(app::Services& services);

}  // namespace qt::content
