#pragma once
// Consultation hours: the weekly schedule of a department room in the municipality's time zone
// ([plugins.video] time_zone, an IANA name such as "Europe/Berlin"). Residents and guests enter
// only within it (hosts at any time; who is in stays when it ends). The zone's current rule is the
// POSIX TZ footer of the system's tz database file (/usr/share/zoneinfo/<zone>), evaluated with
// Boost.DateTime, so daylight saving follows the zone.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <boost/json.hpp>

namespace video {

struct Slot {
  int day = 1;   // ISO weekday: 1 = Monday .. 7 = Sunday
  int from = 0;  // minutes since local midnight
  int to = 0;    // exclusive; up to 1440 (24:00)
};

struct Opening {
  std::int64_t at_ms = 0;  // UTC
  std::string local;       // "YYYY-MM-DDTHH:MM" in the zone
  int day = 1;             // ISO weekday
};

// At init: the zone of [plugins.video] time_zone; throws std::runtime_error for an unknown one.
void set_time_zone(const std::string& iana);
std::string time_zone();

// The API's form [{day, from: "HH:MM", to: "HH:MM"}] (at most 21); HttpError 400 invalid_hours.
std::vector<Slot> parse_hours(const boost::json::value& v);
// The stored text (JSON, "" = no schedule) and back.
std::vector<Slot> hours_from_text(const std::string& text);
std::string hours_to_text(const std::vector<Slot>& hours);
boost::json::array hours_json(const std::vector<Slot>& hours);

bool open_at(const std::vector<Slot>& hours, std::int64_t utc_ms);
// When it opens next after utc_ms (within a week); nullopt without slots.
std::optional<Opening> next_opening(const std::vector<Slot>& hours, std::int64_t utc_ms);
// "Dienstag, 08.12.2026, 09:00 Uhr / Tuesday, 2026-12-08, 09:00 (Europe/Berlin)".
std::string describe(const Opening& o);

}  // namespace video
