#pragma once
// Names that people type and others see (display names, group names): what could deceive or
// break a page is refused, not silently dropped, so the person can fix it. Unicode's own tables
// (utf8proc) decide what is a letter and what is a control or format character.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace qt::text {

struct NameProblem {
  std::string code;     // "invalid_utf8", "invisible_characters", "no_letter", "length"
  std::string message;  // German / English, says what to change
};

// The name as stored: NFC-normalised, spaces trimmed at both ends. nullopt and `problem` set when
// it is not valid UTF-8, holds control or format characters (NUL, line breaks, right-to-left
// overrides, zero-width characters), unassigned or private-use code points, has no letter, or
// has fewer than `min` or more than `max` characters after cleaning.
std::optional<std::string> clean_name(std::string_view raw, std::size_t min, std::size_t max, NameProblem& problem);

}  // namespace qt::text
