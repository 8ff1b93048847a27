#include "jobs.hpp"

#include "util.hpp"

namespace market {

void add_jobs() {
  quartier::job_handler("expire_listing", [](const quartier::JobInfo& job) {
    boost::system::error_code ec;
    auto v = boost::json::parse(job.payload, ec);
    const auto* id = (!ec && v.is_object()) ? v.as_object().if_contains("id") : nullptr;
    if (!id || !id->is_int64()) throw std::runtime_error("expire_listing: payload without an id");
    quartier::Statement up("UPDATE market_listings SET state = 'expired', updated_at = :now"
                           " WHERE id = :id AND state IN ('active', 'reserved') AND expires_at <= :now2");
    const auto now = now_ms();
    up.bind("now", now).bind("id", id->as_int64()).bind("now2", now);
    up.run();
  });
}

}  // namespace market
