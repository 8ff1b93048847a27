#pragma once
// Values shown back to the operator in messages, written the way TOML writes them.
#include <string>

#include <boost/json/value.hpp>

namespace qt::config::detail {

// "\"abc\"", "-2", "true", "[\"a\", \"b\"]", "{ x = 1 }"; long values are shortened,
// passwords inside URLs masked.
std::string render_value(const boost::json::value& value);

// "postgresql://user:secret@host/db" -> "postgresql://user:***@host/db".
std::string mask_url_password(const std::string& text);

}  // namespace qt::config::detail
