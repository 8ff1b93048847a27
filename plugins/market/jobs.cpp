#include "jobs.hpp"

#include <tuple>
#include <vector>

#include "stems.hpp"
#include "util.hpp"

namespace market {

namespace {

// Listings stored before the stems existed (or seeded directly) get them in batches; the job
// enqueues itself again until none is left.
void fill_stems(const quartier::JobInfo&) {
  std::vector<std::tuple<std::int64_t, std::string, std::string>> rows;
  {
    quartier::Statement s("SELECT id, title, description FROM market_listings WHERE search_stems = '' ORDER BY id LIMIT 500");
    while (s.step()) rows.emplace_back(s.int64(0), s.text(1), s.text(2));
  }
  for (const auto& [id, title, description] : rows) {
    quartier::Statement up("UPDATE market_listings SET search_stems = :s WHERE id = :id");
    const auto stems = stem_column(title, description);
    up.bind("s", stems == " " ? std::string("  ") : stems).bind("id", id);  // never '' again: done
    up.run();
  }
  if (rows.size() == 500) quartier::job_enqueue("fill_stems");
}

}  // namespace

void enqueue_missing_stems() {
  quartier::Statement s("SELECT 1 FROM market_listings WHERE search_stems = '' LIMIT 1");
  if (s.step()) quartier::job_enqueue("fill_stems");
}

void add_jobs() {
  quartier::job_handler("fill_stems", fill_stems);
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
