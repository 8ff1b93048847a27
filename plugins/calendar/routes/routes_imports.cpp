// Imported calendars: whoever may add events to a calendar may subscribe it to an external iCal
// feed, see each import's state (last success, last error, what was skipped), poll it now or
// remove it with its events. The first poll happens when it is added: a source that is no
// calendar is refused there and nothing is stored.
#include "event.hpp"
#include "importer.hpp"
#include "routes.hpp"
#include "util.hpp"

namespace calendar {
namespace {

using quartier::Access;
using quartier::HttpError;
using quartier::Request;
using quartier::Response;

// The calendar, if the person may add events to it (what setting up an import needs).
quartier::ContainerView writable_calendar(const Request& req, std::int64_t id) {
  const auto c = quartier::container(id);
  if (!c || !quartier::can_read_container(req.user_id(), id))
    throw HttpError(404, "not_found", "Diesen Kalender gibt es nicht. / This calendar does not exist.");
  if (!may_publish(req.user_id(), req.role(), *c))
    throw HttpError(403, "not_allowed",
                    "Kalender importieren darf nur, wer in diesen Kalender Termine eintragen darf. / "
                    "Only people who may add events to this calendar may import into it.");
  return *c;
}

ImportSource managed_import(const Request& req) {
  auto imp = find_import(path_id(req));
  if (!imp) throw HttpError(404, "not_found", "Diesen Import gibt es nicht. / This import does not exist.");
  writable_calendar(req, imp->container_id);
  return *imp;
}

// GET /calendars/{id}/imports
void list(Request& req, Response& res) {
  writable_calendar(req, path_id(req));
  std::vector<std::int64_t> ids;
  {
    quartier::Statement s("SELECT id FROM calendar_imports WHERE container_id = :c ORDER BY id");
    s.bind("c", path_id(req));
    while (s.step()) ids.push_back(s.int64(0));
  }
  boost::json::array out;
  for (auto id : ids)
    if (auto imp = find_import(id)) out.push_back(import_json(*imp));
  send(res, boost::json::object{{"imports", std::move(out)}});
}

// POST /calendars/{id}/imports {url, interval_minutes?}: polls once before anything is stored.
void create(Request& req, Response& res) {
  const auto c = writable_calendar(req, path_id(req));
  auto o = body_object(req);
  refuse_unknown(o, "url,interval_minutes");
  const auto url = checked_import_url(opt_string(o, "url", 2000).value_or(""));
  const auto interval = opt_int(o, "interval_minutes").value_or(60);
  if (interval < 15 || interval > 10080)
    throw HttpError(400, "invalid_interval_minutes",
                    "Abrufen alle 15 bis 10080 Minuten (eine Woche). / Poll every 15 to 10080 minutes (a week).");
  quartier::Statement dup("SELECT 1 FROM calendar_imports WHERE container_id = :c AND url = :u");
  dup.bind("c", c.id).bind("u", url);
  if (dup.step())
    throw HttpError(409, "already_imported", "Dieser Kalender wird hier schon importiert. / This calendar is already imported here.");
  SourceCalendar cal;
  try {
    cal = fetch_calendar(url);
  } catch (const std::runtime_error& e) {
    throw HttpError(422, "import_failed", e.what());
  }
  ImportSource imp{0, c.id, req.user_id(), interval, now_ms(), url, std::nullopt, std::nullopt, "", 0, 0, ""};
  quartier::Transaction tx;
  quartier::Statement ins("INSERT INTO calendar_imports (container_id, url, created_by, interval_minutes, created_at)"
                          " VALUES (:c, :u, :by, :i, :now) RETURNING id");
  ins.bind("c", imp.container_id).bind("u", url).bind("by", imp.created_by).bind("i", interval).bind("now", imp.created_at);
  ins.step();
  imp.id = ins.int64(0);
  const auto stats = store_import(imp, cal);
  record_success(imp.id, cal);
  tx.commit();
  for (const auto& why : cal.skipped) quartier::log_warn("calendar import " + std::to_string(imp.id) + ": skipped " + why);
  auto out = import_json(*find_import(imp.id));
  out["added"] = stats.added;
  send(res, out, 201);
}

// GET /imports/{id}
void show(Request& req, Response& res) { send(res, import_json(managed_import(req))); }

// POST /imports/{id}/sync: polls now; the answer is the import's state afterwards.
void sync(Request& req, Response& res) {
  const auto imp = managed_import(req);
  const auto stats = poll_import(imp.id);
  auto out = import_json(*find_import(imp.id));
  out["added"] = stats.added, out["updated"] = stats.updated, out["removed"] = stats.removed, out["unchanged"] = stats.unchanged;
  send(res, out);
}

// DELETE /imports/{id}: the import and the events it brought.
void remove(Request& req, Response& res) {
  const auto imp = managed_import(req);
  quartier::Transaction tx;
  remove_imported_events(imp.id);
  quartier::Statement del("DELETE FROM calendar_imports WHERE id = :id");
  del.bind("id", imp.id).run();
  tx.commit();
  res.status(204);
}

}  // namespace

void add_import_routes(quartier::Plugin& plugin) {
  plugin.get("/calendars/{id}/imports", Access::user, list);
  plugin.route("POST", "/calendars/{id}/imports", Access::user, create, QT_LANE_BLOCKING);
  plugin.get("/imports/{id}", Access::user, show);
  plugin.route("POST", "/imports/{id}/sync", Access::user, sync, QT_LANE_BLOCKING);
  plugin.route("DELETE", "/imports/{id}", Access::user, remove);
}

}  // namespace calendar
