#pragma once
// Times and recurrence through libical (never by hand): local wall times in an IANA zone to UTC,
// RFC 5545 RRULE/EXDATE expansion with daylight saving handled by the zone's rules, bounded.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace calendar {

// Expansion stops after this many occurrences or this long after the first start; the iCal
// export keeps the full rule, so subscribers still see every occurrence.
constexpr std::size_t kMaxOccurrences = 1000;
constexpr std::int64_t kHorizonMs = 3LL * 366 * 24 * 3600 * 1000;

// A single occurrence changed or cancelled (RFC 5545 RECURRENCE-ID), keyed by recurrence id.
struct Override {
  bool cancelled = false;
  std::string starts_local, ends_local, title;  // "" = as the series
};

struct Schedule {
  std::string tz;                   // IANA name, e.g. Europe/Berlin
  bool all_day = false;
  std::string starts_local;         // "2026-06-06T14:00" or, all-day, "2026-06-06"
  std::string ends_local;           // same form; all-day: the last day (inclusive)
  std::string rrule;                // "" = a single event
  std::vector<std::string> exdates; // local starts of skipped occurrences
  std::vector<std::string> rdates;  // RDATE: local starts of extra occurrences (the series' duration)

  bool recurring() const { return !rrule.empty() || !rdates.empty(); }
};

struct Occurrence {
  std::string recurrence_id;  // iCal local form: 20260606T140000, all-day 20260606 ("" = single event)
  std::int64_t starts_at = 0, ends_at = 0;  // UTC ms
  bool cancelled = false, changed = false;
  std::string title;  // an override's title, else ""
};

struct Expansion {
  std::vector<Occurrence> items;
  bool truncated = false;
};

// Whether libical knows the zone.
bool valid_zone(const std::string& tz);
// Parses "YYYY-MM-DDTHH:MM[:SS]" (or "YYYY-MM-DD" when date_only) into the iCal local form;
// nullopt when malformed or not a real date/time.
std::optional<std::string> ical_local(const std::string& local, bool date_only);
// UTC ms of a local time in the zone (ical form or API form).
std::int64_t utc_ms(const std::string& tz, const std::string& local, bool date_only);
// Checks the schedule (throws quartier::HttpError 400 with a message in German and English).
void validate(const Schedule& s);
// Every occurrence (bounded), with overrides applied; cancelled ones are kept, flagged. A series
// is DTSTART, the RRULE's dates and the RDATEs, each date once, in order, minus the EXDATEs.
Expansion expand(const Schedule& s, const std::map<std::string, Override>& overrides);
// The API's local form of an iCal local time ("20260606T140000" -> "2026-06-06T14:00").
std::string api_local(const std::string& ical);

}  // namespace calendar
