#pragma once
// "Helped this month" per neighbourhood (requests marked done since the first of the UTC
// month), for the help page and the city's page. Every page view asks, so the figures are
// kept for a short while and dropped as soon as a request is marked done here.
#include <cstdint>

#include <boost/json.hpp>

namespace help {

// {since, total, neighbourhoods: [{neighbourhood_id, name, helped_this_month}]}
boost::json::object helped_this_month();
// A request was marked done (or a person erased): the next read counts afresh.
void stats_changed();

}  // namespace help
