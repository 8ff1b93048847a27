#pragma once
// The one rule for display names, wherever a person sets theirs (registration, profile, admin,
// command line): 2 to 60 characters with a letter, no control or format characters, NFC.
#include <string>
#include <string_view>

namespace qt::accounts {

// The name as stored; throws domain::Error(invalid, "invalid_display_name") saying what to change,
// with details.reason = invalid_utf8 | invisible_characters | no_letter | length.
std::string checked_display_name(std::string_view typed);

}  // namespace qt::accounts
