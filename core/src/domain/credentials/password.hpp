#pragma once
// Password rules (ASVS V2.1) and storage (V2.4): 12 to 128 characters, common breached passwords
// refused, Argon2id through libsodium with t=2 and 64 MiB (above the baseline's 19 MiB).
#include <optional>
#include <string>
#include <string_view>

namespace qt::accounts {

constexpr std::size_t kPasswordMin = 12;
constexpr std::size_t kPasswordMax = 128;

// Characters as people count them: UTF-8 code points.
std::size_t count_characters(std::string_view utf8);

// Why a new password is refused (German, says what to do), or nullopt if it is acceptable.
// Context words (e-mail, display name) must not make up the whole password.
std::optional<std::string> password_problem(std::string_view password,
                                            std::string_view email = {},
                                            std::string_view display_name = {});

// True if the password (case-insensitively) is on the embedded list of common breached passwords.
bool is_common_password(std::string_view password);
std::size_t common_password_count();
// Adds a local file's entries (one per line, e.g. [auth] breached_passwords_file) to the list;
// returns how many. Throws std::runtime_error naming the file if it cannot be read.
std::size_t load_extra_common_passwords(const std::string& file);

// Argon2id hash in libsodium's encoded form ($argon2id$v=19$m=...,t=...,p=1$salt$hash).
std::string hash_password(std::string_view password);

// Constant-time verification; false for a malformed hash.
bool verify_password(std::string_view password, const std::string& encoded_hash);

// True if the hash was made with weaker parameters than hash_password uses now.
bool password_needs_rehash(const std::string& encoded_hash);

// Burns the same time as a verification, so an unknown e-mail is not told apart by timing.
void verify_dummy_password(std::string_view password);

}  // namespace qt::accounts
