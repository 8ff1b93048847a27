#pragma once
// Whole-number query parameters (?limit=20&after=123), checked the same way on every route.
#include <cstdint>
#include <string_view>

#include "platform/http/request.hpp"

namespace qt::http {

// Query parameter `name` as a whole number within [lo, hi]; `fallback` when absent or empty.
// Anything else throws HttpError 400 invalid_parameter whose message (German / English) names
// the parameter and the allowed range, and whose details carry {"parameter", "min", "max"}
// ("max" left out when hi is the largest int64, i.e. open-ended).
std::int64_t query_int(const Request& req, std::string_view name, std::int64_t fallback, std::int64_t lo,
                       std::int64_t hi);

}  // namespace qt::http
