#include "input.hpp"

#include <array>

#include "place.hpp"
#include "util.hpp"

namespace calendar {
namespace {

using quartier::HttpError;

constexpr const char* kFields =
    "container_id,department_id,title,description,category,time_zone,all_day,starts,ends,rrule,exdates,rdates,address,lat,lon,online_url,"
    "capacity,accessibility,step_free,sign_language,contact,attendees_public";

constexpr std::array<const char*, 8> kCategories{"culture", "sport", "family", "neighbourhood", "council",
                                                 "education", "market", "other"};

[[noreturn]] void bad(const std::string& field, const std::string& de, const std::string& en) {
  throw HttpError(400, "invalid_" + field, de + " / " + en);
}

std::vector<std::string> string_list(const boost::json::object& o, std::string_view key) {
  std::vector<std::string> out;
  const auto* v = o.if_contains(key);
  if (!v || v->is_null()) return out;
  if (!v->is_array() || v->as_array().size() > 500)
    bad(std::string(key), "'" + std::string(key) + "' muss eine Liste (höchstens 500) sein.",
        "'" + std::string(key) + "' must be a list (at most 500).");
  for (const auto& x : v->as_array()) {
    if (!x.is_string()) bad(std::string(key), "'" + std::string(key) + "' enthält nur Texte.", "'" + std::string(key) + "' holds texts only.");
    out.emplace_back(x.as_string());
  }
  return out;
}

std::optional<double> opt_number(const boost::json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (!v || v->is_null()) return std::nullopt;
  if (v->is_double()) return v->as_double();
  if (v->is_int64()) return static_cast<double>(v->as_int64());
  bad(std::string(key), "'" + std::string(key) + "' muss eine Zahl sein.", "'" + std::string(key) + "' must be a number.");
}

void apply_texts(Event& e, const boost::json::object& o, bool create) {
  if (auto v = opt_string(o, "title", 200)) e.title = trim(*v);
  if ((create || o.contains("title")) && e.title.empty())
    bad("title", "Bitte einen Titel angeben.", "Please give a title.");
  if (auto v = opt_string(o, "description", 20000)) e.description = trim(*v);
  if (auto v = opt_string(o, "category", 40)) {
    if (!valid_category(*v))
      bad("category", "Unbekannte Kategorie.", "Unknown category.");
    e.category = *v;
  }
  if (auto v = opt_string(o, "address", 300)) e.address = trim(*v);
  if (auto v = opt_string(o, "online_url", 500)) {
    e.online_url = trim(*v);
    if (!e.online_url.empty() && e.online_url.rfind("https://", 0) != 0 && e.online_url.rfind("http://", 0) != 0)
      bad("online_url", "Der Online-Link beginnt mit https://.", "The online link starts with https://.");
  }
  if (auto v = opt_string(o, "accessibility", 1000)) e.accessibility = trim(*v);
  if (auto v = opt_string(o, "contact", 200)) e.contact = trim(*v);
  if (auto v = opt_bool(o, "step_free")) e.step_free = *v;
  if (auto v = opt_bool(o, "sign_language")) e.sign_language = *v;
  if (auto v = opt_bool(o, "attendees_public")) e.attendees_public = *v;
}

void apply_capacity(Event& e, const boost::json::object& o) {
  if (!o.contains("capacity")) return;
  e.capacity = opt_int(o, "capacity");
  if (e.capacity && (*e.capacity < 1 || *e.capacity > 100000))
    bad("capacity", "Plätze: eine Zahl von 1 bis 100000 (oder leer für unbegrenzt).",
        "Capacity: a number from 1 to 100000 (or empty for no limit).");
}

void apply_schedule(Event& e, const boost::json::object& o, bool create) {
  if (auto v = opt_string(o, "time_zone", 64)) e.tz = *v;
  if (auto v = opt_bool(o, "all_day")) e.all_day = *v;
  if (auto v = opt_string(o, "starts", 19)) e.starts_local = *v;
  if (auto v = opt_string(o, "ends", 19)) e.ends_local = *v;
  if (create && e.starts_local.empty())
    bad("starts", "Bitte den Beginn angeben.", "Please give the start.");
  if (e.ends_local.empty()) e.ends_local = e.starts_local;  // all-day: the same day
  if (auto v = opt_string(o, "rrule", 500)) e.rrule = trim(*v);
  if (o.contains("exdates")) e.exdates = string_list(o, "exdates");
  if (o.contains("rdates")) e.rdates = string_list(o, "rdates");
  validate(e.schedule());
}

void apply_place(Event& e, const boost::json::object& o) {
  if (!o.contains("lat") && !o.contains("lon")) return;
  e.lat = opt_number(o, "lat");
  e.lon = opt_number(o, "lon");
  if (e.lat.has_value() != e.lon.has_value())
    bad("coordinates", "Bitte Breite und Länge zusammen angeben.", "Please give latitude and longitude together.");
  if (e.lat && (*e.lat < -90 || *e.lat > 90 || *e.lon < -180 || *e.lon > 180))
    bad("coordinates", "Koordinaten außerhalb des gültigen Bereichs.", "Coordinates out of range.");
}

}  // namespace

bool valid_category(const std::string& c) {
  for (const auto* k : kCategories)
    if (c == k) return true;
  return false;
}

void apply_body(Event& e, const boost::json::object& o, bool create) {
  refuse_unknown(o, kFields);
  apply_texts(e, o, create);
  apply_capacity(e, o);
  apply_schedule(e, o, create);
  apply_place(e, o);
  check_place(e);
}

}  // namespace calendar
