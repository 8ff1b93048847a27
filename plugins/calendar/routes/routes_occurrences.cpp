// One date of a series changed or cancelled (RFC 5545 RECURRENCE-ID): stored as an override,
// the series expanded again; a cancellation tells everyone who answered for that date.
#include "input.hpp"
#include "notices.hpp"
#include "routes.hpp"
#include "util.hpp"

namespace calendar {
namespace {

using quartier::Access;
using quartier::HttpError;
using quartier::Request;
using quartier::Response;

void require_occurrence(const Event& e, const std::string& rid) {
  quartier::Statement s("SELECT 1 FROM calendar_occurrences WHERE event_id = :e AND recurrence_id = :r");
  s.bind("e", e.id).bind("r", rid);
  if (!e.recurring() || !s.step())
    throw HttpError(404, "no_occurrence", "Diesen Termin gibt es in der Reihe nicht. / The series has no such date.");
}

Override override_of(const Event& e, const boost::json::object& o) {
  refuse_unknown(o, "cancelled,starts,ends,title");
  Override v;
  v.cancelled = opt_bool(o, "cancelled").value_or(false);
  v.title = trim(opt_string(o, "title", 200).value_or(""));
  const auto starts = opt_string(o, "starts", 19), ends = opt_string(o, "ends", 19);
  if (starts.has_value() != ends.has_value())
    throw HttpError(400, "invalid_ends", "Bitte Beginn und Ende zusammen angeben. / Please give start and end together.");
  if (starts) {
    Schedule moved{e.tz, e.all_day, *starts, *ends, "", {}, {}};
    validate(moved);  // the same checks as the series: form, end after start
    v.starts_local = *ical_local(*starts, e.all_day);
    v.ends_local = *ical_local(*ends, e.all_day);
  }
  return v;
}

// PUT /events/{id}/occurrences/{rid} {cancelled?, starts?, ends?, title?}
void put_override(Request& req, Response& res) {
  auto e = load_readable(path_id(req), req.user_id());
  require_manage(e, req.user_id(), req.role());
  require_not_imported(e);
  const auto rid = std::string(req.param("rid").value_or(""));
  require_occurrence(e, rid);
  const auto v = override_of(e, body_object(req));
  quartier::Transaction tx;
  quartier::Statement del("DELETE FROM calendar_overrides WHERE event_id = :e AND recurrence_id = :r");
  del.bind("e", e.id).bind("r", rid).run();
  quartier::Statement ins("INSERT INTO calendar_overrides (event_id, recurrence_id, cancelled, starts_local, ends_local, title)"
                          " VALUES (:e, :r, :c, :s, :t, :title)");
  ins.bind("e", e.id).bind("r", rid).bind("c", v.cancelled ? 1 : 0).bind("s", v.starts_local).bind("t", v.ends_local);
  ins.bind("title", v.title).run();
  store_occurrences(e);
  if (v.cancelled)
    notify_answered(e, &rid, req.user_id(), "Fällt aus: „" + e.title + "“ am " + api_local(rid),
                    "Cancelled: “" + e.title + "” on " + api_local(rid));
  tx.commit();
  send(res, boost::json::object{{"recurrence_id", rid}, {"cancelled", v.cancelled}, {"title", v.title},
                                {"starts", v.starts_local.empty() ? "" : api_local(v.starts_local)},
                                {"ends", v.ends_local.empty() ? "" : api_local(v.ends_local)}});
}

// DELETE /events/{id}/occurrences/{rid}: the date as the series has it again.
void delete_override(Request& req, Response& res) {
  auto e = load_readable(path_id(req), req.user_id());
  require_manage(e, req.user_id(), req.role());
  require_not_imported(e);
  const auto rid = std::string(req.param("rid").value_or(""));
  require_occurrence(e, rid);
  quartier::Transaction tx;
  quartier::Statement del("DELETE FROM calendar_overrides WHERE event_id = :e AND recurrence_id = :r");
  del.bind("e", e.id).bind("r", rid).run();
  store_occurrences(e);
  tx.commit();
  res.status(204);
}

}  // namespace

void add_occurrence_routes(quartier::Plugin& plugin) {
  plugin.route("PUT", "/events/{id}/occurrences/{rid}", Access::user, put_override);
  plugin.route("DELETE", "/events/{id}/occurrences/{rid}", Access::user, delete_override);
}

}  // namespace calendar
