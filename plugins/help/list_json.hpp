#pragma once
// The request lists' JSON written straight into one string: a list page is the plugin's hottest
// route (the neighbourhood's open list), and building a boost::json::object per row cost more
// than the query itself. The shape is HelpListed in openapi.yaml.
#include <cstdint>
#include <string>
#include <string_view>

#include <quartier/plugin.hpp>

namespace help {

// A JSON string literal (quotes included) appended to out.
void append_json_string(std::string& out, std::string_view s);

// The columns a list row is read from (read_request's order, then the asker's display name).
inline constexpr const char* kListCols =
    "r.id, r.content_id, r.asker_id, r.neighbourhood_id, r.category, r.text, r.when_kind, r.urgency, r.status, "
    "r.due_at, r.helper_id, r.closed_at, r.risk_group, r.created_at, r.updated_at, u.display_name";

// Appends every row of s as an element of a JSON array ("[...]"); returns the last id written
// and counts the rows in `rows`. with_risk: the reader is matched or the asker (else null).
std::int64_t append_list(std::string& out, quartier::Statement& s, std::int64_t me, std::string_view lang, bool with_risk,
                         std::int64_t& rows);

}  // namespace help
