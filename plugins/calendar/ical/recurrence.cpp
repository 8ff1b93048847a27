#include "recurrence.hpp"

#include <cstdio>
#include <mutex>
#include <set>

#include <libical/ical.h>
#include <quartier/plugin.hpp>

#include "ical_lock.hpp"

namespace calendar {
namespace {

using quartier::HttpError;

icaltimezone* zone_of(const std::string& tz) {
  if (tz.empty() || tz.size() > 64) return nullptr;
  return icaltimezone_get_builtin_timezone(tz.c_str());
}

// A local time in the zone from the iCal local form; all-day ones as midnight.
icaltimetype local_time(const std::string& ical, icaltimezone* zone) {
  icaltimetype t = icaltime_from_string(ical.c_str());
  t.is_date = 0;
  return icaltime_set_timezone(&t, zone);
}

std::int64_t to_ms(const icaltimetype& t, icaltimezone* zone) {
  return static_cast<std::int64_t>(icaltime_as_timet_with_zone(t, zone)) * 1000;
}

std::string ical_text(const icaltimetype& t, bool date_only) {
  char buf[32];
  if (date_only)
    std::snprintf(buf, sizeof buf, "%04d%02d%02d", t.year, t.month, t.day);
  else
    std::snprintf(buf, sizeof buf, "%04d%02d%02dT%02d%02d%02d", t.year, t.month, t.day, t.hour, t.minute, t.second);
  return buf;
}

[[noreturn]] void bad(const std::string& code, const std::string& de, const std::string& en) {
  throw HttpError(400, code, de + " / " + en);
}

std::string rule_text(std::string r) {
  if (r.rfind("RRULE:", 0) == 0) r = r.substr(6);
  return r;
}

// Start and end (UTC ms) of an occurrence starting at local time t.
struct Span {
  std::int64_t starts_at, ends_at;
};
Span span_of(icaltimetype t, const Schedule& s, icaltimezone* zone, std::int64_t duration_ms, int days) {
  t.is_date = 0;
  t = icaltime_set_timezone(&t, zone);
  const auto start = to_ms(t, zone);
  if (!s.all_day) return {start, start + duration_ms};
  icaltime_adjust(&t, days, 0, 0, 0);  // whole local days, whatever the clock change
  return {start, to_ms(t, zone)};
}

// An extra date (RDATE) in the API: a start in the event's own zone, as the event's start is given.
void check_rdate(const std::string& x, bool all_day) {
  if (x.find('/') != std::string::npos)
    bad("invalid_rdates",
        "Zusätzliche Termine mit eigener Dauer (Zeitraum, RDATE PERIOD) werden nicht angenommen: bitte nur den Beginn "
        "angeben und die Zeit dieses Datums danach ändern.",
        "Extra dates with their own duration (a period, RDATE PERIOD) are not taken: please give the start only and "
        "change that date's time afterwards.");
  if (!all_day && x.size() > 16 && (x.back() == 'Z' || x.find_first_of("+-", 16) != std::string::npos))
    bad("invalid_rdates",
        "Zusätzliche Termine gelten in der Zeitzone des Termins: bitte ohne Z oder Zeitzone als JJJJ-MM-TTTHH:MM angeben.",
        "Extra dates are in the event's time zone: please give them without Z or an offset, as YYYY-MM-DDTHH:MM.");
  if (!ical_local(x, all_day))
    bad("invalid_rdates", std::string("Zusätzliche Termine: bitte als ") + (all_day ? "JJJJ-MM-TT" : "JJJJ-MM-TTTHH:MM") + " angeben.",
        std::string("Extra dates: please give them as ") + (all_day ? "YYYY-MM-DD" : "YYYY-MM-DDTHH:MM") + ".");
}

// The RRULE's dates by recurrence id, up to the bounds (count and horizon); true when a bound cut it.
bool rule_dates(const Schedule& s, const icaltimetype& start, icaltimezone* zone, std::size_t skipped,
                std::map<std::string, icaltimetype>& dates) {
  auto rule = icalrecurrencetype_from_string(rule_text(s.rrule).c_str());
  icalrecur_iterator* it = icalrecur_iterator_new(rule, start);
  if (!it) return false;
  const auto first_ms = to_ms(local_time(ical_text(start, s.all_day), zone), zone);
  bool cut = false;
  for (auto t = icalrecur_iterator_next(it); !icaltime_is_null_time(t); t = icalrecur_iterator_next(it)) {
    const auto rid = ical_text(t, s.all_day);
    if (dates.size() >= kMaxOccurrences + skipped || to_ms(local_time(rid, zone), zone) - first_ms > kHorizonMs) {
      cut = true;
      break;
    }
    dates.emplace(rid, t);
  }
  icalrecur_iterator_free(it);
  icalerror_clear_errno();
  return cut;
}

}  // namespace

bool valid_zone(const std::string& tz) {
  std::lock_guard lock(ical_mutex());
  return zone_of(tz) != nullptr;
}

std::optional<std::string> ical_local(const std::string& local, bool date_only) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0, n = 0;
  if (date_only) {
    if (local.size() != 10 || std::sscanf(local.c_str(), "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3 || n != 10) return std::nullopt;
  } else {
    const bool secs = local.size() == 19;
    if (local.size() != 16 && !secs) return std::nullopt;
    const int want = secs ? 6 : 5;
    const int got = secs ? std::sscanf(local.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &sec, &n)
                         : std::sscanf(local.c_str(), "%4d-%2d-%2dT%2d:%2d%n", &y, &mo, &d, &h, &mi, &n);
    if (got != want || n != static_cast<int>(local.size())) return std::nullopt;
  }
  if (y < 2000 || y > 2200 || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || sec > 59 || h < 0 || mi < 0 || sec < 0)
    return std::nullopt;
  if (d > icaltime_days_in_month(mo, y)) return std::nullopt;
  icaltimetype t = icaltime_null_time();
  t.year = y, t.month = mo, t.day = d, t.hour = h, t.minute = mi, t.second = sec, t.is_date = date_only ? 1 : 0;
  return ical_text(t, date_only);
}

std::string api_local(const std::string& ical) {
  if (ical.size() == 8) return ical.substr(0, 4) + "-" + ical.substr(4, 2) + "-" + ical.substr(6, 2);
  if (ical.size() < 15) return ical;
  return ical.substr(0, 4) + "-" + ical.substr(4, 2) + "-" + ical.substr(6, 2) + "T" + ical.substr(9, 2) + ":" +
         ical.substr(11, 2);
}

std::int64_t utc_ms(const std::string& tz, const std::string& local, bool date_only) {
  const auto form = local.find('-') == std::string::npos ? std::optional(local) : ical_local(local, date_only);
  if (!form) bad("invalid_time", "Ungültige Zeitangabe.", "Invalid time.");
  std::lock_guard lock(ical_mutex());
  auto* zone = zone_of(tz);
  if (!zone) bad("invalid_time_zone", "Unbekannte Zeitzone.", "Unknown time zone.");
  return to_ms(local_time(*form, zone), zone);
}

void validate(const Schedule& s) {
  if (!valid_zone(s.tz))
    bad("invalid_time_zone", "Unbekannte Zeitzone '" + s.tz + "': bitte einen Namen wie Europe/Berlin angeben.",
        "Unknown time zone '" + s.tz + "': please give a name such as Europe/Berlin.");
  const char* form_de = s.all_day ? "JJJJ-MM-TT" : "JJJJ-MM-TTTHH:MM";
  const char* form_en = s.all_day ? "YYYY-MM-DD" : "YYYY-MM-DDTHH:MM";
  if (!ical_local(s.starts_local, s.all_day))
    bad("invalid_starts", std::string("Beginn: bitte als ") + form_de + " angeben.", std::string("Start: please give it as ") + form_en + ".");
  if (!ical_local(s.ends_local, s.all_day))
    bad("invalid_ends", std::string("Ende: bitte als ") + form_de + " angeben.", std::string("End: please give it as ") + form_en + ".");
  const auto a = utc_ms(s.tz, s.starts_local, s.all_day), b = utc_ms(s.tz, s.ends_local, s.all_day);
  if (b < a || (!s.all_day && b == a))
    bad("end_before_start", "Das Ende liegt vor dem Beginn.", "The end is before the start.");
  if (b - a > 31LL * 24 * 3600 * 1000)
    bad("too_long", "Ein Termin dauert höchstens 31 Tage.", "An event lasts at most 31 days.");
  for (const auto& x : s.exdates)
    if (!ical_local(x, s.all_day))
      bad("invalid_exdates", std::string("Ausgenommene Termine: bitte als ") + form_de + " angeben.",
          std::string("Excluded dates: please give them as ") + form_en + ".");
  for (const auto& x : s.rdates) check_rdate(x, s.all_day);
  if (s.rrule.empty()) return;
  std::lock_guard lock(ical_mutex());
  const auto r = icalrecurrencetype_from_string(rule_text(s.rrule).c_str());
  icalerror_clear_errno();
  if (r.freq == ICAL_NO_RECURRENCE)
    bad("invalid_rrule", "Die Wiederholungsregel (RRULE nach RFC 5545) ist ungültig.", "The recurrence rule (RRULE, RFC 5545) is invalid.");
  if (r.freq == ICAL_SECONDLY_RECURRENCE || r.freq == ICAL_MINUTELY_RECURRENCE || r.freq == ICAL_HOURLY_RECURRENCE)
    bad("invalid_rrule", "Termine wiederholen sich höchstens täglich.", "Events repeat at most daily.");
}

Expansion expand(const Schedule& s, const std::map<std::string, Override>& overrides) {
  const auto first = *ical_local(s.starts_local, s.all_day);
  const auto last = *ical_local(s.ends_local, s.all_day);
  std::set<std::string> skipped;
  for (const auto& x : s.exdates) skipped.insert(*ical_local(x, s.all_day));
  std::lock_guard lock(ical_mutex());
  auto* zone = zone_of(s.tz);
  const auto start = icaltime_from_string(first.c_str());
  const auto duration = to_ms(local_time(last, zone), zone) - to_ms(local_time(first, zone), zone);
  const int days = static_cast<int>(duration / (24 * 3600 * 1000)) + 1;
  Expansion out;
  auto add = [&](const icaltimetype& t, const std::string& rid) {
    Occurrence o;
    o.recurrence_id = rid;
    auto sp = span_of(t, s, zone, duration, days);
    if (auto ov = overrides.find(rid); ov != overrides.end()) {
      const auto& v = ov->second;
      o.cancelled = v.cancelled;
      o.title = v.title;
      if (!v.starts_local.empty()) {
        const auto ns = icaltime_from_string(v.starts_local.c_str());
        const auto ne = icaltime_from_string(v.ends_local.c_str());
        sp = {span_of(ns, s, zone, 0, 0).starts_at, s.all_day ? span_of(ne, s, zone, 0, 1).ends_at : span_of(ne, s, zone, 0, 0).starts_at};
      }
      o.changed = !v.cancelled;
    }
    o.starts_at = sp.starts_at;
    o.ends_at = sp.ends_at;
    out.items.push_back(std::move(o));
  };
  if (!s.recurring()) {
    add(start, "");
    return out;
  }
  // Every date once, in order (the iCal local form sorts as the wall time): DTSTART, the rule's, the extra ones.
  std::map<std::string, icaltimetype> dates;
  bool cut = false;
  if (s.rrule.empty())
    dates.emplace(first, start);  // RDATEs alone: DTSTART is the first date (RFC 5545 3.8.5.2)
  else
    cut = rule_dates(s, start, zone, skipped.size(), dates);
  const auto first_ms = to_ms(local_time(first, zone), zone);
  for (const auto& r : s.rdates) {
    const auto rid = *ical_local(r, s.all_day);
    if (to_ms(local_time(rid, zone), zone) - first_ms > kHorizonMs) {
      cut = true;
      continue;
    }
    dates.emplace(rid, icaltime_from_string(rid.c_str()));
  }
  for (const auto& [rid, t] : dates) {
    if (skipped.count(rid)) continue;
    if (out.items.size() >= kMaxOccurrences) {
      cut = true;
      break;
    }
    add(t, rid);
  }
  out.truncated = cut;
  return out;
}

}  // namespace calendar
