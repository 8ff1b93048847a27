#pragma once
// Secrets handed to people (session cookies, mail links, printed codes) and how they are stored:
// only a SHA-256 of each token reaches the database.
#include <cstddef>
#include <string>
#include <string_view>

namespace qt::accounts {

// 256 random bits from libsodium, base64url without padding (43 characters).
std::string random_token();

// Hex SHA-256 of a token (64 characters); what the database keeps.
std::string hash_token(std::string_view token);

// A code a person types from a printed letter: groups of 4 from an alphabet without look-alikes
// (no 0/O, 1/I/L), e.g. "K7QM-2XWT-9HCP-ZR4D". 16 characters = 78 bits.
std::string random_code(std::size_t groups = 4);

// Upper-cases and drops spaces and dashes so "k7qm 2xwt-9hcp zr4d" matches the printed code.
std::string normalise_code(std::string_view typed);

// Constant-time comparison for secrets of the same length; false if the lengths differ.
bool secrets_equal(std::string_view a, std::string_view b);

// Salted SHA-256 of an IP address, shortened: enough to tell "same network as before".
std::string hash_ip(std::string_view ip, std::string_view salt);

}  // namespace qt::accounts
