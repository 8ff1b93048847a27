#include "hours.hpp"

#include <algorithm>
#include <mutex>
#include <string>

#include <date/date.h>
#include <date/tz.h>
#include <quartier/plugin.hpp>

namespace market {
namespace {

constexpr std::array<const char*, 7> kDays = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

[[noreturn]] void refuse(const std::string& where, const std::string& de, const std::string& en) {
  throw quartier::HttpError(400, "invalid_hours",
                            "Öffnungszeiten, " + where + ": " + de + " / Opening hours, " + where + ": " + en);
}

// "HH:MM" from 00:00 to 24:00, as minutes; -1 when malformed.
int minutes(const boost::json::value& v) {
  if (!v.is_string()) return -1;
  const auto& s = v.as_string();
  if (s.size() != 5 || s[2] != ':') return -1;
  for (int i : {0, 1, 3, 4})
    if (s[i] < '0' || s[i] > '9') return -1;
  const int h = (s[0] - '0') * 10 + (s[1] - '0');
  const int m = (s[3] - '0') * 10 + (s[4] - '0');
  if (h > 24 || m > 59 || (h == 24 && m != 0)) return -1;
  return h * 60 + m;
}

std::string two(int v) { return (v < 10 ? "0" : "") + std::to_string(v); }
std::string hhmm(int m) { return two(m / 60) + ":" + two(m % 60); }

// A date that exists in the calendar, written YYYY-MM-DD.
std::string checked_date(const boost::json::value& v, const std::string& where) {
  // The shape by hand; whether the day exists (30 February, 2027-02-29) by the calendar library.
  const std::string s = v.is_string() ? std::string(v.as_string()) : std::string();
  bool shape = s.size() == 10 && s[4] == '-' && s[7] == '-';
  for (std::size_t i = 0; shape && i < s.size(); ++i) shape = i == 4 || i == 7 || (s[i] >= '0' && s[i] <= '9');
  const auto d = shape ? date::year(std::stoi(s.substr(0, 4))) / std::stoi(s.substr(5, 2)) / std::stoi(s.substr(8, 2))
                       : date::year_month_day{};
  if (!shape || !d.ok())
    refuse(where, "'" + s + "' ist kein Datum der Form JJJJ-MM-TT.", "'" + s + "' is not a date of the form YYYY-MM-DD.");
  return s;
}

std::vector<TimeRange> ranges(const boost::json::value& v, const std::string& where) {
  if (!v.is_array()) refuse(where, "eine Liste von Zeiten erwartet.", "a list of times expected.");
  std::vector<TimeRange> out;
  for (const auto& r : v.as_array()) {
    const auto* o = r.if_object();
    const int from = o && o->contains("from") ? minutes(o->at("from")) : -1;
    const int to = o && o->contains("to") ? minutes(o->at("to")) : -1;
    if (from < 0 || to < 0)
      refuse(where, "jede Zeit braucht 'from' und 'to' als SS:MM (00:00 bis 24:00).",
             "every range needs 'from' and 'to' as HH:MM (00:00 to 24:00).");
    if (to <= from)
      refuse(where, hhmm(to) + " endet nicht nach " + hhmm(from) + ".", hhmm(to) + " does not end after " + hhmm(from) + ".");
    out.push_back({from, to});
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.from < b.from; });
  for (std::size_t i = 1; i < out.size(); ++i)
    if (out[i].from < out[i - 1].to)
      refuse(where, hhmm(out[i - 1].from) + "–" + hhmm(out[i - 1].to) + " und " + hhmm(out[i].from) + "–" + hhmm(out[i].to) + " überschneiden sich.",
             hhmm(out[i - 1].from) + "–" + hhmm(out[i - 1].to) + " and " + hhmm(out[i].from) + "–" + hhmm(out[i].to) + " overlap.");
  if (out.size() > 6) refuse(where, "höchstens 6 Zeiten am Tag.", "at most 6 ranges a day.");
  return out;
}

boost::json::array ranges_json(const std::vector<TimeRange>& rs) {
  boost::json::array a;
  for (const auto& r : rs) a.push_back(boost::json::object{{"from", hhmm(r.from)}, {"to", hhmm(r.to)}});
  return a;
}

void parse_weekly(const boost::json::object& o, Hours& h) {
  for (const auto& [key, val] : o) {
    const auto it = std::find(kDays.begin(), kDays.end(), std::string_view(key));
    if (it == kDays.end())
      refuse(std::string(key), "unbekannter Tag (mon, tue, wed, thu, fri, sat, sun).", "unknown day (mon, tue, wed, thu, fri, sat, sun).");
    h.weekly[static_cast<std::size_t>(it - kDays.begin())] = ranges(val, std::string(key));
  }
}

void parse_exceptions(const boost::json::array& arr, Hours& h) {
  if (arr.size() > 100) refuse("exceptions", "höchstens 100 Ausnahmen.", "at most 100 exceptions.");
  for (const auto& e : arr) {
    const auto* o = e.if_object();
    if (!o || !o->contains("date") || !o->contains("ranges"))
      refuse("exceptions", "jede Ausnahme braucht 'date' und 'ranges'.", "every exception needs 'date' and 'ranges'.");
    const auto day = checked_date(o->at("date"), "exceptions");
    if (h.exceptions.count(day)) refuse(day, "das Datum steht zweimal in den Ausnahmen.", "the date is listed twice in the exceptions.");
    h.exceptions[day] = ranges(o->at("ranges"), day);
  }
}

}  // namespace

