#include "importer.hpp"

#include <algorithm>

#include "event.hpp"
#include "util.hpp"

namespace calendar {
namespace {

using quartier::HttpError;
using quartier::Statement;

constexpr const char* kColumns =
    "id, container_id, url, created_by, interval_minutes, created_at, last_attempt_at, last_success_at, last_error,"
    " events, skipped, skipped_reasons, department_id";

std::int64_t setting_int(std::string_view key, std::int64_t fallback, std::int64_t lo, std::int64_t hi) {
  const auto v = quartier::config(key);
  try {
    return v && !v->empty() ? std::clamp<std::int64_t>(std::stoll(std::string(*v)), lo, hi) : fallback;
  } catch (const std::exception&) {
    return fallback;
  }
}

std::string location_of(const std::string& headers) {
  std::string lower = headers;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  const auto at = lower.find("location:");
  if (at == std::string::npos) return "";
  const auto end = headers.find_first_of("\r\n", at);
  return trim(headers.substr(at + 9, end == std::string::npos ? std::string::npos : end - at - 9));
}

[[noreturn]] void fetch_failed(const quartier::Error& e, const std::string& url, std::uint32_t max_bytes) {
  const std::string what = e.what();
  if (e.status() == QT_ERR_DENIED)
    throw std::runtime_error("Der Server darf diese Adresse nicht abrufen: die Verwaltung muss ihren Host in [plugins.calendar] http_allow eintragen. / "
                             "The server may not fetch this address: the administrators must list its host in [plugins.calendar] http_allow.");
  if (what.find("larger than") != std::string::npos)
    throw std::runtime_error("Die Datei ist größer als " + std::to_string(max_bytes >> 20) + " MB und wurde nicht übernommen. / The file is larger than " +
                             std::to_string(max_bytes >> 20) + " MB and was not imported.");
  throw std::runtime_error("Keine Antwort von " + shorten(url, 200) + " (" + what + "). / No answer from " + shorten(url, 200) + " (" + what + ").");
}

void record_failure(std::int64_t id, const std::string& why) {
  Statement s("UPDATE calendar_imports SET last_attempt_at = :now, last_error = :e WHERE id = :id");
  s.bind("now", now_ms()).bind("e", shorten(why, 1000)).bind("id", id).run();
}

}  // namespace

void record_success(std::int64_t id, const SourceCalendar& cal) {
  std::string reasons;
  for (std::size_t i = 0; i < cal.skipped.size() && i < 50; ++i) reasons += shorten(cal.skipped[i], 300) + "\n";
  const auto now = now_ms();
  Statement s("UPDATE calendar_imports SET last_attempt_at = :now, last_success_at = :now2, last_error = '', events = :n,"
              " skipped = :k, skipped_reasons = :r WHERE id = :id");
  s.bind("now", now).bind("now2", now).bind("n", static_cast<std::int64_t>(cal.events.size()));
  s.bind("k", static_cast<std::int64_t>(cal.skipped.size())).bind("r", reasons).bind("id", id).run();
}

namespace {

// The durable schedule's run: every import whose interval has passed, each on its own.
void poll_due() {
  std::vector<std::int64_t> due;
  {
    Statement s("SELECT id, interval_minutes, last_attempt_at FROM calendar_imports ORDER BY id");
    const auto now = now_ms();
    while (s.step())
      if (s.is_null(2) || s.int64(2) + s.int64(1) * 60000 <= now) due.push_back(s.int64(0));
  }
  for (auto id : due) poll_import(id);
}

}  // namespace

std::optional<ImportSource> find_import(std::int64_t id) {
  Statement s(std::string("SELECT ") + kColumns + " FROM calendar_imports WHERE id = :id");
  s.bind("id", id);
  if (!s.step()) return std::nullopt;
  ImportSource r;
  r.id = s.int64(0), r.container_id = s.int64(1), r.url = s.text(2), r.created_by = s.int64(3);
  r.interval_minutes = s.int64(4), r.created_at = s.int64(5);
  r.last_attempt_at = s.optional_int64(6), r.last_success_at = s.optional_int64(7), r.last_error = s.text(8);
  r.events = s.int64(9), r.skipped = s.int64(10), r.skipped_reasons = s.text(11);
  r.department_id = s.is_null(12) ? 0 : s.int64(12);
  return r;
}

boost::json::object import_json(const ImportSource& s) {
  auto opt = [](const std::optional<std::int64_t>& v) { return v ? boost::json::value(*v) : boost::json::value(nullptr); };
  boost::json::array reasons;
  for (const auto& line : split(s.skipped_reasons, '\n')) reasons.push_back(boost::json::value(line));
  return boost::json::object{{"id", s.id}, {"container_id", s.container_id}, {"url", s.url},
                             {"interval_minutes", s.interval_minutes}, {"created_at", s.created_at},
                             {"last_attempt_at", opt(s.last_attempt_at)}, {"last_success_at", opt(s.last_success_at)},
                             {"last_error", s.last_error}, {"events", s.events}, {"skipped", s.skipped},
                             {"skipped_reasons", std::move(reasons)},
                             {"department_id", s.department_id ? boost::json::value(s.department_id) : boost::json::value(nullptr)}};
}

std::string checked_import_url(const std::string& raw) {
  auto url = trim(raw);
  for (const char* scheme : {"webcal://", "webcals://"})
    if (url.rfind(scheme, 0) == 0) url = "https://" + url.substr(std::string(scheme).size());
  const bool web = url.rfind("https://", 0) == 0 || url.rfind("http://", 0) == 0;
  const bool clean = std::none_of(url.begin(), url.end(), [](unsigned char c) { return c <= ' ' || c == 0x7f; });
  if (!web || !clean || url.size() > 2000 || url.find("://") + 3 >= url.size())
    throw HttpError(400, "invalid_url",
                    "Bitte die Adresse des Kalenders angeben (https://…, http://… oder webcal://…, ohne Leerzeichen). / "
                    "Please give the calendar's address (https://…, http://… or webcal://…, without spaces).");
  return url;
}

SourceCalendar fetch_calendar(const std::string& url) {
  quartier::FetchRequest rq;
  rq.url = url;
  rq.headers = "Accept: text/calendar, application/ics;q=0.9, */*;q=0.1";
  rq.timeout_ms = static_cast<std::uint32_t>(setting_int("import_timeout_seconds", 20, 1, 120) * 1000);
  rq.max_bytes = static_cast<std::uint32_t>(setting_int("import_max_megabytes", 10, 1, 64) << 20);
  rq.user_agent_product = "quartier-calendar/1.0 ical-import";
  quartier::FetchResponse r;
  try {
    r = quartier::http_fetch(rq);
  } catch (const quartier::Error& e) {
    fetch_failed(e, url, rq.max_bytes);
  }
  if (r.status >= 300 && r.status < 400)
    throw std::runtime_error("Die Adresse leitet weiter nach " + shorten(location_of(r.headers), 300) + ": bitte diese Adresse eintragen. / "
                             "The address redirects to " + shorten(location_of(r.headers), 300) + ": please enter that address.");
  if (r.status != 200)
    throw std::runtime_error("Die Quelle antwortet mit HTTP-Status " + std::to_string(r.status) + ". / The source answers with HTTP status " +
                             std::to_string(r.status) + ".");
  if (r.content_type.find("text/html") != std::string::npos)
    throw std::runtime_error("Die Adresse liefert eine Webseite (HTML), keinen Kalender: bitte die Adresse der .ics-Datei angeben. / "
                             "The address returns a web page (HTML), not a calendar: please give the address of the .ics file.");
  return read_ics(r.body, std::string(quartier::config("time_zone").value_or("Europe/Berlin")));
}

ImportStats poll_import(std::int64_t id) {
  const auto imp = find_import(id);
  if (!imp) return {};
  try {
    const auto cal = fetch_calendar(imp->url);
    quartier::Transaction tx;
    record_success(imp->id, cal);  // first: holds the import's row while this poll stores
    const auto stats = store_import(*imp, cal);
    tx.commit();
    for (const auto& why : cal.skipped) quartier::log_warn("calendar import " + std::to_string(id) + ": skipped " + why);
    quartier::log_info("calendar import " + std::to_string(id) + ": " + std::to_string(stats.added) + " added, " +
                       std::to_string(stats.updated) + " updated, " + std::to_string(stats.removed) + " removed, " +
                       std::to_string(stats.unchanged) + " unchanged, " + std::to_string(cal.skipped.size()) + " skipped");
    return stats;
  } catch (const std::exception& e) {
    quartier::log_warn("calendar import " + std::to_string(id) + " failed, its events stay as they were: " + e.what());
    record_failure(id, e.what());
    return {};
  }
}

void add_imports(quartier::Plugin& plugin) {
  plugin.setting("import_check_seconds", QT_SETTING_INT, "300",
                 "Wie oft nachgesehen wird, welche importierten Kalender wieder abzurufen sind, in Sekunden.",
                 "How often the server looks for imported calendars that are due, in seconds.");
  plugin.setting("import_timeout_seconds", QT_SETTING_INT, "20", "Wie lange auf einen importierten Kalender gewartet wird, in Sekunden.",
                 "How long to wait for an imported calendar, in seconds.");
  plugin.setting("import_max_megabytes", QT_SETTING_INT, "10", "Größte Datei eines importierten Kalenders, in MB (höchstens 64).",
                 "Largest file of an imported calendar, in MB (at most 64).");
  const auto& a = quartier::api();
  // The imports run on the core's durable jobs; `quartier plugins check` has none.
  if (!QT_HOST_HAS(&a, schedule_every) || !QT_HOST_HAS(&a, http_fetch)) return;
  quartier::job_handler("calendar_import_poll", [](const quartier::JobInfo&) { poll_due(); });
  quartier::schedule_every("calendar_import_poll",
                           static_cast<std::uint64_t>(setting_int("import_check_seconds", 300, 1, 86400)) * 1000);
}

}  // namespace calendar
