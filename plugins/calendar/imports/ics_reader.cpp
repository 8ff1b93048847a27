#include "ics_reader.hpp"

#include <cstdio>
#include <memory>
#include <stdexcept>

#include <libical/ical.h>
#include <quartier/plugin.hpp>

#include "ical_lock.hpp"
#include "util.hpp"

namespace calendar {
namespace {

// Why one VEVENT is left out; caught per event, the rest goes on.
struct Skip : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct ComponentFree {
  void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};

std::string fmt(const icaltimetype& t, bool api_form) {
  char buf[32];
  if (t.is_date)
    std::snprintf(buf, sizeof buf, api_form ? "%04d-%02d-%02d" : "%04d%02d%02d", t.year, t.month, t.day);
  else if (api_form)
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d", t.year, t.month, t.day, t.hour, t.minute);
  else
    std::snprintf(buf, sizeof buf, "%04d%02d%02dT%02d%02d%02d", t.year, t.month, t.day, t.hour, t.minute, t.second);
  return buf;
}

// An IANA zone libical knows, also behind a vendor prefix ("/freeassociation.sourceforge.net/Europe/Berlin").
icaltimezone* builtin(const std::string& tzid, std::string& name) {
  for (std::size_t from = 0; from < tzid.size();) {
    const auto candidate = tzid.substr(from);
    if (!candidate.empty() && candidate.size() <= 64)
      if (auto* z = icaltimezone_get_builtin_timezone(candidate.c_str())) {
        name = candidate;
        return z;
      }
    const auto slash = tzid.find('/', from + 1);
    if (slash == std::string::npos) break;
    from = slash + 1;
  }
  return nullptr;
}

// A time of the feed as a wall time in a zone this plugin stores by name.
struct Zoned {
  icaltimetype t;
  std::string tz;
};

struct Context {
  icalcomponent* cal;
  icaltimezone* def_zone;
  std::string def_tz;
};

Zoned resolve(icalproperty* p, icaltimetype raw, const Context& cx) {
  if (icaltime_is_null_time(raw) || !icaltime_is_valid_time(raw)) throw Skip("a time that is none");
  if (raw.is_date) return {raw, cx.def_tz};
  if (icaltime_is_utc(raw)) return {icaltime_convert_to_zone(raw, cx.def_zone), cx.def_tz};
  if (auto* param = icalproperty_get_first_parameter(p, ICAL_TZID_PARAMETER)) {
    const std::string tzid = icalparameter_get_tzid(param) ? icalparameter_get_tzid(param) : "";
    std::string name;
    if (auto* z = builtin(tzid, name)) return {icaltime_set_timezone(&raw, z), name};
    if (auto* own = icalcomponent_get_timezone(cx.cal, tzid.c_str())) {  // the file's own VTIMEZONE
      raw = icaltime_set_timezone(&raw, own);
      return {icaltime_convert_to_zone(raw, cx.def_zone), cx.def_tz};
    }
    throw Skip("unknown time zone '" + shorten(tzid, 64) + "'");
  }
  return {icaltime_set_timezone(&raw, cx.def_zone), cx.def_tz};  // floating: the municipality's
}

// The time as a wall time in the event's zone.
icaltimetype in_zone(const Zoned& z, const Zoned& event_start) {
  if (z.tz == event_start.tz || z.t.is_date) return z.t;
  return icaltime_convert_to_zone(z.t, const_cast<icaltimezone*>(event_start.t.zone));
}

std::string text_of(const char* s, std::size_t max_bytes) { return s ? shorten(trim(s), max_bytes) : std::string(); }

icalproperty* first(icalcomponent* c, icalproperty_kind k) { return icalcomponent_get_first_property(c, k); }

// The end as the model keeps it: all-day the last day inclusive; no end = one day, or one hour.
icaltimetype end_of(icalcomponent* ev, const Zoned& start, const Context& cx) {
  icaltimetype end = start.t;
  if (auto* p = first(ev, ICAL_DTEND_PROPERTY)) {
    end = in_zone(resolve(p, icalproperty_get_dtend(p), cx), start);
  } else if (auto* d = first(ev, ICAL_DURATION_PROPERTY)) {
    end = icaltime_add(start.t, icalproperty_get_duration(d));
  } else if (!start.t.is_date) {
    icaltime_adjust(&end, 0, 1, 0, 0);
  }
  if (start.t.is_date) {
    end.is_date = 1;
    if (icaltime_compare_date_only(end, start.t) > 0) icaltime_adjust(&end, -1, 0, 0, 0);  // DTEND is exclusive
    if (icaltime_compare_date_only(end, start.t) < 0) end = start.t;
  }
  return end;
}

std::string rule_of(icalcomponent* ev) {
  auto* p = first(ev, ICAL_RRULE_PROPERTY);
  if (!p) return "";
  auto r = icalproperty_get_rrule(p);
  if (r.freq == ICAL_NO_RECURRENCE) throw Skip("an RRULE that cannot be read");
  char* text = icalrecurrencetype_as_string_r(&r);
  std::string out = text ? text : "";
  icalmemory_free_buffer(text);
  return out;
}

// Wall-clock seconds between two times of one zone (a PERIOD's length against the series').
long long wall_seconds(const icaltimetype& a, const icaltimetype& b) {
  return static_cast<long long>(icaltime_as_timet(b)) - static_cast<long long>(icaltime_as_timet(a));
}

// One RDATE: a date-time or date (in any zone the feed names, as the event's wall time) or a
// PERIOD (a start with its own end or duration: an extra date with an override of its end).
void read_rdate(icalproperty* p, SourceEvent& e, const Zoned& start, const icaltimetype& end, const Context& cx) {
  const auto v = icalproperty_get_rdate(p);
  const bool period = icaltime_is_null_time(v.time);
  if (period && e.all_day) throw Skip("an RDATE PERIOD for an all-day event");
  auto at = in_zone(resolve(p, period ? v.period.start : v.time, cx), start);
  if ((at.is_date != 0) != e.all_day)
    throw Skip(e.all_day ? "an RDATE with a time for an all-day event" : "an RDATE without a time for an event with one");
  const auto rid = fmt(at, false);
  e.rdates.push_back(fmt(at, true));
  if (!period) return;
  icaltimetype stop = icaltime_is_null_time(v.period.end) ? icaltime_add(at, v.period.duration)
                                                           : in_zone(resolve(p, v.period.end, cx), start);
  if (icaltime_compare(stop, at) <= 0) throw Skip("an RDATE PERIOD that ends before it starts");
  if (wall_seconds(at, stop) == wall_seconds(start.t, end)) return;  // the series' own length
  Override o;
  o.starts_local = rid;
  o.ends_local = fmt(stop, false);
  e.overrides[rid] = o;
}

SourceEvent read_master(icalcomponent* ev, const Context& cx) {
  SourceEvent e;
  e.uid = icalcomponent_get_uid(ev) ? trim(icalcomponent_get_uid(ev)) : "";
  if (e.uid.empty()) throw Skip("a VEVENT without UID");
  auto* ds = first(ev, ICAL_DTSTART_PROPERTY);
  if (!ds) throw Skip("no valid DTSTART");
  const auto start = resolve(ds, icalproperty_get_dtstart(ds), cx);
  const auto end = end_of(ev, start, cx);
  e.tz = start.tz;
  e.all_day = start.t.is_date != 0;
  e.starts_local = fmt(start.t, true);
  e.ends_local = fmt(end, true);
  e.title = text_of(icalcomponent_get_summary(ev), 200);
  if (e.title.empty()) e.title = "(ohne Titel / untitled)";
  e.description = text_of(icalcomponent_get_description(ev), 20000);
  e.address = text_of(icalcomponent_get_location(ev), 300);
  if (auto* u = first(ev, ICAL_URL_PROPERTY)) {
    const auto url = text_of(icalproperty_get_url(u), 600);
    if (url.size() <= 500 && (url.rfind("https://", 0) == 0 || url.rfind("http://", 0) == 0)) e.online_url = url;
  }
  e.rrule = rule_of(ev);
  for (auto* x = first(ev, ICAL_EXDATE_PROPERTY); x; x = icalcomponent_get_next_property(ev, ICAL_EXDATE_PROPERTY)) {
    auto t = in_zone(resolve(x, icalproperty_get_exdate(x), cx), start);
    t.is_date = e.all_day ? 1 : 0;
    e.exdates.push_back(fmt(t, true));
  }
  for (auto* x = first(ev, ICAL_RDATE_PROPERTY); x; x = icalcomponent_get_next_property(ev, ICAL_RDATE_PROPERTY))
    read_rdate(x, e, start, end, cx);
  if (e.rdates.size() > 500) throw Skip("more than 500 RDATEs");
  return e;
}

// One changed or cancelled date of a series already read.
void read_override(icalcomponent* ev, SourceEvent& master, const Context& cx) {
  auto* rp = first(ev, ICAL_RECURRENCEID_PROPERTY);
  std::string name;
  Zoned anchor{icaltime_null_time(), master.tz};
  anchor.t.zone = builtin(master.tz, name);
  auto rid = in_zone(resolve(rp, icalproperty_get_recurrenceid(rp), cx), anchor);
  rid.is_date = master.all_day ? 1 : 0;
  Override o;
  o.cancelled = icalcomponent_get_status(ev) == ICAL_STATUS_CANCELLED;
  if (!o.cancelled) {
    auto* ds = first(ev, ICAL_DTSTART_PROPERTY);
    if (!ds) throw Skip("a changed date without DTSTART");
    auto start = resolve(ds, icalproperty_get_dtstart(ds), cx);
    start.t = in_zone(start, anchor);
    start.tz = master.tz;
    auto end = end_of(ev, start, cx);
    if (!master.all_day && icaltime_compare(end, start.t) <= 0) throw Skip("a changed date that ends before it starts");
    start.t.is_date = end.is_date = master.all_day ? 1 : 0;
    o.starts_local = fmt(start.t, false);
    o.ends_local = fmt(end, false);
    const auto title = text_of(icalcomponent_get_summary(ev), 200);
    if (title != master.title) o.title = title;
  }
  master.overrides[fmt(rid, false)] = o;
}

icalcomponent* calendar_of(icalcomponent* root) {
  if (!root) return nullptr;
  if (icalcomponent_isa(root) == ICAL_VCALENDAR_COMPONENT) return root;
  return icalcomponent_get_first_component(root, ICAL_VCALENDAR_COMPONENT);
}

void refuse_non_calendar(const std::string& text) {
  const auto body = trim(text.rfind("\xEF\xBB\xBF", 0) == 0 ? text.substr(3) : text);
  if (!body.empty() && body[0] == '<')
    throw std::runtime_error("Die Adresse liefert eine Webseite (HTML), keinen Kalender: bitte die Adresse der .ics-Datei angeben. / "
                             "The address returns a web page (HTML), not a calendar: please give the address of the .ics file.");
  if (body.rfind("BEGIN:VCALENDAR", 0) != 0)
    throw std::runtime_error("Die Antwort ist kein iCalendar (sie beginnt nicht mit BEGIN:VCALENDAR). / "
                             "The answer is not an iCalendar (it does not begin with BEGIN:VCALENDAR).");
  if (body.size() < 13 || body.compare(body.size() - 13, 13, "END:VCALENDAR") != 0)
    throw std::runtime_error("Der Kalender ist unvollständig (END:VCALENDAR fehlt), nichts wurde übernommen. / "
                             "The calendar is incomplete (END:VCALENDAR is missing); nothing was imported.");
}

// Under the libical lock: the file into events, each VEVENT on its own.
SourceCalendar parse_locked(const std::string& text, const std::string& default_tz) {
  std::unique_ptr<icalcomponent, ComponentFree> root(icalparser_parse_string(text.c_str()));
  icalerror_clear_errno();
  auto* cal = calendar_of(root.get());
  if (!cal)
    throw std::runtime_error("Der Kalender lässt sich nicht lesen (kein gültiges iCalendar). / The calendar cannot be read (no valid iCalendar).");
  std::string def_name;
  Context cx{cal, builtin(default_tz, def_name), default_tz};
  if (!cx.def_zone) throw std::runtime_error("unknown default time zone " + default_tz);
  SourceCalendar out;
  std::map<std::string, std::size_t> by_uid;
  std::vector<icalcomponent*> changed;
  for (auto* ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); ev;
       ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
    if (first(ev, ICAL_RECURRENCEID_PROPERTY)) {
      changed.push_back(ev);
      continue;
    }
    const char* uid = icalcomponent_get_uid(ev);
    try {
      if (icalcomponent_get_status(ev) == ICAL_STATUS_CANCELLED) continue;  // as if gone from the source
      auto e = read_master(ev, cx);
      if (by_uid.count(e.uid)) throw Skip("a second VEVENT with the same UID");
      if (out.events.size() >= kMaxImportEvents)
        throw std::runtime_error("Der Kalender hat mehr als " + std::to_string(kMaxImportEvents) + " Termine; nichts wurde übernommen. / The calendar has more than " +
                                 std::to_string(kMaxImportEvents) + " events; nothing was imported.");
      by_uid[e.uid] = out.events.size();
      out.events.push_back(std::move(e));
    } catch (const Skip& why) {
      out.skipped.push_back("UID " + shorten(uid ? uid : "-", 120) + ": " + why.what());
    }
    icalerror_clear_errno();
  }
  for (auto* ev : changed) {
    const char* uid = icalcomponent_get_uid(ev);
    try {
      const auto it = by_uid.find(uid ? trim(uid) : "");
      if (it == by_uid.end() || (out.events[it->second].rrule.empty() && out.events[it->second].rdates.empty())) throw Skip("a changed date of no series in the file");
      read_override(ev, out.events[it->second], cx);
    } catch (const Skip& why) {
      out.skipped.push_back("UID " + shorten(uid ? uid : "-", 120) + " (RECURRENCE-ID): " + why.what());
    }
    icalerror_clear_errno();
  }
  return out;
}

}  // namespace

SourceCalendar read_ics(const std::string& text, const std::string& default_tz) {
  refuse_non_calendar(text);
  SourceCalendar out;
  {
    std::lock_guard lock(ical_mutex());
    out = parse_locked(text, default_tz);
  }
  // The model's own checks (outside the lock: they take it): form, end after start, the rule.
  std::vector<SourceEvent> kept;
  for (auto& e : out.events) {
    try {
      validate(Schedule{e.tz, e.all_day, e.starts_local, e.ends_local, e.rrule, e.exdates, e.rdates});
      kept.push_back(std::move(e));
    } catch (const std::exception& why) {
      out.skipped.push_back("UID " + shorten(e.uid, 120) + ": " + why.what());
    }
  }
  out.events = std::move(kept);
  return out;
}

}  // namespace calendar
