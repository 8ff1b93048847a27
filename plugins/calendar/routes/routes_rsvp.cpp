// Answers to an event (one occurrence of a series): going, maybe, declined; the attendee list
// for the organisers (and for everyone who may read the event, if the organisers chose so).
#include "routes.hpp"
#include "rsvp.hpp"
#include "util.hpp"

namespace calendar {
namespace {

using quartier::Access;
using quartier::HttpError;
using quartier::Request;
using quartier::Response;

// The occurrence answered: "" for a single event; for a series one of its (not cancelled) dates.
std::string occurrence_of(const Event& e, const std::string& given) {
  if (!e.recurring()) return "";
  if (given.empty())
    throw HttpError(400, "invalid_occurrence", "Bitte den Termin der Reihe angeben. / Please give the date of the series.");
  quartier::Statement s("SELECT cancelled FROM calendar_occurrences WHERE event_id = :e AND recurrence_id = :r");
  s.bind("e", e.id).bind("r", given);
  if (!s.step()) throw HttpError(404, "no_occurrence", "Diesen Termin gibt es in der Reihe nicht. / The series has no such date.");
  if (s.int64(0)) throw HttpError(409, "cancelled", "Dieser Termin fällt aus. / This date is cancelled.");
  return given;
}

// PUT /events/{id}/rsvp {status, occurrence?, guests?}
void put_rsvp(Request& req, Response& res) {
  const auto e = load_readable(path_id(req), req.user_id());
  auto o = body_object(req);
  refuse_unknown(o, "status,occurrence,guests,remind");
  const auto status = opt_string(o, "status", 20).value_or("");
  if (status != "going" && status != "maybe" && status != "declined")
    throw HttpError(400, "invalid_status", "Antwort: going, maybe oder declined. / Answer: going, maybe or declined.");
  const auto guests = opt_int(o, "guests").value_or(0);
  if (guests < 0 || guests > 10)
    throw HttpError(400, "invalid_guests", "Begleitung: 0 bis 10 Personen. / Guests: 0 to 10 people.");
  const auto remind = opt_string(o, "remind", 10).value_or("none");
  if (remind != "none" && remind != "day" && remind != "hour" && remind != "both")
    throw HttpError(400, "invalid_remind", "Erinnerung: none, day, hour oder both. / Reminder: none, day, hour or both.");
  const auto rid = occurrence_of(e, opt_string(o, "occurrence", 20).value_or(""));
  quartier::Transaction tx;
  const auto stored = answer(e, rid, req.user_id(), status, status == "declined" ? 0 : guests);
  quartier::Statement r("UPDATE calendar_rsvps SET remind = :m WHERE event_id = :e AND recurrence_id = :r AND user_id = :u");
  r.bind("m", remind).bind("e", e.id).bind("r", rid).bind("u", req.user_id()).run();
  tx.commit();
  send(res, boost::json::object{{"status", stored}, {"occurrence", rid}, {"rsvps", rsvp_summary(e, req.user_id())}});
}

// DELETE /events/{id}/rsvp?occurrence=
void delete_rsvp(Request& req, Response& res) {
  const auto e = load_readable(path_id(req), req.user_id());
  const auto rid = occurrence_of(e, std::string(req.query("occurrence").value_or("")));
  quartier::Transaction tx;
  const bool had = withdraw(e, rid, req.user_id());
  tx.commit();
  if (!had) throw HttpError(404, "no_answer", "Du hattest nicht geantwortet. / You had not answered.");
  res.status(204);
}

// GET /events/{id}/attendees?occurrence=
void attendees(Request& req, Response& res) {
  const auto e = load_readable(path_id(req), req.user_id());
  if (!e.attendees_public) require_manage(e, req.user_id(), req.role());
  const auto rid = occurrence_of(e, std::string(req.query("occurrence").value_or("")));
  quartier::Statement s("SELECT r.user_id, u.display_name, r.status, r.guests FROM calendar_rsvps r"
                        " JOIN plugin_users u ON u.id = r.user_id WHERE r.event_id = :e AND r.recurrence_id = :r"
                        " ORDER BY CASE r.status WHEN 'going' THEN 0 WHEN 'waiting' THEN 1 WHEN 'maybe' THEN 2 ELSE 3 END,"
                        " r.updated_at, r.id LIMIT 2000");
  s.bind("e", e.id).bind("r", rid);
  boost::json::array out;
  while (s.step())
    out.push_back(boost::json::object{{"user_id", s.int64(0)}, {"display_name", s.text(1)}, {"status", s.text(2)}, {"guests", s.int64(3)}});
  send(res, boost::json::object{{"occurrence", rid}, {"attendees", std::move(out)}});
}

}  // namespace

void add_rsvp_routes(quartier::Plugin& plugin) {
  plugin.route("PUT", "/events/{id}/rsvp", Access::user, put_rsvp);
  plugin.route("DELETE", "/events/{id}/rsvp", Access::user, delete_rsvp);
  plugin.get("/events/{id}/attendees", Access::user, attendees);
}

}  // namespace calendar
