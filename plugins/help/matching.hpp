#pragma once
// Matching a new request to the helpers who offer that kind of help there: the helpers of its
// neighbourhood, or of the neighbouring ones when it has none; each notified in their language,
// at most `daily_cap` notices per helper in 24 hours and `per_request` helpers per request.
#include <cstdint>

#include "model.hpp"

namespace help {

struct MatchLimits {
  std::int64_t daily_cap = 3;
  std::int64_t per_request = 20;
};
MatchLimits match_limits();  // from [plugins.help]

// Stores the matches and their notifications (inside the caller's transaction); returns how
// many helpers were notified.
std::int64_t match_and_notify(const Request& r, const std::string& neighbourhood_name);

// The request is open again (its helper stepped back or was released): tells those matched to it
// before (but `except`), within the same daily cap, so nobody gets more than `daily_cap` notices
// in 24 hours however often a request bounces. Inside the caller's transaction.
std::int64_t notify_open_again(const Request& r, std::int64_t except);

}  // namespace help
