#pragma once
// Small helpers shared by the route files (as in groups): request bodies as JSON, times, paging parameters.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json.hpp>
#include <quartier/plugin.hpp>

namespace participation {

std::int64_t now_ms();

// Request bodies through the shared reader (quartier/json_body.hpp), refused as this plugin
// always answered: 400 with the code "invalid_<field>" and a message in words.
// The body as a JSON object ({} for an empty or blank body).
boost::json::object body_object(const quartier::Request& req);
// A string member: nullopt if absent or null; 400 if not a string or longer than max_chars
// (counted in UTF-8 code points).
std::optional<std::string> opt_string(const boost::json::object& o, std::string_view key, std::size_t max_chars);
std::optional<std::int64_t> opt_int(const boost::json::object& o, std::string_view key);
std::optional<bool> opt_bool(const boost::json::object& o, std::string_view key);

// Query parameter as an integer in [lo, hi], else `fallback` when absent; 400 when malformed.
std::int64_t query_int(const quartier::Request& req, std::string_view name, std::int64_t fallback, std::int64_t lo,
                       std::int64_t hi);

void send(quartier::Response& res, const boost::json::value& v, int status = 200);

// Text trimmed of surrounding white space.
std::string trim(std::string_view s);

}  // namespace participation

namespace participation {

// A refusal in the core's error shape, German first, then English.
[[noreturn]] void fail(int status, const std::string& code, const std::string& de, const std::string& en);

// A required, trimmed text member of at most max_chars code points; 400 "invalid_<key>" when absent or blank.
std::string required_text(const boost::json::object& o, std::string_view key, std::size_t max_chars);
// 400 for members other than the comma-separated `allowed`.
void allow_only(const boost::json::object& o, std::string_view allowed);
// A number member (integer or floating point): nullopt when absent or null; 400 otherwise.
std::optional<double> opt_number(const boost::json::object& o, std::string_view key);

}  // namespace participation
