#pragma once
// Reading a listing from a request body: type, category (and the forbidden ones), condition,
// price (or free), pickup area and the neighbourhood, all checked before anything is stored.
#include <quartier/plugin.hpp>

#include "listing.hpp"

namespace market {

// Fills `l` from the body (every required field for a new listing; any subset for an update).
void apply_listing_body(const quartier::Request& req, Listing& l, bool creating);

// The neighbourhood a person lists in and searches by default: their own; 400 without one.
std::int64_t home_neighbourhood(std::int64_t user);

}  // namespace market
