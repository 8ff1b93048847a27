#pragma once
// iCalendar (RFC 5545) text generated with libical: one VTIMEZONE per zone used, one VEVENT per
// event with its RRULE, RDATEs and EXDATEs (cancelled dates among them) and one VEVENT with a
// RECURRENCE-ID per changed date.
#include <map>
#include <string>
#include <vector>

#include "event.hpp"

namespace calendar {

struct IcsEvent {
  Event event;
  std::map<std::string, Override> overrides;
};

std::string ics_of(const std::vector<IcsEvent>& events, const std::string& calendar_name);

}  // namespace calendar
