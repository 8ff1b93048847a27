#pragma once
// Who may help with a risk-group request when the municipality switches the rule on
// ([plugins.help] risk_group_trusted_helpers = true): staff, and residents who confirmed their
// residence with the printed code (qt_user.residence_verified_at, ABI 1.3).
#include <cstdint>

#include "model.hpp"

namespace help {

bool trust_required(const Request& r);
bool trusted(std::int64_t user);

}  // namespace help
