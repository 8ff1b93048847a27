#pragma once
// Imports of external iCal feeds into a calendar: fetched through the core's outbound HTTP
// (http_allow, timeout, size limit), read with libical (ics_reader), and stored in one
// transaction per poll: each event updated in place by its UID (changed dates by RECURRENCE-ID),
// new ones added, ones gone from the source (or cancelled there) removed with notice to everyone
// who answered. A failed poll changes no event and leaves its reason for the people who set it up.
#include <cstdint>
#include <optional>
#include <string>

#include <boost/json.hpp>
#include <quartier/plugin.hpp>

#include "ics_reader.hpp"

namespace calendar {

struct ImportSource {
  std::int64_t id = 0, container_id = 0, created_by = 0, interval_minutes = 60, created_at = 0;
  std::string url;
  std::optional<std::int64_t> last_attempt_at, last_success_at;
  std::string last_error;
  std::int64_t events = 0, skipped = 0;
  std::string skipped_reasons;  // one line each, of the last good poll
  std::int64_t department_id = 0;  // into a department's calendar (container: the city's); 0 = none
};

struct ImportStats {
  std::int64_t added = 0, updated = 0, unchanged = 0, removed = 0;
};

std::optional<ImportSource> find_import(std::int64_t id);
boost::json::object import_json(const ImportSource& s);

// The address as it is fetched (webcal:// becomes https://); 400 when it cannot be one.
std::string checked_import_url(const std::string& raw);
// Fetches and reads the feed; std::runtime_error with the reason in German and English.
SourceCalendar fetch_calendar(const std::string& url);
// Inside the caller's transaction: the events of the source as the feed has them now.
ImportStats store_import(const ImportSource& s, const SourceCalendar& cal);
// Inside the caller's transaction: every event of the import removed, with notice to who answered.
void remove_imported_events(std::int64_t import_id);
// The import's state after a good poll (its time, how many events, what was skipped and why).
void record_success(std::int64_t id, const SourceCalendar& cal);
// One poll of a stored import; the outcome is recorded on it (never throws for the source's faults).
ImportStats poll_import(std::int64_t id);

// Settings, the job handler and the durable schedule that polls the imports that are due.
void add_imports(quartier::Plugin& plugin);

}  // namespace calendar
