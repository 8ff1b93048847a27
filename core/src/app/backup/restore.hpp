#pragma once
// Restoring a full backup (see app/cli/backup_commands.hpp) into the data location of a configuration.
#include <string>

#include "platform/config/config.hpp"

namespace qt::backup {

// Throws std::runtime_error with what is wrong and what to do; changes nothing then.
int run_restore(const config::Config& cfg, const std::string& dir, bool force);

}  // namespace qt::backup
