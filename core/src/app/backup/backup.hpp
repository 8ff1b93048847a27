#pragma once
// Writing a backup (what it holds: app/cli/backup_commands.hpp).
#include <string>

#include "platform/config/config.hpp"

namespace qt::backup {

// `quartier backup TARGET`: FILE.db = the SQLite database alone, otherwise a full backup folder.
// Throws std::runtime_error / db::DbError with what is wrong; leaves no partial backup behind.
int run_backup(const config::Config& cfg, const std::string& target);

}  // namespace qt::backup
