#pragma once
// An external iCalendar (RFC 5545) file read with libical into events of this plugin's model:
// one per UID, its changed or cancelled dates (RECURRENCE-ID) as overrides, times as local wall
// times in an IANA zone. A VEVENT that cannot be one is skipped with the reason; a file that is
// no calendar at all is refused as a whole (std::runtime_error), so nothing is half imported.
#include <map>
#include <string>
#include <vector>

#include "recurrence.hpp"

namespace calendar {

struct SourceEvent {
  std::string uid, title, description, address, online_url, tz;
  bool all_day = false;
  std::string starts_local, ends_local, rrule;  // the API's local form
  std::vector<std::string> exdates;
  std::vector<std::string> rdates;            // extra dates (RDATE), the API's local form
  std::map<std::string, Override> overrides;  // by recurrence id (iCal local form); an RDATE PERIOD's own end
};

struct SourceCalendar {
  std::vector<SourceEvent> events;
  std::vector<std::string> skipped;  // why, one line per VEVENT left out
};

// At most this many events per source: a larger file is refused as a whole.
constexpr std::size_t kMaxImportEvents = 5000;

// default_tz: the zone of floating and UTC times (the municipality's).
SourceCalendar read_ics(const std::string& text, const std::string& default_tz);

}  // namespace calendar
