#include "domain/notify/digest_schedule.hpp"

#include <ctime>

#include <soci/soci.h>

#include "domain/content/store.hpp"
#include "platform/log/log.hpp"

namespace qt::notify {

namespace {

std::string day_of(std::tm t) {
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &t);
  return buf;
}

}  // namespace

bool DigestSchedule::claim(const std::string& key, const std::string& stamp) const {
  auto lease = db_.write();
  const std::int64_t t = content::now_ms();
  const std::string none;
  *lease << "INSERT INTO instance_settings (key, value, updated_at) VALUES (:k, :v, :t) ON CONFLICT (key) DO NOTHING",
      soci::use(key, "k"), soci::use(none, "v"), soci::use(t, "t");
  soci::statement st = (lease->prepare << "UPDATE instance_settings SET value = :v, updated_at = :t WHERE key = :k AND value <> :v2",
                        soci::use(stamp, "v"), soci::use(t, "t"), soci::use(key, "k"), soci::use(stamp, "v2"));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

std::vector<std::string> DigestSchedule::tick(std::chrono::system_clock::time_point now) const {
  std::vector<std::string> sent;
  const std::time_t secs = std::chrono::system_clock::to_time_t(now);
  std::tm local{};
  localtime_r(&secs, &local);
  if (local.tm_hour >= hour_ && claim("digest.daily.sent_for", day_of(local))) {
    const int mails = notifier_.run_digest("daily");
    log::info("daily digest sent", {{"mails", mails}});
    sent.emplace_back("daily");
  }
  // This week's Monday at the digest hour; from then until the next one the weekly is due once.
  std::tm monday = local;
  monday.tm_mday -= (local.tm_wday + 6) % 7;
  monday.tm_hour = hour_;
  monday.tm_min = 0;
  monday.tm_sec = 0;
  monday.tm_isdst = -1;
  const std::time_t monday_secs = std::mktime(&monday);
  if (secs >= monday_secs && claim("digest.weekly.sent_for", day_of(monday))) {
    const int mails = notifier_.run_digest("weekly");
    log::info("weekly digest sent", {{"mails", mails}});
    sent.emplace_back("weekly");
  }
  return sent;
}

}  // namespace qt::notify
