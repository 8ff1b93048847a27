#pragma once
// The content/stream module: creates qt::content::Store, qt::live::Hub and qt::notify::Notifier,
// sets services.content, services.live and services.notifier, and registers the routes of the
// stream, posts, comments, reactions, notifications, search, moderation, announcements and
// messages. Installed after accounts (uses services.mail and services.privacy if set).
#include <memory>

#include "app/services.hpp"

namespace qt::content {

std::unique_ptr<app::Module> install(app::Services& services);

}  // namespace qt::content
