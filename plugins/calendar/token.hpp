#pragma once
// Feed tokens (private subscriptions): 32 random bytes shown once as hex; only their BLAKE2b hash is stored,
// so a database dump does not hand out working feeds.
#include <string>
#include <string_view>

namespace calendar {

std::string new_token();                        // 64 hex characters
std::string token_hash(std::string_view token);  // 64 hex characters
bool plausible_token(std::string_view token);   // right length and alphabet

}  // namespace calendar