Hours parse_hours(const boost::json::value& v) {
  Hours h;
  const auto* o = v.if_object();
  if (!o) refuse("hours", "ein Objekt mit weekly, holidays und exceptions erwartet.", "an object with weekly, holidays and exceptions expected.");
  for (const auto& [key, val] : *o) {
    if (key == "weekly" && val.is_object()) {
      parse_weekly(val.as_object(), h);
    } else if (key == "holidays" && val.is_array() && val.as_array().size() <= 100) {
      for (const auto& d : val.as_array()) h.holidays.insert(checked_date(d, "holidays"));
    } else if (key == "exceptions" && val.is_array()) {
      parse_exceptions(val.as_array(), h);
    } else {
      refuse(std::string(key), "unbekannt oder falsch geformt (weekly: Objekt, holidays und exceptions: Listen).",
             "unknown or malformed (weekly: an object, holidays and exceptions: lists).");
    }
  }
  return h;
}

Hours parse_stored_hours(const std::string& json) {
  boost::system::error_code ec;
  auto v = boost::json::parse(json, ec);
  if (ec) return {};
  try {
    return parse_hours(v);
  } catch (const quartier::HttpError&) {
    return {};  // stored text was checked when saved; never fail a read over it
  }
}

boost::json::object hours_json(const Hours& h) {
  boost::json::object weekly;
  for (std::size_t i = 0; i < kDays.size(); ++i)
    if (!h.weekly[i].empty()) weekly[kDays[i]] = ranges_json(h.weekly[i]);
  boost::json::array holidays(h.holidays.begin(), h.holidays.end());
  boost::json::array exceptions;
  for (const auto& [day, rs] : h.exceptions) exceptions.push_back(boost::json::object{{"date", day}, {"ranges", ranges_json(rs)}});
  return {{"weekly", std::move(weekly)}, {"holidays", std::move(holidays)}, {"exceptions", std::move(exceptions)}};
}

const date::time_zone* municipality_zone() {
  static const date::time_zone* zone = nullptr;
  static std::once_flag once;
  std::call_once(once, [] {
    const auto name = std::string(quartier::config("time_zone").value_or("Europe/Berlin"));
    zone = date::locate_zone(name);  // throws for a name the tz database lacks
  });
  return zone;
}

bool open_at(const Hours& h, const date::time_zone* zone, std::chrono::system_clock::time_point when) {
  const auto local = zone->to_local(std::chrono::time_point_cast<std::chrono::seconds>(when));
  const auto day = date::floor<date::days>(local);
  const int minute = static_cast<int>(std::chrono::duration_cast<std::chrono::minutes>(local - day).count());
  const date::year_month_day ymd(day);
  const auto key = std::to_string(static_cast<int>(ymd.year())) + "-" + two(static_cast<int>(static_cast<unsigned>(ymd.month()))) + "-" +
                   two(static_cast<int>(static_cast<unsigned>(ymd.day())));
  if (h.holidays.count(key)) return false;
  const auto ex = h.exceptions.find(key);
  const auto wd = date::weekday(day).iso_encoding() - 1;  // Monday = 0
  const auto& rs = ex != h.exceptions.end() ? ex->second : h.weekly[wd];
  return std::any_of(rs.begin(), rs.end(), [&](const TimeRange& r) { return r.from <= minute && minute < r.to; });
}

}  // namespace market
