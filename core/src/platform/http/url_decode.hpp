#pragma once
// Percent-decoding for paths and query strings.
#include <optional>
#include <string>
#include <string_view>

namespace qt::http {

// Decodes %XX (and '+' as space when plus_is_space). Invalid escapes are kept literally.
std::string percent_decode(std::string_view s, bool plus_is_space);

// Strict variant for paths: nullopt on a bad escape, a decoded NUL byte or, under /api/, text
// that is not UTF-8 (the session answers 400 bad_path). Other paths (the web app's pages) fall
// back to the app, which shows "page not found" inside its frame.
std::optional<std::string> decode_path(std::string_view s);

}  // namespace qt::http
