#include "trust.hpp"

namespace help {

bool trust_required(const Request& r) {
  if (!r.risk_group) return false;
  const auto on = quartier::config("risk_group_trusted_helpers");
  return on && *on == "true";
}

bool trusted(std::int64_t user) {
  const auto u = quartier::user(user);
  return u && (u->role >= QT_ROLE_STAFF || u->residence_verified_at > 0);
}

}  // namespace help
