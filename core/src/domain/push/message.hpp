#pragma once
// What a push says: a short title and text in the recipient's language, the page to open and a
// tag (a second push about the same notification replaces the first). The service worker shows
// it; the push service never sees it (the message is encrypted for the browser).
#include <string>

#include "domain/notify/context.hpp"
#include "domain/notify/notifier.hpp"
#include "domain/push/subscriptions.hpp"

namespace qt::push {

// Whether the person chose this notification for this subscription.
bool wanted(const notify::Notification& n, const Topics& topics);
// The push message as JSON text (at most a few hundred bytes).
std::string message_for(const notify::Notification& n, const notify::Context& context, bool english);

}  // namespace qt::push
