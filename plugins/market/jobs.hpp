#pragma once
// Durable jobs of the market plugin.
#include <quartier/plugin.hpp>

namespace market {

// "expire_listing" {"id"}: enqueued for a listing's expiry time (again at each renewal); marks it
// expired once that time has passed. Idempotent: a job of an earlier period finds the listing
// renewed and leaves it alone.
// "fill_stems": gives listings without German stems theirs (stems.hpp), 500 per run.
void add_jobs();
// At start: enqueues "fill_stems" when a listing lacks its stems (after the upgrade to 0003).
void enqueue_missing_stems();

}  // namespace market
