#pragma once
// Small helpers of the video plugin: JSON bodies, bilingual errors, time, random link slugs.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json.hpp>
#include <quartier/plugin.hpp>

namespace video {

std::int64_t now_ms();
// 400 "invalid_body" when the body is not a JSON object ({} for an empty body).
boost::json::object body_object(const quartier::Request& req);
// A member of the given kind or nullopt when absent/null; 400 "invalid_<key>" for another type.
std::optional<std::string> opt_string(const boost::json::object& o, std::string_view key);
std::optional<std::int64_t> opt_int(const boost::json::object& o, std::string_view key);
std::optional<bool> opt_bool(const boost::json::object& o, std::string_view key);
// An HttpError with the message in German and English, as the core's errors are.
quartier::HttpError error(int status, std::string code, std::string_view de, std::string_view en);
void send(quartier::Response& res, const boost::json::value& v, int status = 200);
// 22 random base64url characters (132 bits): the room's link.
std::string random_slug();

}  // namespace video
