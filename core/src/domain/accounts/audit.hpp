#pragma once
// The audit log: role and status changes, invitations, legal texts, residence codes.
#include <cstdint>
#include <string>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <soci/soci.h>

namespace qt::accounts {

// actor_id 0 = the command line or the system.
void audit(soci::session& s, std::int64_t actor_id, const std::string& action, const std::string& target_type,
           std::int64_t target_id, const boost::json::object& details, std::int64_t now);

// Newest first; before_id 0 = from the newest (keyset pagination).
boost::json::array audit_entries(soci::session& s, std::int64_t before_id, int limit,
                                 const std::string& target_type = {}, std::int64_t target_id = 0);

}  // namespace qt::accounts
