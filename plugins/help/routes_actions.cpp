// What people do with a request: a helper's "I can help" (a direct conversation with the asker
// through the core's messages, no address shown), the asker accepting a helper, done,
// withdrawn, and thanks both ways.
#include "history.hpp"
#include "lifecycle.hpp"
#include "model.hpp"
#include "routes.hpp"
#include "stats.hpp"
#include "trust.hpp"
#include "util.hpp"

namespace help {
namespace {

using quartier::Access;
using quartier::HttpError;
using quartier::Statement;

const char* kNotFound = "Diese Anfrage gibt es nicht (mehr). / This request does not exist (any more).";

std::string default_offer_text(const Request& r, std::string_view lang) {
  if (lang == "en") return "I can help with your request (" + category_en(r.category) + "): " + r.text;
  return "Ich kann bei Ihrer Anfrage helfen (" + category_de(r.category) + "): " + r.text;
}

// POST /requests/{id}/respond {message?}
void respond(quartier::Request& req, quartier::Response& res) {
  const auto me = req.user_id();
  auto r = load_request(req.id_param("id"));
  const auto rel = relation_of(r, me, req.role());
  if (!rel.may_read) throw HttpError(404, "not_found", kNotFound);
  if (rel.asker) throw HttpError(400, "own_request", "Das ist Ihre eigene Anfrage. / This is your own request.");
  if (r.status != "open")
    throw HttpError(409, "not_open", "Diese Anfrage ist nicht mehr offen. / This request is no longer open.");
  if (rel.responded)
    throw HttpError(409, "already_responded", "Sie haben hier schon Hilfe angeboten; schreiben Sie in Ihrem Gespräch weiter. / You already offered help here; continue in your conversation.");
  if (quartier::blocked(me, r.asker_id))
    throw HttpError(403, "blocked", "Mit dieser Person ist kein Kontakt möglich. / Contact with this person is not possible.");
  if (trust_required(r) && !trusted(me))
    throw HttpError(403, "residence_not_confirmed",
                    "Bei dieser Anfrage helfen nur Nachbarinnen und Nachbarn mit bestätigtem Wohnsitz; bestätigen Sie ihn mit dem "
                    "Code aus Ihrem Brief unter „Mein Konto“. / Only neighbours with a confirmed residence can help with this "
                    "request; confirm yours with the code from your letter under 'My account'.");
  auto o = body_object(req);
  auto text = trim(opt_string(o, "message", 2000).value_or(""));
  if (text.empty()) text = default_offer_text(r, req.language());
  try {
    // Finalized before conversation_start, which refuses to run while this thread holds the writer.
    Statement ins("INSERT INTO help_responses (request_id, helper_id, created_at) VALUES (:r, :h, :t)");
    ins.bind("r", r.id).bind("h", me).bind("t", now_ms());
    ins.run();
  } catch (const quartier::Error&) {
    throw HttpError(409, "already_responded", "Sie haben hier schon Hilfe angeboten. / You already offered help here.");
  }
  std::int64_t conversation = 0;
  try {
    conversation = quartier::start_conversation(me, r.asker_id, text);  // commits on its own
  } catch (const quartier::Error& e) {
    Statement undo("DELETE FROM help_responses WHERE request_id = :r AND helper_id = :h");
    undo.bind("r", r.id).bind("h", me);
    undo.run();
    if (e.status() == QT_ERR_DENIED)
      throw HttpError(403, "blocked", "Mit dieser Person ist kein Kontakt möglich. / Contact with this person is not possible.");
    throw;
  }
  Statement set("UPDATE help_responses SET conversation_id = :c WHERE request_id = :r AND helper_id = :h");
  set.bind("c", conversation).bind("r", r.id).bind("h", me);
  set.run();
  update_card(r);
  send(res, boost::json::object{{"request_id", r.id}, {"conversation_id", conversation}}, 201);
}

Request load_for_asker(quartier::Request& req) {
  auto r = load_request(req.id_param("id"));
  if (r.asker_id != req.user_id()) {
    if (!relation_of(r, req.user_id(), req.role()).may_read) throw HttpError(404, "not_found", kNotFound);
    throw HttpError(403, "not_asker", "Das kann nur, wer um Hilfe gebeten hat. / Only the person who asked can do this.");
  }
  return r;
}

// POST /requests/{id}/accept {helper_id}: the asker chooses one of those who offered to help.
void accept(quartier::Request& req, quartier::Response& res) {
  auto r = load_for_asker(req);
  const auto helper = opt_int(body_object(req), "helper_id").value_or(0);
  Statement s("SELECT 1 FROM help_responses WHERE request_id = :r AND helper_id = :h");
  s.bind("r", r.id).bind("h", helper);
  if (!s.step())
    throw HttpError(400, "invalid_helper_id", "Diese Person hat hier keine Hilfe angeboten. / This person has not offered to help here.");
  r.helper_id = helper;
  quartier::Transaction tx;
  if (!move(r, "in_progress", "open", "open"))
    throw HttpError(409, "not_open", "Diese Anfrage ist nicht mehr offen. / This request is no longer open.");
  record(r.id, "accepted", r.asker_id, helper);
  notify_person(helper, r.asker_id, r, "accepted", "Ihre Hilfe ist angenommen: " + category_de(r.category),
                "Your help was accepted: " + category_en(r.category));
  tx.commit();
  send(res, to_json(r, relation_of(r, req.user_id(), req.role()), req.language()));
}

// POST /requests/{id}/done: the asker (open or in progress) or the helper (in progress).
void done(quartier::Request& req, quartier::Response& res) {
  auto r = load_request(req.id_param("id"));
  const auto rel = relation_of(r, req.user_id(), req.role());
  if (!rel.may_read) throw HttpError(404, "not_found", kNotFound);
  if (!rel.asker && !rel.helper)
    throw HttpError(403, "not_involved", "Das können nur die Fragende und die helfende Person. / Only the asker and the helper can do this.");
  quartier::Transaction tx;
  if (!move(r, "done", rel.asker ? "open" : "in_progress", "in_progress"))
    throw HttpError(409, "not_open", "Diese Anfrage ist schon abgeschlossen. / This request is already closed.");
  record(r.id, "done", req.user_id(), r.helper_id);
  if (rel.helper) notify_person(r.asker_id, req.user_id(), r, "done", "Als erledigt markiert: " + category_de(r.category),
                                "Marked as done: " + category_en(r.category));
  tx.commit();
  stats_changed();  // again after the commit: a read in between may have kept the old count
  send(res, to_json(r, rel, req.language()));
}

// POST /requests/{id}/withdraw: the asker takes it back; it leaves the streams.
void withdraw(quartier::Request& req, quartier::Response& res) {
  auto r = load_for_asker(req);
  quartier::Transaction tx;
  if (!move(r, "withdrawn", "open", "in_progress"))
    throw HttpError(409, "not_open", "Diese Anfrage ist schon abgeschlossen. / This request is already closed.");
  quartier::expire_content(r.content_id, 0);
  record(r.id, "withdrawn", r.asker_id, r.helper_id);
  if (r.helper_id) notify_person(*r.helper_id, r.asker_id, r, "withdrawn", "Anfrage zurückgezogen: " + category_de(r.category),
                                 "Request withdrawn: " + category_en(r.category));
  tx.commit();
  send(res, to_json(r, relation_of(r, req.user_id(), req.role()), req.language()));
}

// POST /requests/{id}/thanks {text?}: once each way, after it is done.
void thanks(quartier::Request& req, quartier::Response& res) {
  auto r = load_request(req.id_param("id"));
  const auto rel = relation_of(r, req.user_id(), req.role());
  if (!rel.may_read) throw HttpError(404, "not_found", kNotFound);
  if (!rel.helper && !(rel.asker && r.helper_id))
    throw HttpError(403, "not_involved", "Danken können sich nur die Fragende und die helfende Person. / Only the asker and the helper can thank each other.");
  if (r.status != "done")
    throw HttpError(409, "not_done", "Danken geht, sobald die Hilfe erledigt ist. / Thanks can be given once the help is done.");
  const auto text = trim(opt_string(body_object(req), "text", 500).value_or(""));
  const auto to = rel.asker ? *r.helper_id : r.asker_id;
  Statement ins("INSERT INTO help_thanks (request_id, from_id, to_id, text, created_at) VALUES (:r, :f, :to, :x, :t)");
  ins.bind("r", r.id).bind("f", req.user_id()).bind("to", to).bind("x", text).bind("t", now_ms());
  try {
    ins.run();
  } catch (const quartier::Error&) {
    throw HttpError(409, "already_thanked", "Sie haben schon gedankt. / You have already said thank you.");
  }
  notify_person(to, req.user_id(), r, "thanks", "Danke! " + category_de(r.category) + (text.empty() ? "" : ": " + text),
                "Thank you! " + category_en(r.category) + (text.empty() ? "" : ": " + text));
  send(res, boost::json::object{{"request_id", r.id}, {"to", to}}, 201);
}

}  // namespace

void add_action_routes(quartier::Plugin& plugin) {
  plugin.post("/requests/{id}/respond", Access::user, respond);
  plugin.post("/requests/{id}/accept", Access::user, accept);
  plugin.post("/requests/{id}/done", Access::user, done);
  plugin.post("/requests/{id}/withdraw", Access::user, withdraw);
  plugin.post("/requests/{id}/thanks", Access::user, thanks);
}

}  // namespace help
