#include "meinberlin.hpp"

#include <algorithm>

#include <boost/json.hpp>

namespace participation {

namespace {

namespace json = boost::json;

struct Malformed : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// An optional string member: "" when absent, null or of another type (lenient by design).
std::string text(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

std::optional<double> number(const json::value& v) {
  if (v.is_double()) return v.as_double();
  if (v.is_int64()) return static_cast<double>(v.as_int64());
  if (v.is_uint64()) return static_cast<double>(v.as_uint64());
  return std::nullopt;
}

std::string absolute(const std::string& url, std::string_view base) {
  if (url.rfind("https://", 0) == 0 || url.rfind("http://", 0) == 0) return url;
  if (url.empty() || url[0] != '/') throw Malformed("'url' is neither absolute nor a path: '" + url + "'");
  std::string b(base);
  while (!b.empty() && b.back() == '/') b.pop_back();
  return b + url;
}

// GeoJSON Feature with a Point, coordinates [lon, lat]; null or absent is fine, anything else not.
void read_point(const json::object& o, SourceProject& p) {
  const auto* v = o.if_contains("point");
  if (!v || v->is_null() || (v->is_string() && v->as_string().empty())) return;
  const auto* f = v->if_object();
  const auto* g = f ? f->if_contains("geometry") : nullptr;
  const auto* c = g && g->is_object() ? g->as_object().if_contains("coordinates") : nullptr;
  const auto* a = c ? c->if_array() : nullptr;
  if (!a || a->size() < 2) throw Malformed("'point' is not a GeoJSON point");
  const auto lon = number((*a)[0]), lat = number((*a)[1]);
  if (!lon || !lat || *lat < -90 || *lat > 90 || *lon < -180 || *lon > 180)
    throw Malformed("'point' has no valid coordinates");
  p.lat = lat;
  p.lon = lon;
}

// active_phase: false or [progress_percent, time_left_text, end_datetime].
void read_phase(const json::object& o, SourceProject& p) {
  p.phase = strip_markup(text(o, "participation_string"));
  const auto* active = o.if_contains("participation_active");
  p.active = active && active->is_bool() && active->as_bool();
  const auto* ap = o.if_contains("active_phase");
  if (ap && ap->is_array() && ap->as_array().size() >= 3 && ap->as_array()[2].is_string())
    p.end_at = parse_datetime(ap->as_array()[2].as_string());
}

std::string external_id(const json::object& o, std::string_view kind, const std::string& url) {
  const auto* id = o.if_contains("id");
  if (id && id->is_int64()) return std::string(kind) + ":" + std::to_string(id->as_int64());
  if (id && id->is_uint64()) return std::string(kind) + ":" + std::to_string(id->as_uint64());
  return std::string(kind) + ":" + url;  // plans and external projects have no id
}

SourceProject read_record(const json::value& v, std::string_view kind, std::string_view base) {
  const auto* o = v.if_object();
  if (!o) throw Malformed("not an object");
  SourceProject p;
  p.title = strip_markup(text(*o, "title"));
  if (p.title.empty()) throw Malformed("no 'title'");
  const auto* url = o->if_contains("url");
  if (!url || !url->is_string()) throw Malformed("no 'url'");
  p.url = absolute(std::string(url->as_string()), base);
  p.kind = text(*o, "subtype") == "external" ? "external" : std::string(kind);
  p.external_id = external_id(*o, kind, p.url);
  p.description = strip_markup(text(*o, "description"));
  p.organisation = strip_markup(text(*o, "organisation"));
  p.district = text(*o, "district");
  p.image = text(*o, "tile_image");
  if (!p.image.empty()) p.image = absolute(p.image, base);
  p.image_alt = text(*o, "tile_image_alt_text");
  p.image_copyright = text(*o, "tile_image_copyright");
  read_point(*o, p);
  read_phase(*o, p);
  return p;
}

}  // namespace

Parsed parse_meinberlin(std::string_view body, std::string_view kind, std::string_view base) {
  boost::system::error_code ec;
  const auto doc = json::parse(body, ec);
  if (ec) throw std::runtime_error("the answer is not JSON (" + ec.message() + ")");
  if (!doc.is_array()) throw std::runtime_error("the answer is JSON but not a list of projects");
  Parsed out;
  std::size_t index = 0;
  for (const auto& v : doc.as_array()) {
    try {
      out.projects.push_back(read_record(v, kind, base));
    } catch (const Malformed& e) {
      out.skipped.push_back(std::string(kind) + " #" + std::to_string(index) + ": " + e.what());
    }
    ++index;
  }
  return out;
}

bool district_kept(const std::string& district, const std::vector<std::string>& districts) {
  if (districts.empty() || district == "Gesamtstädtisch") return true;
  return std::find(districts.begin(), districts.end(), district) != districts.end();
}

}  // namespace participation
