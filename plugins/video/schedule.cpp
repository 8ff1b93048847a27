#include "schedule.hpp"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <iterator>
#include <fstream>
#include <memory>
#include <mutex>
#include <sstream>
#include <stdexcept>

#include <boost/date_time/local_time/local_time.hpp>

#include "util.hpp"

namespace video {
namespace {

namespace lt = boost::local_time;
namespace pt = boost::posix_time;
namespace gr = boost::gregorian;

constexpr std::size_t kMaxSlots = 21;

struct Zone {
  std::string name = "UTC";
  lt::time_zone_ptr tz{new lt::posix_time_zone("UTC0")};
};

std::mutex g_mu;
Zone g_zone;

Zone zone() {
  std::lock_guard lock(g_mu);
  return g_zone;
}

// The last line of a TZif v2+ file: the POSIX TZ rule for times after its table.
std::string posix_rule(const std::string& iana) {
  if (iana.empty() || iana.size() > 64 || iana.find("..") != std::string::npos || iana.front() == '/' ||
      iana.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/_+-") != std::string::npos)
    throw std::runtime_error("not an IANA time zone name");
  std::ifstream in("/usr/share/zoneinfo/" + iana, std::ios::binary);
  std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (data.size() < 44 || data.compare(0, 4, "TZif") != 0 || data.back() != '\n')
    throw std::runtime_error("the system's tz database (tzdata) does not know it");
  const auto start = data.rfind('\n', data.size() - 2);
  return data.substr(start + 1, data.size() - start - 2);
}

// Boost's posix_time_zone reads offsets with the opposite sign of POSIX ("CET-1" is UTC+1 in
// POSIX, UTC-1 for Boost) and takes no quoted names ("<+03>"): both rewritten for it.
std::string for_boost(const std::string& rule) {
  std::string out;
  std::size_t i = 0;
  for (int part = 0; part < 2 && i < rule.size() && rule[i] != ','; ++part) {
    if (rule[i] == '<') {
      const auto end = rule.find('>', i);
      if (end == std::string::npos) throw std::runtime_error("a malformed TZ rule");
      i = end + 1;
      out += part == 0 ? "STD" : "DST";
    } else {
      const auto start = i;
      while (i < rule.size() && std::isalpha(static_cast<unsigned char>(rule[i]))) ++i;
      out += rule.substr(start, i - start);
    }
    const auto start = i;
    while (i < rule.size() && (std::isdigit(static_cast<unsigned char>(rule[i])) || std::strchr("+-:", rule[i]))) ++i;
    std::string offset = rule.substr(start, i - start);
    if (offset.empty()) continue;
    if (offset[0] == '-') offset.erase(0, 1);
    else if (offset[0] == '+') offset[0] = '-';
    else offset.insert(0, "-");
    out += offset;
  }
  return out + rule.substr(i);
}

std::int64_t to_ms(const pt::ptime& utc) { return (utc - pt::ptime(gr::date(1970, 1, 1))).total_milliseconds(); }

pt::ptime local_of(std::int64_t utc_ms, const Zone& z) {
  const pt::ptime utc = pt::ptime(gr::date(1970, 1, 1)) + pt::milliseconds(utc_ms);
  return lt::local_date_time(utc, z.tz).local_time();
}

int iso_day(const gr::date& d) {
  const int w = d.day_of_week().as_number();  // 0 = Sunday
  return w == 0 ? 7 : w;
}

int minutes(const pt::ptime& t) { return static_cast<int>(t.time_of_day().total_seconds() / 60); }

std::string hhmm(int m) {  // 0..1440
  const auto two = [](int n) { return std::string(1, static_cast<char>('0' + n / 10)) + static_cast<char>('0' + n % 10); };
  return two(m / 60 % 100) + ":" + two(m % 60);
}

quartier::HttpError bad(const std::string& de, const std::string& en) {
  return error(400, "invalid_hours", "Sprechzeiten: " + de, "Consultation hours: " + en);
}

int parse_time(const boost::json::object& o, const char* key, std::size_t n) {
  const auto* v = o.if_contains(key);
  const std::string where = "Zeile " + std::to_string(n) + ", '" + key + "'";
  const std::string where_en = "entry " + std::to_string(n) + ", '" + key + "'";
  if (!v || !v->is_string() || v->as_string().size() != 5 || v->as_string()[2] != ':')
    throw bad(where + " muss eine Uhrzeit wie \"09:30\" sein.", where_en + " must be a time such as \"09:30\".");
  const std::string s(v->as_string());
  if (!std::isdigit(static_cast<unsigned char>(s[0])) || !std::isdigit(static_cast<unsigned char>(s[1])) ||
      !std::isdigit(static_cast<unsigned char>(s[3])) || !std::isdigit(static_cast<unsigned char>(s[4])))
    throw bad(where + " muss eine Uhrzeit wie \"09:30\" sein.", where_en + " must be a time such as \"09:30\".");
  const int h = std::stoi(s.substr(0, 2)), m = std::stoi(s.substr(3, 2));
  if (m > 59 || h > 24 || (h == 24 && m != 0))
    throw bad(where + " liegt nicht zwischen 00:00 und 24:00.", where_en + " is not between 00:00 and 24:00.");
  return h * 60 + m;
}

}  // namespace

void set_time_zone(const std::string& iana) {
  Zone z;
  z.name = iana;
  try {
    z.tz.reset(new lt::posix_time_zone(for_boost(posix_rule(iana))));
  } catch (const std::exception& e) {
    throw std::runtime_error("video: time_zone \"" + iana + "\": " + e.what());
  }
  std::lock_guard lock(g_mu);
  g_zone = std::move(z);
}

std::string time_zone() {
  std::lock_guard lock(g_mu);
  return g_zone.name;
}

std::vector<Slot> parse_hours(const boost::json::value& v) {
  if (!v.is_array())
    throw bad("bitte eine Liste wie [{\"day\": 2, \"from\": \"09:00\", \"to\": \"12:00\"}].",
              "please a list such as [{\"day\": 2, \"from\": \"09:00\", \"to\": \"12:00\"}].");
  if (v.as_array().size() > kMaxSlots)
    throw bad("höchstens " + std::to_string(kMaxSlots) + " Zeiten.", "at most " + std::to_string(kMaxSlots) + " entries.");
  std::vector<Slot> out;
  std::size_t n = 0;
  for (const auto& item : v.as_array()) {
    ++n;
    if (!item.is_object()) throw bad("Zeile " + std::to_string(n) + " ist kein Objekt.", "entry " + std::to_string(n) + " is not an object.");
    const auto& o = item.as_object();
    const auto* day = o.if_contains("day");
    if (!day || !day->is_int64() || day->as_int64() < 1 || day->as_int64() > 7)
      throw bad("Zeile " + std::to_string(n) + ", 'day' muss 1 (Montag) bis 7 (Sonntag) sein.",
                "entry " + std::to_string(n) + ", 'day' must be 1 (Monday) to 7 (Sunday).");
    Slot s{static_cast<int>(day->as_int64()), parse_time(o, "from", n), parse_time(o, "to", n)};
    if (s.from >= s.to)
      throw bad("Zeile " + std::to_string(n) + ": 'from' muss vor 'to' liegen (über Mitternacht bitte zwei Zeiten).",
                "entry " + std::to_string(n) + ": 'from' must come before 'to' (across midnight, please two entries).");
    out.push_back(s);
  }
  std::sort(out.begin(), out.end(), [](const Slot& a, const Slot& b) { return a.day != b.day ? a.day < b.day : a.from < b.from; });
  return out;
}

std::vector<Slot> hours_from_text(const std::string& text) {
  if (text.empty()) return {};
  boost::system::error_code ec;
  auto v = boost::json::parse(text, ec);
  if (ec || !v.is_array()) return {};
  std::vector<Slot> out;
  for (const auto& s : v.as_array())
    out.push_back({static_cast<int>(s.at("day").as_int64()), static_cast<int>(s.at("from_min").as_int64()),
                   static_cast<int>(s.at("to_min").as_int64())});
  return out;
}

std::string hours_to_text(const std::vector<Slot>& hours) {
  if (hours.empty()) return "";
  boost::json::array a;
  for (const auto& s : hours) a.push_back({{"day", s.day}, {"from_min", s.from}, {"to_min", s.to}});
  return boost::json::serialize(a);
}

boost::json::array hours_json(const std::vector<Slot>& hours) {
  boost::json::array a;
  for (const auto& s : hours) a.push_back({{"day", s.day}, {"from", hhmm(s.from)}, {"to", hhmm(s.to)}});
  return a;
}

bool open_at(const std::vector<Slot>& hours, std::int64_t utc_ms) {
  const auto local = local_of(utc_ms, zone());
  const int day = iso_day(local.date()), m = minutes(local);
  return std::any_of(hours.begin(), hours.end(), [&](const Slot& s) { return s.day == day && s.from <= m && m < s.to; });
}

std::optional<Opening> next_opening(const std::vector<Slot>& hours, std::int64_t utc_ms) {
  const Zone z = zone();
  const auto now = local_of(utc_ms, z);
  for (int d = 0; d <= 7; ++d) {
    const gr::date date = now.date() + gr::days(d);
    for (const auto& s : hours) {
      if (s.day != iso_day(date) || (d == 0 && s.from <= minutes(now))) continue;
      // A start in the spring-forward gap does not exist that day; the next slot is tried.
      lt::local_date_time at(date, pt::minutes(s.from), z.tz, lt::local_date_time::NOT_DATE_TIME_ON_ERROR);
      if (at.is_not_a_date_time()) continue;
      return Opening{to_ms(at.utc_time()), gr::to_iso_extended_string(date) + "T" + hhmm(s.from), s.day};
    }
  }
  return std::nullopt;
}

std::string describe(const Opening& o) {
  static const char* de[] = {"Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"};
  static const char* en[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
  const std::string date = o.local.substr(0, 10), time = o.local.substr(11, 5);
  const std::string german = date.substr(8, 2) + "." + date.substr(5, 2) + "." + date.substr(0, 4);
  return std::string(de[o.day - 1]) + ", " + german + ", " + time + " Uhr / " + en[o.day - 1] + ", " + date + ", " + time +
         " (" + time_zone() + ")";
}

}  // namespace video
