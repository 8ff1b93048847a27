#pragma once
// QUARTIER_<SECTION>_<KEY> environment variables, converted by the key's schema type and
// written over the file's values (then validated like them).
#include <boost/json/object.hpp>

#include "platform/config/config.hpp"
#include "platform/config/problem.hpp"

namespace qt::config::detail {

// Variables that are not overrides: the config path itself and the test suites' settings.
bool is_ignored_variable(std::string_view name);

void apply_environment(const Environment& env, boost::json::object& doc, SourceMap& origins,
                       std::vector<Problem>& problems);

}  // namespace qt::config::detail
