#pragma once
// Opening hours: a weekly plan, holidays (closed all day) and exceptions (other hours on one
// date), checked when a business saves them and evaluated in the municipality's time zone.
//
// JSON shape (also what the API returns):
//   {"weekly": {"mon": [{"from": "09:00", "to": "18:00"}], ...},
//    "holidays": ["2026-12-25"],
//    "exceptions": [{"date": "2026-12-24", "ranges": [{"from": "09:00", "to": "12:00"}]}]}
#include <array>
#include <chrono>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <boost/json.hpp>

namespace date {
class time_zone;
}

namespace market {

struct TimeRange {
  int from = 0;  // minutes after local midnight
  int to = 0;    // exclusive, at most 24:00
};

struct Hours {
  std::array<std::vector<TimeRange>, 7> weekly;  // 0 = Monday
  std::set<std::string> holidays;                // YYYY-MM-DD
  std::map<std::string, std::vector<TimeRange>> exceptions;
};

// Throws HttpError 400 "invalid_hours" naming the day or date and what is wrong (a time that is
// not HH:MM, a range that ends before it starts, two ranges that overlap, a date that does not exist).
Hours parse_hours(const boost::json::value& v);
Hours parse_stored_hours(const std::string& json);  // stored text, checked when it was saved
boost::json::object hours_json(const Hours& h);

// The municipality's zone from [plugins.market] time_zone; throws std::runtime_error for an
// unknown name (checked at start, so the server refuses a wrong setting).
const date::time_zone* municipality_zone();
bool open_at(const Hours& h, const date::time_zone* zone, std::chrono::system_clock::time_point when);

}  // namespace market
