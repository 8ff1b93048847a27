#pragma once
// Invitation link tokens: 32 random bytes shown once as hex; only their BLAKE2b hash is stored,
// so a database dump does not hand out working links.
#include <string>
#include <string_view>

namespace groups {

std::string new_token();                        // 64 hex characters
std::string token_hash(std::string_view token);  // 64 hex characters
bool plausible_token(std::string_view token);   // right length and alphabet

}  // namespace groups
