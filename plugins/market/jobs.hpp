#pragma once
// Durable jobs of the market plugin.
#include <quartier/plugin.hpp>

namespace market {

// "expire_listing" {"id"}: enqueued for a listing's expiry time (again at each renewal); marks it
// expired once that time has passed. Idempotent: a job of an earlier period finds the listing
// renewed and leaves it alone.
void add_jobs();

}  // namespace market
