#pragma once
// Reading the JSON bodies and query parameters of the stream routes, with errors that say
// which field was wrong and what is expected.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

#include "domain/content/images.hpp"
#include "platform/http/query_int.hpp"
#include "platform/http/request.hpp"

namespace qt::stream::web {

// The body as a JSON object; refuses fields not listed in `allowed` (comma-separated).
boost::json::object body(const http::Request& req, std::string_view allowed);
std::optional<std::string> str(const boost::json::object& o, std::string_view key, std::size_t max_len = 100000);
std::optional<std::int64_t> integer(const boost::json::object& o, std::string_view key);
std::optional<bool> boolean(const boost::json::object& o, std::string_view key);
std::vector<std::int64_t> int_list(const boost::json::object& o, std::string_view key, std::size_t max = 500);

// `images`: [{"id", "alt", "decorative"}...] (web/images.cpp); nullopt when absent or null.
std::optional<std::vector<content::ImageChoice>> images_field(const boost::json::object& o);

using http::query_int;  // http/query_int.hpp

}  // namespace qt::stream::web
