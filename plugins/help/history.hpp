#pragma once
// A request's history: every change of its status or helper with the date, who did it and whom it
// concerns. Shown on the request (people only to those involved), in the export, and kept
// without the person's id after their account is erased.
#include <cstdint>
#include <optional>

#include <boost/json.hpp>

namespace help {

// Stores an event now; returns its id (to take it back when a later step fails). kind: asked,
// accepted, assigned, reassigned, stepped_back, released, reopened, done, withdrawn, expired;
// actor 0 = the system (expiry, an erased account); previous: on a reassignment, the helper
// replaced; container: the coordinating group that assigned.
std::int64_t record(std::int64_t request, const char* kind, std::int64_t actor, std::optional<std::int64_t> helper = std::nullopt,
                    std::optional<std::int64_t> previous = std::nullopt, std::optional<std::int64_t> container = std::nullopt);
void unrecord(std::int64_t event_id);

// Oldest first: [{kind, at, actor, helper, previous_helper, group}]; with_people = false leaves
// out who (kind and date only), for readers who are not involved.
boost::json::array history_json(std::int64_t request, bool with_people);

}  // namespace help
