#pragma once
// Small helpers shared by the route files: request bodies as JSON, times, paging parameters,
// the plugin's settings.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json.hpp>
#include <quartier/plugin.hpp>

namespace market {

std::int64_t now_ms();
constexpr std::int64_t kDayMs = 24LL * 60 * 60 * 1000;

// Request bodies through the shared reader (quartier/json_body.hpp): 400 with the code
// "invalid_<field>" and a message in German and English.
boost::json::object body_object(const quartier::Request& req, std::string_view allowed);
std::optional<std::string> opt_string(const boost::json::object& o, std::string_view key, std::size_t max_chars);
std::optional<std::int64_t> opt_int(const boost::json::object& o, std::string_view key);
std::optional<bool> opt_bool(const boost::json::object& o, std::string_view key);
// A number (integer or decimal) or nullopt when absent or null; 400 "invalid_<key>" otherwise.
std::optional<double> opt_number(const boost::json::object& o, std::string_view key);

// Query parameter as an integer in [lo, hi], else `fallback` when absent; 400 when malformed.
std::int64_t query_int(const quartier::Request& req, std::string_view name, std::int64_t fallback, std::int64_t lo,
                       std::int64_t hi);
bool query_flag(const quartier::Request& req, std::string_view name);

void send(quartier::Response& res, const boost::json::value& v, int status = 200);
std::string trim(std::string_view s);
std::string like_pattern(std::string_view q);

// 400 with code and both languages ("de / en").
[[noreturn]] void bad(const std::string& code, const std::string& de, const std::string& en);
[[noreturn]] void not_found();
[[noreturn]] void forbidden(const std::string& de, const std::string& en);

// Settings of [plugins.market] (declared in plugin.cpp).
std::int64_t setting_int(std::string_view key, std::int64_t fallback);
std::vector<std::string> setting_list(std::string_view key);

bool is_staff(const quartier::Request& req);  // staff, moderators and admins: the municipality

}  // namespace market
