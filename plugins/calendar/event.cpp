#include "event.hpp"

#include <sstream>

#include "department.hpp"
#include "token.hpp"
#include "util.hpp"

namespace calendar {
namespace {

using quartier::HttpError;
using quartier::Statement;

constexpr const char* kColumns =
    "id, content_id, container_id, neighbourhood_id, organiser_id, uid, title, description, category, tz, all_day,"
    " starts_local, ends_local, rrule, exdates, address, lat, lon, online_url, capacity, accessibility, step_free,"
    " sign_language, contact, attendees_public, truncated, created_at, updated_at, import_id, image_key, image_thumb,"
    " department_id, rdates";

Event read_row(const Statement& s) {
  Event e;
  e.id = s.int64(0), e.content_id = s.int64(1), e.container_id = s.int64(2);
  e.neighbourhood_id = s.is_null(3) ? 0 : s.int64(3);
  e.organiser_id = s.int64(4), e.uid = s.text(5), e.title = s.text(6), e.description = s.text(7);
  e.category = s.text(8), e.tz = s.text(9), e.all_day = s.int64(10) != 0;
  e.starts_local = s.text(11), e.ends_local = s.text(12), e.rrule = s.text(13), e.exdates = split(s.text(14), ',');
  e.address = s.text(15);
  if (!s.is_null(16)) e.lat = s.real(16);
  if (!s.is_null(17)) e.lon = s.real(17);
  e.online_url = s.text(18), e.capacity = s.optional_int64(19), e.accessibility = s.text(20);
  e.step_free = s.int64(21) != 0, e.sign_language = s.int64(22) != 0, e.contact = s.text(23);
  e.attendees_public = s.int64(24) != 0, e.truncated = s.int64(25) != 0;
  e.created_at = s.int64(26), e.updated_at = s.int64(27);
  e.import_id = s.is_null(28) ? 0 : s.int64(28);
  e.image_key = s.text(29), e.image_thumb = s.text(30);
  e.department_id = s.is_null(31) ? 0 : s.int64(31);
  e.rdates = split(s.text(32), ',');
  return e;
}

std::optional<Event> find_where(const char* where, std::int64_t v) {
  Statement s(std::string("SELECT ") + kColumns + " FROM calendar_events WHERE " + where + " = :v");
  s.bind("v", v);
  if (!s.step()) return std::nullopt;
  return read_row(s);
}

void bind_fields(Statement& s, const Event& e) {
  s.bind("nb", e.neighbourhood_id ? std::optional(e.neighbourhood_id) : std::nullopt);
  s.bind("title", e.title).bind("description", e.description).bind("category", e.category).bind("tz", e.tz);
  s.bind("all_day", e.all_day ? 1 : 0).bind("starts", e.starts_local).bind("ends", e.ends_local);
  s.bind("rrule", e.rrule).bind("exdates", join(e.exdates, ',')).bind("rdates", join(e.rdates, ','));
  s.bind("address", e.address);
  s.bind("lat", e.lat).bind("lon", e.lon).bind("online_url", e.online_url).bind("capacity", e.capacity);
  s.bind("accessibility", e.accessibility).bind("step_free", e.step_free ? 1 : 0);
  s.bind("sign_language", e.sign_language ? 1 : 0).bind("contact", e.contact);
  s.bind("attendees_public", e.attendees_public ? 1 : 0).bind("truncated", e.truncated ? 1 : 0);
  s.bind("now", e.updated_at);
}

}  // namespace

std::string join(const std::vector<std::string>& v, char sep) {
  std::string out;
  for (const auto& x : v) out += (out.empty() ? "" : std::string(1, sep)) + x;
  return out;
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::stringstream in(s);
  for (std::string part; std::getline(in, part, sep);)
    if (!part.empty()) out.push_back(part);
  return out;
}

std::optional<Event> find_event(std::int64_t id) { return find_where("id", id); }
std::optional<Event> find_by_content(std::int64_t content_id) { return find_where("content_id", content_id); }

std::map<std::string, Override> overrides_of(std::int64_t event_id) {
  std::map<std::string, Override> out;
  Statement s("SELECT recurrence_id, cancelled, starts_local, ends_local, title FROM calendar_overrides WHERE event_id = :e");
  s.bind("e", event_id);
  while (s.step()) out[s.text(0)] = Override{s.int64(1) != 0, s.text(2), s.text(3), s.text(4)};
  return out;
}

std::int64_t save_event(Event& e) {
  if (e.id) {
    Statement s("UPDATE calendar_events SET neighbourhood_id = :nb, title = :title, description = :description,"
                " category = :category, tz = :tz, all_day = :all_day, starts_local = :starts, ends_local = :ends,"
                " rrule = :rrule, exdates = :exdates, rdates = :rdates, address = :address, lat = :lat, lon = :lon, online_url = :online_url,"
                " capacity = :capacity, accessibility = :accessibility, step_free = :step_free,"
                " sign_language = :sign_language, contact = :contact, attendees_public = :attendees_public,"
                " truncated = :truncated, updated_at = :now WHERE id = :id");
    bind_fields(s, e);
    s.bind("id", e.id).run();
    return e.id;
  }
  Statement s("INSERT INTO calendar_events (content_id, container_id, organiser_id, uid, created_at, neighbourhood_id,"
              " title, description, category, tz, all_day, starts_local, ends_local, rrule, exdates, rdates, address, lat, lon,"
              " online_url, capacity, accessibility, step_free, sign_language, contact, attendees_public, truncated,"
              " updated_at, department_id) VALUES (:content, :container, :organiser, :uid, :now, :nb, :title, :description,"
              " :category, :tz, :all_day, :starts, :ends, :rrule, :exdates, :rdates, :address, :lat, :lon, :online_url, :capacity,"
              " :accessibility, :step_free, :sign_language, :contact, :attendees_public, :truncated, :now, :dep) RETURNING id");
  bind_fields(s, e);
  s.bind("dep", e.department_id ? std::optional(e.department_id) : std::nullopt);
  s.bind("content", e.content_id).bind("container", e.container_id).bind("organiser", e.organiser_id).bind("uid", e.uid);
  s.step();
  e.id = s.int64(0);
  return e.id;
}

Stored store_occurrences(const Event& e) { return store_expansion(e, expand(e.schedule(), overrides_of(e.id)), false); }

void insert_event(Event& e, const Expansion& x, const std::string& visibility, std::int64_t author) {
  const auto random = new_token().substr(0, 15);  // 60 random bits: provisional ids never meet
  e.content_id = -static_cast<std::int64_t>(std::stoull(random, nullptr, 16)) - 1;
  save_event(e);
  store_expansion(e, x, true);
  auto c = content_of(e, x, visibility);
  if (author) c.author_id = author;
  e.content_id = quartier::create_content(c);
  Statement s("UPDATE calendar_events SET content_id = :c WHERE id = :id");
  s.bind("c", e.content_id).bind("id", e.id).run();
}

Stored store_expansion(const Event& e, const Expansion& x, bool fresh) {
  if (!fresh) {
    Statement del("DELETE FROM calendar_occurrences WHERE event_id = :e");
    del.bind("e", e.id).run();
  }
  Statement ins("INSERT INTO calendar_occurrences (event_id, recurrence_id, container_id, neighbourhood_id, category,"
                " starts_at, ends_at, cancelled, changed, title) VALUES (:e, :rid, :c, :nb, :cat, :s, :t, :x, :ch, :title)");
  Stored out;
  out.truncated = x.truncated;
  for (const auto& o : x.items) {
    ins.bind("e", e.id).bind("rid", o.recurrence_id).bind("c", e.container_id);
    ins.bind("nb", e.neighbourhood_id ? std::optional(e.neighbourhood_id) : std::nullopt).bind("cat", e.category);
    ins.bind("s", o.starts_at).bind("t", o.ends_at).bind("x", o.cancelled ? 1 : 0).bind("ch", o.changed ? 1 : 0);
    ins.bind("title", o.title).run();
    ins.reset();
    if (!out.first_start || o.starts_at < out.first_start) out.first_start = o.starts_at;
    out.last_end = std::max(out.last_end, o.ends_at);
  }
  return out;
}

Event load_readable(std::int64_t event_id, std::int64_t user) {
  auto e = find_event(event_id);
  bool readable = false;
  try {
    readable = e && quartier::can_read_content(user, e->content_id);
  } catch (const quartier::Error& err) {
    if (err.status() != QT_ERR_NOT_FOUND) throw;  // its item gone, or the asker's account
  }
  if (!readable) throw HttpError(404, "not_found", "Diesen Termin gibt es nicht (mehr). / This event does not exist (any more).");
  return *e;
}

bool may_manage(const Event& e, std::int64_t user, int role) {
  if (!user) return false;
  if (e.organiser_id == user || role >= QT_ROLE_MODERATOR) return true;
  if (e.department_id) {  // the department's events are its staff's to look after
    const auto d = find_department(e.department_id);
    return d && may_write_department(user, role, *d);
  }
  if (e.import_id) {  // no person organises it: whoever may add events to its calendar looks after it
    const auto c = quartier::container(e.container_id);
    if (c && may_publish(user, role, *c)) return true;
  }
  const auto r = quartier::member_role(e.container_id, user);
  return r && (*r == QT_MEMBER_OWNER || *r == QT_MEMBER_MODERATOR);
}

void require_manage(const Event& e, std::int64_t user, int role) {
  if (!may_manage(e, user, role))
    throw HttpError(403, "not_organiser",
                    "Das dürfen nur die Veranstaltenden. / Only the organisers may do that.");
}

void require_not_imported(const Event& e) {
  if (e.import_id)
    throw HttpError(409, "imported",
                    "Dieser Termin stammt aus einem importierten Kalender und wird dort geändert. / "
                    "This event comes from an imported calendar and is changed there.");
}

bool may_publish(std::int64_t user, int role, const quartier::ContainerView& c) {
  if (!user || c.kind == "profile" || !quartier::can_write_container(user, c.id)) return false;
  if (c.kind == "city" || c.kind == "neighbourhood")
    return role >= QT_ROLE_STAFF || quartier::config("residents_may_publish").value_or("true") == "true";
  const auto r = quartier::member_role(c.id, user);
  return r && (*r == QT_MEMBER_OWNER || *r == QT_MEMBER_MODERATOR);
}

boost::json::object event_json(const Event& e) {
  boost::json::object o{{"id", e.id}, {"content_id", e.content_id}, {"container_id", e.container_id},
                        {"title", e.title}, {"description", e.description}, {"category", e.category},
                        {"time_zone", e.tz}, {"all_day", e.all_day}, {"starts", e.starts_local}, {"ends", e.ends_local},
                        {"rrule", e.rrule}, {"address", e.address}, {"online_url", e.online_url},
                        {"accessibility", e.accessibility}, {"step_free", e.step_free},
                        {"sign_language", e.sign_language}, {"contact", e.contact},
                        {"attendees_public", e.attendees_public}, {"occurrences_truncated", e.truncated}};
  o["import_id"] = e.import_id ? boost::json::value(e.import_id) : boost::json::value(nullptr);
  const auto base = "/api/p/calendar/events/" + std::to_string(e.id) + "/image";
  o["image"] = e.image_key.empty() ? boost::json::value(nullptr)
                                   : boost::json::value(boost::json::object{{"url", base}, {"thumb_url", base + "?size=thumb"}});
  boost::json::array ex;
  for (const auto& x : e.exdates) ex.push_back(boost::json::value(x));
  o["exdates"] = std::move(ex);
  boost::json::array rd;
  for (const auto& x : e.rdates) rd.push_back(boost::json::value(x));
  o["rdates"] = std::move(rd);
  o["recurring"] = e.recurring();
  const auto dep = e.department_id ? find_department(e.department_id) : std::nullopt;
  o["department"] = dep ? boost::json::value(boost::json::object{{"id", dep->id}, {"name", dep->name}}) : boost::json::value(nullptr);
  o["neighbourhood_id"] = e.neighbourhood_id ? boost::json::value(e.neighbourhood_id) : boost::json::value(nullptr);
  o["lat"] = e.lat ? boost::json::value(*e.lat) : boost::json::value(nullptr);
  o["lon"] = e.lon ? boost::json::value(*e.lon) : boost::json::value(nullptr);
  o["capacity"] = e.capacity ? boost::json::value(*e.capacity) : boost::json::value(nullptr);
  std::string name;
  if (e.organiser_id)
    if (auto u = quartier::user(e.organiser_id)) name = u->display_name;
  o["organiser"] = boost::json::object{{"id", e.organiser_id}, {"display_name", name}};
  return o;
}

quartier::Content content_of(const Event& e, const Expansion& x, const std::string& visibility) {
  quartier::Content c;
  c.container_id = e.container_id;
  // A department's event is the municipality's item (as an imported one): it stays with the
  // department when the person who wrote it is erased.
  c.author_id = e.department_id ? quartier::system_author() : e.organiser_id;
  c.kind = "event";
  c.visibility = visibility;
  c.title = e.title;
  c.summary = shorten(e.description, 280);
  c.body = e.description;
  c.markdown = true;
  Stored s;
  for (const auto& o : x.items)
    if (!s.first_start) s = Stored{o.starts_at, o.ends_at, x.truncated};
  c.card_json = card_json(e, s);
  if (!x.truncated && !x.items.empty()) c.expires_at = x.items.back().ends_at;  // out of the streams once over
  return c;
}

void sync_item(const Event& e) {
  const auto x = expand(e.schedule(), overrides_of(e.id));
  auto c = content_of(e, x, "");
  if (x.truncated) c.expires_at = -1;
  quartier::update_content(e.content_id, c);
}

std::string card_json(const Event& e, const Stored& s) {
  boost::json::object o{{"starts_at", s.first_start}, {"ends_at", s.last_end}, {"starts", e.starts_local},
                        {"ends", e.ends_local}, {"time_zone", e.tz}, {"all_day", e.all_day},
                        {"recurring", e.recurring()}, {"place", shorten(e.address, 200)},
                        {"online", !e.online_url.empty()}, {"category", e.category}, {"event_id", e.id}};
  if (e.department_id)
    if (const auto d = find_department(e.department_id)) o["department"] = d->name;  // "Termin des Fachbereichs ..."
  if (!e.image_thumb.empty()) o["image"] = "/api/p/calendar/events/" + std::to_string(e.id) + "/image?size=thumb";
  return boost::json::serialize(o);
}

}  // namespace calendar
