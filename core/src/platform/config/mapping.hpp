#pragma once
// A validated JSON document -> Config (schema defaults for what the document leaves out),
// and Config -> JSON.
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <boost/json/object.hpp>

#include "platform/config/config.hpp"
#include "platform/config/problem.hpp"

namespace qt::config::detail {

// Reads every field. A value that does not fit its member (only possible if validation
// already complained or the schema allows more than the member holds) keeps the default;
// the latter case is reported.
Config map_document(const boost::json::object& doc, const SourceMap& origins, const std::set<Path>& troubled,
                    std::vector<Problem>& problems);

// (section, key) of every mapped field, in mapping order.
std::vector<std::pair<std::string, std::string>> mapped_keys();

}  // namespace qt::config::detail
