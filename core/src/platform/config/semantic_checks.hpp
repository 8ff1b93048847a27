#pragma once
// Checks the schema cannot express: listen parses as host:port (and fills host/port),
// default_language is one of languages.
#include <set>
#include <vector>

#include "platform/config/config.hpp"
#include "platform/config/problem.hpp"

namespace qt::config::detail {

// Skips a check when validation already complained about one of its keys (troubled),
// so a single mistake is reported once.
void check_semantics(Config& config, const SourceMap& origins, const std::set<Path>& troubled,
                     std::vector<Problem>& problems);

}  // namespace qt::config::detail
