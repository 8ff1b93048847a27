#pragma once
// Reading what people send: categories, times, places, with errors in German and English that
// say what to change.
#include <cstdint>
#include <optional>
#include <string>

#include <boost/json.hpp>
#include <quartier/plugin.hpp>

namespace help {

std::string read_category(const boost::json::object& o);
std::string read_text(const boost::json::object& o, bool required, std::size_t max_chars);
// "once", "by_date" or "regularly" for requests; offers also allow "any".
std::string read_when(const boost::json::object& o, bool offer);
// A due time in the future (UTC ms), required for "once" and "by_date".
std::optional<std::int64_t> read_due(const boost::json::object& o, const std::string& when);
// neighbourhood_id, else lat/lon (refused outside every neighbourhood), else the person's own.
// Returns the id and fills `name`.
std::int64_t read_area(const boost::json::object& o, std::int64_t user, std::string& name);
// The neighbourhood named in the query (default: the person's own); 400 when none.
std::int64_t query_area(const quartier::Request& req);

}  // namespace help
