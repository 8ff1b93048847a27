// A coordinator assigns a helper to an open request of a neighbourhood their group coordinates, or
// hands a request someone helps with to another helper (reassign):
// "someone helps" with that helper, a direct conversation between helper and asker (as after
// "I can help"), both told in their language, an entry in the audit log. Every refusal comes
// before anything is written.
#include "coordination.hpp"
#include "history.hpp"
#include "lifecycle.hpp"
#include "model.hpp"
#include "routes.hpp"
#include "trust.hpp"
#include "util.hpp"

namespace help {
namespace {

using quartier::Access;
using quartier::HttpError;
using quartier::Statement;

bool offers_in(std::int64_t helper, std::int64_t nb) {
  Statement s("SELECT 1 FROM help_offers WHERE helper_id = :h AND neighbourhood_id = :nb");
  s.bind("h", helper).bind("nb", nb);
  return s.step();
}

// The helper named in the body, checked against the request; 400/403 with what to do.
quartier::User read_helper(const quartier::Request& req, const Request& r, std::int64_t group) {
  const auto id = opt_int(body_object(req), "helper_id");
  if (!id || *id <= 0)
    throw HttpError(400, "invalid_helper_id", "Wählen Sie, wer helfen soll („helper_id“). / Choose who is to help ('helper_id').");
  auto helper = quartier::user(*id);
  if (!helper || !helper->active)
    throw HttpError(400, "unknown_helper", "Diese Person gibt es nicht (mehr). / This person does not exist (any more).");
  if (*id == r.asker_id)
    throw HttpError(400, "helper_is_asker", "Die fragende Person kann sich nicht selbst helfen; wählen Sie jemand anderen. / "
                                            "The person asking cannot help themselves; choose someone else.");
  if (!offers_in(*id, r.neighbourhood_id) && !group_member(group, *id))
    throw HttpError(400, "helper_not_eligible", "Zuweisen können Sie Menschen, die in diesem Quartier Hilfe anbieten, oder "
                                                "Mitglieder Ihrer Gruppe. / You can assign people who offer help in this "
                                                "neighbourhood, or members of your group.");
  if (quartier::blocked(*id, r.asker_id))
    throw HttpError(403, "blocked", "Zwischen diesen beiden Menschen ist kein Kontakt möglich. / Contact between these two people is not possible.");
  if (trust_required(r) && !trusted(*id))
    throw HttpError(403, "residence_not_confirmed", "Bei dieser Anfrage helfen nur Menschen mit bestätigtem Wohnsitz. / "
                                                    "Only people with a confirmed residence can help with this request.");
  return *helper;
}

// The first message, from the helper to the asker in the asker's language, saying who arranged it.
std::string first_message(const Request& r, const quartier::User& helper, const std::string& group, const std::string& note) {
  const auto asker = quartier::user(r.asker_id);
  if (asker && asker->language == "en")
    return "Arranged by " + group + ": " + helper.display_name + " will help you with your request (" +
           category_en(r.category) + "): " + r.text + (note.empty() ? "" : "\n\n" + note);
  return "Vermittelt durch " + group + ": " + helper.display_name + " hilft Ihnen bei Ihrer Anfrage (" +
         category_de(r.category) + "): " + r.text + (note.empty() ? "" : "\n\n" + note);
}

// Rows written before the conversation; taken back if the core refuses it.
struct Written {
  bool response = false;
  std::int64_t event = 0;
};

// A helper assigned again after stepping back replaces their earlier row.
void insert_assignment(std::int64_t request, std::int64_t helper, std::int64_t group, std::int64_t coordinator) {
  Statement d("DELETE FROM help_assignments WHERE request_id = :r AND helper_id = :h");
  d.bind("r", request).bind("h", helper).run();
  Statement a("INSERT INTO help_assignments (request_id, helper_id, container_id, coordinator_id, created_at)"
              " VALUES (:r, :h, :g, :c, :t)");
  a.bind("r", request).bind("h", helper).bind("g", group).bind("c", coordinator).bind("t", now_ms()).run();
}

// The helper's offer to help, added unless they made one; whether it was added.
bool ensure_response(std::int64_t request, std::int64_t helper) {
  Statement has("SELECT 1 FROM help_responses WHERE request_id = :r AND helper_id = :h");
  has.bind("r", request).bind("h", helper);
  if (has.step()) return false;
  Statement ins("INSERT INTO help_responses (request_id, helper_id, created_at) VALUES (:r, :h, :t)");
  ins.bind("r", request).bind("h", helper).bind("t", now_ms()).run();
  return true;
}

Written write_assignment(Request& r, std::int64_t helper, std::int64_t group, std::int64_t coordinator) {
  Written w;
  quartier::Transaction tx;
  r.helper_id = helper;
  if (!move(r, "in_progress", "open", "open"))
    throw HttpError(409, "not_open", "Diese Anfrage ist nicht mehr offen. / This request is no longer open.");
  w.response = ensure_response(r.id, helper);
  insert_assignment(r.id, helper, group, coordinator);
  w.event = record(r.id, "assigned", coordinator, helper, std::nullopt, group);
  tx.commit();
  return w;
}

void undo_assignment(Request& r, std::int64_t helper, const Written& w) {
  quartier::Transaction tx;
  r.helper_id.reset();
  move(r, "open", "in_progress", "in_progress");
  Statement a("DELETE FROM help_assignments WHERE request_id = :r AND helper_id = :h");
  a.bind("r", r.id).bind("h", helper).run();
  unrecord(w.event);
  if (w.response) {
    Statement x("DELETE FROM help_responses WHERE request_id = :r AND helper_id = :h");
    x.bind("r", r.id).bind("h", helper).run();
    update_card(r);  // the count of those who offered
  }
  tx.commit();
}

void tell(std::int64_t to, std::int64_t actor, const Request& r, std::string de, std::string en) {
  quartier::Notification n;
  n.user_id = to;
  n.kind = "assigned";
  n.title = std::move(de);
  n.title_en = std::move(en);
  n.link = "/help/requests/" + std::to_string(r.id);
  n.actor_id = actor;
  quartier::notify(n);
}

// POST /coordination/requests/{id}/assign {helper_id, message?}
void assign(quartier::Request& req, quartier::Response& res) {
  auto [r, group] = coordinated_request(req.id_param("id"), req.user_id());
  const auto helper = read_helper(req, r, group);
  const auto note = trim(opt_string(body_object(req), "message", 2000).value_or(""));
  const auto group_label = group_name(group).value_or("");
  const auto written = write_assignment(r, helper.id, group, req.user_id());
  std::int64_t conversation = 0;
  try {
    conversation = quartier::start_conversation(helper.id, r.asker_id, first_message(r, helper, group_label, note));
  } catch (const quartier::Error& e) {
    undo_assignment(r, helper.id, written);
    if (e.status() == QT_ERR_DENIED)
      throw HttpError(403, "blocked", "Mit dieser Person ist kein Kontakt möglich. / Contact with this person is not possible.");
    throw;
  }
  Statement set("UPDATE help_responses SET conversation_id = :c WHERE request_id = :r AND helper_id = :h AND conversation_id = 0");
  set.bind("c", conversation).bind("r", r.id).bind("h", helper.id).run();
  Statement set2("UPDATE help_assignments SET conversation_id = :c WHERE request_id = :r AND helper_id = :h");
  set2.bind("c", conversation).bind("r", r.id).bind("h", helper.id).run();
  update_card(r);
  tell(helper.id, req.user_id(), r, group_label + " bittet Sie um Hilfe: " + category_de(r.category),
       group_label + " asks you to help: " + category_en(r.category));
  tell(r.asker_id, req.user_id(), r, helper.display_name + " hilft Ihnen (vermittelt durch " + group_label + "): " + category_de(r.category),
       helper.display_name + " will help you (arranged by " + group_label + "): " + category_en(r.category));
  quartier::audit(req.user_id(), "assign", "help_request", r.id,
                  boost::json::serialize(boost::json::object{{"helper_id", helper.id}, {"container_id", group}}));
  send(res, boost::json::object{{"request_id", r.id}, {"status", r.status}, {"conversation_id", conversation},
                                {"helper", boost::json::object{{"id", helper.id}, {"display_name", helper.display_name}}},
                                {"container_id", group}});
}

Written write_reassignment(Request& r, std::int64_t from, std::int64_t to, std::int64_t group, std::int64_t coordinator) {
  Written w;
  quartier::Transaction tx;
  if (!change_helper(r, to, "in_progress"))
    throw HttpError(409, "changed", "Die Anfrage hat sich gerade geändert; laden Sie sie neu. / The request just changed; reload it.");
  w.response = ensure_response(r.id, to);
  insert_assignment(r.id, to, group, coordinator);
  w.event = record(r.id, "reassigned", coordinator, to, from, group);
  tx.commit();
  return w;
}

void undo_reassignment(Request& r, std::int64_t from, std::int64_t to, const Written& w) {
  quartier::Transaction tx;
  Statement a("DELETE FROM help_assignments WHERE request_id = :r AND helper_id = :h");
  a.bind("r", r.id).bind("h", to).run();
  unrecord(w.event);
  if (w.response) {
    Statement x("DELETE FROM help_responses WHERE request_id = :r AND helper_id = :h");
    x.bind("r", r.id).bind("h", to).run();
  }
  change_helper(r, from, "in_progress");
  tx.commit();
}

// After the new pair's conversation opened: the replaced helper's offer to help goes (the asker
// cannot accept them again by mistake), the new one's rows name the conversation.
void finish_reassignment(Request& r, std::int64_t from, std::int64_t to, std::int64_t conversation) {
  quartier::Transaction tx;
  Statement x("DELETE FROM help_responses WHERE request_id = :r AND helper_id = :h");
  x.bind("r", r.id).bind("h", from).run();
  Statement set("UPDATE help_responses SET conversation_id = :c WHERE request_id = :r AND helper_id = :h AND conversation_id = 0");
  set.bind("c", conversation).bind("r", r.id).bind("h", to).run();
  Statement set2("UPDATE help_assignments SET conversation_id = :c WHERE request_id = :r AND helper_id = :h");
  set2.bind("c", conversation).bind("r", r.id).bind("h", to).run();
  update_card(r);
  tx.commit();
}

// POST /coordination/requests/{id}/reassign {helper_id, message?}: a request someone helps with
// goes to another helper; old and new helper and the asker are told, the new pair's conversation opens.
void reassign(quartier::Request& req, quartier::Response& res) {
  auto [r, group] = coordinated_request(req.id_param("id"), req.user_id(), "in_progress");
  const auto from = *r.helper_id;
  if (opt_int(body_object(req), "helper_id") == from)
    throw HttpError(400, "same_helper", "Diese Person hilft hier schon; wählen Sie jemand anderen. / This person already helps here; choose someone else.");
  const auto helper = read_helper(req, r, group);
  const auto note = trim(opt_string(body_object(req), "message", 2000).value_or(""));
  const auto group_label = group_name(group).value_or("");
  const auto written = write_reassignment(r, from, helper.id, group, req.user_id());
  std::int64_t conversation = 0;
  try {
    conversation = quartier::start_conversation(helper.id, r.asker_id, first_message(r, helper, group_label, note));
  } catch (const quartier::Error& e) {
    undo_reassignment(r, from, helper.id, written);
    if (e.status() == QT_ERR_DENIED)
      throw HttpError(403, "blocked", "Mit dieser Person ist kein Kontakt möglich. / Contact with this person is not possible.");
    throw;
  }
  finish_reassignment(r, from, helper.id, conversation);
  notify_person(from, req.user_id(), r, "reassigned", group_label + " hat die Anfrage jemand anderem übergeben: " + category_de(r.category),
                group_label + " handed the request to someone else: " + category_en(r.category));
  tell(helper.id, req.user_id(), r, group_label + " bittet Sie um Hilfe: " + category_de(r.category),
       group_label + " asks you to help: " + category_en(r.category));
  tell(r.asker_id, req.user_id(), r, "Jetzt hilft Ihnen " + helper.display_name + " (vermittelt durch " + group_label + "): " + category_de(r.category),
       helper.display_name + " will help you now (arranged by " + group_label + "): " + category_en(r.category));
  quartier::audit(req.user_id(), "reassign", "help_request", r.id,
                  boost::json::serialize(boost::json::object{{"helper_id", helper.id}, {"previous_helper_id", from}, {"container_id", group}}));
  send(res, boost::json::object{{"request_id", r.id}, {"status", r.status}, {"conversation_id", conversation},
                                {"helper", boost::json::object{{"id", helper.id}, {"display_name", helper.display_name}}},
                                {"previous_helper_id", from}, {"container_id", group}});
}

}  // namespace

void add_assign_route(quartier::Plugin& plugin) {
  plugin.post("/coordination/requests/{id}/assign", Access::user, assign);
  plugin.post("/coordination/requests/{id}/reassign", Access::user, reassign);
}

}  // namespace help
