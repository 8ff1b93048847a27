// Storing one poll of an import: updated in place by (import, source UID), a fingerprint of
// everything shown so that an unchanged event causes no write, removed when gone from the source.
#include <map>

#include "event.hpp"
#include "importer.hpp"
#include "notices.hpp"
#include "place.hpp"
#include "token.hpp"
#include "util.hpp"

namespace calendar {
namespace {

using quartier::Statement;

std::string fingerprint(const SourceEvent& s) {
  boost::json::array a{s.title, s.description, s.address, s.online_url, s.tz, s.all_day, s.starts_local, s.ends_local, s.rrule};
  boost::json::array ex;
  for (const auto& x : s.exdates) ex.push_back(boost::json::value(x));
  a.push_back(std::move(ex));
  if (!s.rdates.empty()) {  // only when there are any: fingerprints of feeds read before RDATE stay as they were
    boost::json::array rd;
    for (const auto& x : s.rdates) rd.push_back(boost::json::value(x));
    a.push_back(boost::json::object{{"rdates", std::move(rd)}});
  }
  for (const auto& [rid, o] : s.overrides)
    a.push_back(boost::json::array{rid, o.cancelled, o.starts_local, o.ends_local, o.title});
  return boost::json::serialize(a);
}

void apply_source(Event& e, const SourceEvent& s) {
  e.title = s.title, e.description = s.description, e.address = s.address, e.online_url = s.online_url;
  e.tz = s.tz, e.all_day = s.all_day, e.starts_local = s.starts_local, e.ends_local = s.ends_local;
  e.rrule = s.rrule, e.exdates = s.exdates, e.rdates = s.rdates;
}

// fresh: a new event, none stored yet.
void replace_overrides(std::int64_t event_id, const std::map<std::string, Override>& overrides, bool fresh) {
  if (!fresh) {
    Statement del("DELETE FROM calendar_overrides WHERE event_id = :e");
    del.bind("e", event_id).run();
  }
  if (overrides.empty()) return;
  Statement ins("INSERT INTO calendar_overrides (event_id, recurrence_id, cancelled, starts_local, ends_local, title)"
                " VALUES (:e, :r, :c, :s, :t, :title)");
  for (const auto& [rid, o] : overrides) {
    ins.bind("e", event_id).bind("r", rid).bind("c", o.cancelled ? 1 : 0).bind("s", o.starts_local);
    ins.bind("t", o.ends_local).bind("title", o.title).run();
    ins.reset();
  }
}

struct Known {
  std::int64_t event_id = 0;
  std::string fingerprint;
  bool seen = false;
};

// Writes one source event (new or changed); false when no date of it takes place.
bool write_event(const ImportSource& imp, const SourceEvent& s, Known* known, const std::string& fp,
                 const std::string& visibility) {
  Event e = known ? *find_event(known->event_id) : Event{};
  apply_source(e, s);
  const auto x = expand(e.schedule(), s.overrides);
  bool any = false;
  for (const auto& o : x.items) any = any || !o.cancelled;
  if (!any) return false;
  e.truncated = x.truncated;
  e.updated_at = now_ms();
  if (!known) {
    e.container_id = imp.container_id;
    e.department_id = imp.department_id;  // a department's import: its events are the department's
    check_place(e);
    e.uid = new_token().substr(0, 32) + "@quartier";
    e.created_at = e.updated_at;
    // The municipality's item, not a person's: erasure keeps it. Each row written once.
    insert_event(e, x, visibility, quartier::system_author());
  } else {
    auto c = content_of(e, x, "");
    if (x.truncated) c.expires_at = -1;
    quartier::update_content(e.content_id, c);
    save_event(e);
    store_expansion(e, x, false);
  }
  Statement mark("UPDATE calendar_events SET import_id = :i, source_uid = :u, source_fingerprint = :f WHERE id = :id");
  mark.bind("i", imp.id).bind("u", s.uid).bind("f", fp).bind("id", e.id).run();
  replace_overrides(e.id, s.overrides, !known);
  return true;
}

void remove_event(std::int64_t id) {
  const auto e = find_event(id);
  if (!e) return;
  notify_answered(*e, nullptr, 0, "Abgesagt: „" + e->title + "“", "Cancelled: “" + e->title + "”");
  Statement del("DELETE FROM calendar_events WHERE id = :id");
  del.bind("id", id).run();
  quartier::delete_content(e->content_id);
}

}  // namespace

ImportStats store_import(const ImportSource& imp, const SourceCalendar& cal) {
  std::map<std::string, Known> known;
  {
    Statement s("SELECT source_uid, id, source_fingerprint FROM calendar_events WHERE import_id = :i");
    s.bind("i", imp.id);
    while (s.step()) known[s.text(0)] = Known{s.int64(1), s.text(2), false};
  }
  const auto c = quartier::container(imp.container_id);
  if (!c) throw std::runtime_error("Den Kalender gibt es nicht mehr. / The calendar no longer exists.");
  const std::string visibility = c->visibility == "public" ? "public" : "members";
  ImportStats stats;
  for (const auto& s : cal.events) {
    const auto fp = fingerprint(s);
    auto it = known.find(s.uid);
    Known* k = it == known.end() ? nullptr : &it->second;
    if (k && k->fingerprint == fp) {
      k->seen = true;
      ++stats.unchanged;
      continue;
    }
    if (!write_event(imp, s, k, fp, visibility)) {
      quartier::log_warn("calendar import " + std::to_string(imp.id) + ": UID " + s.uid + " never takes place, left out");
      continue;  // an existing one is removed below
    }
    if (k) k->seen = true;
    ++(k ? stats.updated : stats.added);
  }
  for (const auto& [uid, k] : known)
    if (!k.seen) {
      remove_event(k.event_id);
      ++stats.removed;
    }
  return stats;
}

void remove_imported_events(std::int64_t import_id) {
  std::vector<std::int64_t> ids;
  {
    Statement s("SELECT id FROM calendar_events WHERE import_id = :i ORDER BY id");
    s.bind("i", import_id);
    while (s.step()) ids.push_back(s.int64(0));
  }
  for (auto id : ids) remove_event(id);
}

}  // namespace calendar
