#pragma once
// Strict UTF-8 validation (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF.
// Text that leaves the server as JSON must be valid UTF-8, or a browser shows U+FFFD and a
// strict client refuses the whole document.
#include <cstddef>
#include <optional>
#include <string_view>

namespace qt::json {

// The byte offset of the first invalid sequence, or nullopt when s is valid UTF-8.
std::optional<std::size_t> first_invalid_utf8(std::string_view s);

}  // namespace qt::json
