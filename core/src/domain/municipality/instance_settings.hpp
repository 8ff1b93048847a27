#pragma once
// Run-time settings in instance_settings (0001): the registration mode an admin chose and the
// salt for IP hashes.
#include <cstdint>
#include <optional>
#include <string>

#include <soci/soci.h>

namespace qt::accounts {

std::optional<std::string> get_setting(soci::session& s, const std::string& key);
void put_setting(soci::session& s, const std::string& key, const std::string& value, std::int64_t now);

// "open", "invite" or "approval": the admin's choice, else the config's default.
std::string registration_mode(soci::session& s, const std::string& config_default);
bool valid_registration_mode(const std::string& mode);

// Created on first use; the same on every node.
std::string ip_hash_salt(soci::session& s, std::int64_t now);
// A random secret under `key` (e.g. the plugin host's guest token key), created on first use and
// the same on every node.
std::string instance_secret(soci::session& s, const std::string& key, std::int64_t now);

}  // namespace qt::accounts
