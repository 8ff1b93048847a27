// Imported calendars: whoever may add events to a calendar may subscribe it to an external iCal
// feed, see each import's state (last success, last error, what was skipped), poll it now or
// remove it with its events. The first poll happens when it is added: a source that is no
// calendar is refused there and nothing is stored. A department's calendar takes imports too,
// set up by its staff or admins; their events are the department's, in the city calendar.
#include "department.hpp"
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
  if (imp->department_id) writable_department(req.user_id(), req.role(), imp->department_id);
  else writable_calendar(req, imp->container_id);
  return *imp;
}

// The imports of a calendar (department 0) or of a department's calendar.
void send_imports(Response& res, std::int64_t container, std::int64_t department) {
  std::vector<std::int64_t> ids;
  {
    quartier::Statement s(department ? "SELECT id FROM calendar_imports WHERE department_id = :d ORDER BY id"
                                     : "SELECT id FROM calendar_imports WHERE container_id = :c AND department_id IS NULL ORDER BY id");
    if (department) s.bind("d", department);
    else s.bind("c", container);
    while (s.step()) ids.push_back(s.int64(0));
  }
  boost::json::array out;
  for (auto id : ids)
    if (auto imp = find_import(id)) out.push_back(import_json(*imp));
  send(res, boost::json::object{{"imports", std::move(out)}});
}

// GET /calendars/{id}/imports
void list(Request& req, Response& res) {
  writable_calendar(req, path_id(req));
  send_imports(res, path_id(req), 0);
}

// GET /departments/{id}/imports: for the department's staff and admins.
void list_department(Request& req, Response& res) {
  const auto d = writable_department(req.user_id(), req.role(), path_id(req));
  send_imports(res, 0, d.id);
}

void create_import(Request& req, Response& res, std::int64_t container, std::int64_t department);

// POST /calendars/{id}/imports {url, interval_minutes?}: polls once before anything is stored.
void create(Request& req, Response& res) { create_import(req, res, writable_calendar(req, path_id(req)).id, 0); }

// POST /departments/{id}/imports {url, interval_minutes?}: the same into a department's calendar.
void create_department(Request& req, Response& res) {
  const auto d = writable_department(req.user_id(), req.role(), path_id(req));
  create_import(req, res, quartier::city_container(), d.id);
}

void create_import(Request& req, Response& res, std::int64_t container, std::int64_t department) {
  auto o = body_object(req);
  refuse_unknown(o, "url,interval_minutes");
  const auto url = checked_import_url(opt_string(o, "url", 2000).value_or(""));
  const auto interval = opt_int(o, "interval_minutes").value_or(60);
  if (interval < 15 || interval > 10080)
    throw HttpError(400, "invalid_interval_minutes",
                    "Abrufen alle 15 bis 10080 Minuten (eine Woche). / Poll every 15 to 10080 minutes (a week).");
  quartier::Statement dup("SELECT 1 FROM calendar_imports WHERE container_id = :c AND url = :u");
  dup.bind("c", container).bind("u", url);
  if (dup.step())
    throw HttpError(409, "already_imported", "Dieser Kalender wird hier schon importiert. / This calendar is already imported here.");
  SourceCalendar cal;
  try {
    cal = fetch_calendar(url);
  } catch (const std::runtime_error& e) {
    throw HttpError(422, "import_failed", e.what());
  }
  ImportSource imp{0, container, req.user_id(), interval, now_ms(), url, std::nullopt, std::nullopt, "", 0, 0, "", department};
  quartier::Transaction tx;
  quartier::Statement ins("INSERT INTO calendar_imports (container_id, url, created_by, interval_minutes, created_at, department_id)"
                          " VALUES (:c, :u, :by, :i, :now, :d) RETURNING id");
  ins.bind("c", imp.container_id).bind("u", url).bind("by", imp.created_by).bind("i", interval).bind("now", imp.created_at);
  ins.bind("d", department ? std::optional(department) : std::nullopt);
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
  plugin.get("/departments/{id}/imports", Access::user, list_department);
  plugin.route("POST", "/departments/{id}/imports", Access::user, create_department, QT_LANE_BLOCKING);
  plugin.get("/imports/{id}", Access::user, show);
  plugin.route("POST", "/imports/{id}/sync", Access::user, sync, QT_LANE_BLOCKING);
  plugin.route("DELETE", "/imports/{id}", Access::user, remove);
}

}  // namespace calendar
