#pragma once
// "Did you mean ...?" for near misses in key, section and variable names.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qt::config::detail {

// The candidate closest to word (case-insensitive edit distance), if it is close enough
// to be a plausible typo; the first candidate wins a tie.
std::optional<std::string> closest(std::string_view word, const std::vector<std::string>& candidates);

// "a, b, c"
std::string join(const std::vector<std::string>& items, std::string_view separator = ", ");

}  // namespace qt::config::detail
