#pragma once
// When the digests go out: the daily one once a day from [mail] digest_hour (the server's local
// time), the weekly one once a week from Monday at that hour. A tick every minute asks whether
// one is due; the day (or week) last sent is kept in instance_settings and claimed with a
// conditional UPDATE, so a restart neither skips nor repeats one, a server that was down at
// that hour sends it when it is back, and several nodes on one database send it once.
#include <chrono>
#include <string>

#include "domain/notify/notifier.hpp"
#include "platform/db/database.hpp"

namespace qt::notify {

class DigestSchedule {
 public:
  DigestSchedule(db::Database& db, const Notifier& notifier, int hour) : db_(db), notifier_(notifier), hour_(hour) {}

  // Runs what is due at `now`. Returns the periods sent ("daily", "weekly"), for tests and logs.
  std::vector<std::string> tick(std::chrono::system_clock::time_point now) const;

 private:
  // Takes the period for `stamp` (a day or a Monday, "YYYY-MM-DD") unless it was taken already.
  bool claim(const std::string& key, const std::string& stamp) const;

  db::Database& db_;
  const Notifier& notifier_;
  int hour_;
};

}  // namespace qt::notify
