#pragma once
// An iCal answer read back with an independent parser (Python's icalendar, check_ics.py): what
// the tests compare, as JSON.
#include <cstdio>
#include <fstream>
#include <string>

#include "calendar_fixture.hpp"

namespace qt::test::cal {

// The file as Python's icalendar reads it.
inline boost::json::object parsed(const TestServer& server, const HttpResponse& r) {
  const auto& dir = server.dir();
  const auto log = r.status == 200 ? std::string() : server.log();
  INFO(r.status << " " << r.body << "\n" << log.substr(log.size() > 4000 ? log.size() - 4000 : 0));
  REQUIRE(r.status == 200);
  CHECK(r.header("content-type").value_or("").rfind("text/calendar", 0) == 0);
  const auto file = dir.path() / "feed.ics";
  std::ofstream(file) << r.body;
  std::string cmd = std::string("/usr/bin/python3 ") + QT_CAL_ICS_CHECK + " " + file.string() + " 2>&1";
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  REQUIRE(p);
  char buf[4096];
  for (std::size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
  const int rc = pclose(p);
  INFO(out);
  REQUIRE(rc == 0);
  return boost::json::parse(out).as_object();
}

// The VEVENT with this summary (the first, when a series has changed dates with the same one).
inline const boost::json::object& by_summary(const boost::json::object& cal, const std::string& summary) {
  for (const auto& e : cal.at("events").as_array())
    if (e.at("summary").as_string() == summary) return e.as_object();
  FAIL("no VEVENT " << summary);
  static boost::json::object none;
  return none;
}

}  // namespace qt::test::cal
