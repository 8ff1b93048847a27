#!/usr/bin/python3
"""Parses an iCalendar file with Python's icalendar (independent of libical) and prints what the
tests check as JSON: each VEVENT's UID, summary, start and end (UTC, ISO), the zone of DTSTART,
RRULE, EXDATEs and RDATEs (UTC; an all-day date as the date), RECURRENCE-ID, and the VTIMEZONEs. Exit 1 when the file does not parse."""
import datetime
import json
import sys

import icalendar


def utc(value):
    dt = value.dt
    if isinstance(dt, datetime.datetime):
        if dt.tzinfo is None:
            return dt.isoformat() + "?floating"
        return dt.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return dt.isoformat()


def zone(value):
    dt = value.dt
    return str(getattr(dt, "tzinfo", None) or "")


def dates(component, name):
    raw = component.get(name)
    if raw is None:
        return []
    out = []
    for group in raw if isinstance(raw, list) else [raw]:
        for d in group.dts:
            if isinstance(d.dt, tuple):  # an RDATE PERIOD: (start, end or duration)
                raise SystemExit(f"{name} PERIOD where none is expected")
            out.append(utc(d))
    return sorted(out)


def main():
    with open(sys.argv[1], "rb") as f:
        cal = icalendar.Calendar.from_ical(f.read())
    events = []
    for c in cal.walk("VEVENT"):
        events.append({
            "uid": str(c.get("UID")),
            "summary": str(c.get("SUMMARY")),
            "start": utc(c.decoded("DTSTART") and c.get("DTSTART")),
            "end": utc(c.get("DTEND")),
            "zone": zone(c.get("DTSTART")),
            "rrule": c.get("RRULE").to_ical().decode() if c.get("RRULE") else "",
            "exdates": dates(c, "EXDATE"),
            "rdates": dates(c, "RDATE"),
            "recurrence_id": utc(c.get("RECURRENCE-ID")) if c.get("RECURRENCE-ID") else "",
            "location": str(c.get("LOCATION") or ""),
        })
    zones = [str(t.get("TZID")) for t in cal.walk("VTIMEZONE")]
    print(json.dumps({"name": str(cal.get("X-WR-CALNAME") or ""), "events": events, "zones": zones}))


if __name__ == "__main__":
    main()
