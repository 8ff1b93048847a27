#pragma once
// Notifications to the people who answered an event (in their language, through the core).
#include <string>

#include "event.hpp"

namespace calendar {
// Everyone who answered going, waiting or maybe (one occurrence, or all when rid is null).
void notify_answered(const Event& e, const std::string* rid, std::int64_t actor, const std::string& de,
                     const std::string& en, const std::string& body = "");
void notify_one(const Event& e, std::int64_t user, std::int64_t actor, const std::string& de, const std::string& en);
}  // namespace calendar
