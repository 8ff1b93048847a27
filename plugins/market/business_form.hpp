#pragma once
// Reading a business profile from a request body: every field checked, nothing stored until
// all of it is right.
#include <quartier/plugin.hpp>

#include "business.hpp"

namespace market {

// Applies the body's fields onto `b` (all required ones for a new profile, any subset for an
// update). Returns whether name, category or address changed (which ends a verification).
bool apply_business_body(const quartier::Request& req, Business& b, bool creating);

}  // namespace market
