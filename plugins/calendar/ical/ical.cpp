#include "ical.hpp"

#include <ctime>
#include <memory>
#include <set>

#include <libical/ical.h>

#include "ical_lock.hpp"

namespace calendar {
namespace {

// A local time of the event as libical's time in its zone (all-day: a DATE).
icaltimetype local(const std::string& ical, icaltimezone* zone, bool all_day) {
  icaltimetype t = icaltime_from_string(ical.c_str());
  t.is_date = all_day ? 1 : 0;
  return all_day ? t : icaltime_set_timezone(&t, zone);
}

// A property with its TZID parameter (none for all-day dates).
icalproperty* with_tzid(icalproperty* p, icaltimezone* zone, bool all_day) {
  if (!all_day) icalproperty_add_parameter(p, icalparameter_new_tzid(icaltimezone_get_location(zone)));
  return p;
}

std::string api_to_ical(const std::string& api, bool all_day) { return *ical_local(api, all_day); }

// The exclusive end of an all-day event: the day after its last day.
icaltimetype day_after(const std::string& ical) {
  icaltimetype t = icaltime_from_string(ical.c_str());
  t.is_date = 1;
  icaltime_adjust(&t, 1, 0, 0, 0);
  return t;
}

void add_common(icalcomponent* ev, const Event& e, icaltimetype stamp) {
  icalcomponent_add_property(ev, icalproperty_new_uid(e.uid.c_str()));
  icalcomponent_add_property(ev, icalproperty_new_dtstamp(stamp));
  if (!e.address.empty()) icalcomponent_add_property(ev, icalproperty_new_location(e.address.c_str()));
  if (!e.online_url.empty()) icalcomponent_add_property(ev, icalproperty_new_url(e.online_url.c_str()));
  if (e.lat) icalcomponent_add_property(ev, icalproperty_new_geo(icalgeotype{*e.lat, *e.lon}));
  icalcomponent_add_property(ev, icalproperty_new_categories(e.category.c_str()));
}

void add_times(icalcomponent* ev, const Event& e, const std::string& start, const std::string& end, icaltimezone* zone) {
  icalcomponent_add_property(ev, with_tzid(icalproperty_new_dtstart(local(start, zone, e.all_day)), zone, e.all_day));
  const auto stop = e.all_day ? day_after(end) : local(end, zone, false);
  icalcomponent_add_property(ev, with_tzid(icalproperty_new_dtend(stop), zone, e.all_day));
}

icalcomponent* master(const IcsEvent& x, icaltimezone* zone, icaltimetype stamp) {
  const auto& e = x.event;
  icalcomponent* ev = icalcomponent_new(ICAL_VEVENT_COMPONENT);
  add_common(ev, e, stamp);
  icalcomponent_add_property(ev, icalproperty_new_summary(e.title.c_str()));
  if (!e.description.empty()) icalcomponent_add_property(ev, icalproperty_new_description(e.description.c_str()));
  add_times(ev, e, api_to_ical(e.starts_local, e.all_day), api_to_ical(e.ends_local, e.all_day), zone);
  if (!e.recurring()) return ev;
  if (!e.rrule.empty()) {
    const auto rule_text = e.rrule.rfind("RRULE:", 0) == 0 ? e.rrule.substr(6) : e.rrule;
    icalcomponent_add_property(ev, icalproperty_new_rrule(icalrecurrencetype_from_string(rule_text.c_str())));
  }
  for (const auto& d : e.rdates) {  // extra dates, in the event's zone like DTSTART (all-day: VALUE=DATE)
    icaldatetimeperiodtype extra{};
    extra.time = local(api_to_ical(d, e.all_day), zone, e.all_day);
    extra.period = icalperiodtype_null_period();
    icalcomponent_add_property(ev, with_tzid(icalproperty_new_rdate(extra), zone, e.all_day));
  }
  std::set<std::string> skipped;
  for (const auto& d : e.exdates) skipped.insert(api_to_ical(d, e.all_day));
  for (const auto& [rid, o] : x.overrides)
    if (o.cancelled) skipped.insert(rid);  // a cancelled date is an EXDATE for every client
  for (const auto& rid : skipped)
    icalcomponent_add_property(ev, with_tzid(icalproperty_new_exdate(local(rid, zone, e.all_day)), zone, e.all_day));
  return ev;
}

icalcomponent* changed(const IcsEvent& x, const std::string& rid, const Override& o, icaltimezone* zone, icaltimetype stamp) {
  const auto& e = x.event;
  icalcomponent* ev = icalcomponent_new(ICAL_VEVENT_COMPONENT);
  add_common(ev, e, stamp);
  icalcomponent_add_property(ev, with_tzid(icalproperty_new_recurrenceid(local(rid, zone, e.all_day)), zone, e.all_day));
  icalcomponent_add_property(ev, icalproperty_new_summary((o.title.empty() ? e.title : o.title).c_str()));
  if (!e.description.empty()) icalcomponent_add_property(ev, icalproperty_new_description(e.description.c_str()));
  if (!o.starts_local.empty()) {
    add_times(ev, e, o.starts_local, o.ends_local, zone);
    return ev;
  }
  // Only the title changed: the date as the series has it.
  const auto first = icaltime_from_string(api_to_ical(e.starts_local, e.all_day).c_str());
  const auto last = icaltime_from_string(api_to_ical(e.ends_local, e.all_day).c_str());
  auto start = local(rid, zone, e.all_day);
  auto end = start;
  icaltime_adjust(&end, 0, 0, 0, static_cast<int>(icaltime_as_timet(last) - icaltime_as_timet(first)));
  if (e.all_day) icaltime_adjust(&end, 1, 0, 0, 0);
  icalcomponent_add_property(ev, with_tzid(icalproperty_new_dtstart(start), zone, e.all_day));
  icalcomponent_add_property(ev, with_tzid(icalproperty_new_dtend(end), zone, e.all_day));
  return ev;
}

}  // namespace

std::string ics_of(const std::vector<IcsEvent>& events, const std::string& calendar_name) {
  std::lock_guard lock(ical_mutex());
  std::unique_ptr<icalcomponent, void (*)(icalcomponent*)> cal(icalcomponent_new(ICAL_VCALENDAR_COMPONENT), icalcomponent_free);
  icalcomponent_add_property(cal.get(), icalproperty_new_version("2.0"));
  icalcomponent_add_property(cal.get(), icalproperty_new_prodid("-//Quartier//Kalender 1.0//DE"));
  icalcomponent_add_property(cal.get(), icalproperty_new_method(ICAL_METHOD_PUBLISH));
  icalcomponent_add_property(cal.get(), icalproperty_new_x(calendar_name.c_str()));
  icalproperty_set_x_name(icalcomponent_get_first_property(cal.get(), ICAL_X_PROPERTY), "X-WR-CALNAME");
  const auto stamp = icaltime_from_timet_with_zone(std::time(nullptr), 0, icaltimezone_get_utc_timezone());
  std::set<std::string> zones;
  for (const auto& x : events) {
    auto* zone = icaltimezone_get_builtin_timezone(x.event.tz.c_str());
    if (!zone) continue;  // checked when stored; a zone gone from the system is skipped, not guessed
    if (zones.insert(x.event.tz).second) {
      // TZID as the IANA name (libical prefixes its own zones' ids), which every client resolves.
      icalcomponent* vtz = icalcomponent_new_clone(icaltimezone_get_component(zone));
      if (auto* id = icalcomponent_get_first_property(vtz, ICAL_TZID_PROPERTY)) icalproperty_set_tzid(id, x.event.tz.c_str());
      icalcomponent_add_component(cal.get(), vtz);
    }
    icalcomponent_add_component(cal.get(), master(x, zone, stamp));
    for (const auto& [rid, o] : x.overrides)
      if (!o.cancelled) icalcomponent_add_component(cal.get(), changed(x, rid, o, zone, stamp));
  }
  char* text = icalcomponent_as_ical_string_r(cal.get());
  std::string out = text ? text : "";
  free(text);
  icalerror_clear_errno();
  return out;
}

}  // namespace calendar
