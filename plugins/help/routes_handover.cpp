// Taking a helper off a request that "someone helps" with: the helper steps back, or the asker
// releases them. The request is open again (for a new "I can help" or a coordinator), the other
// side is told in their language (and the coordinating group, if it arranged the helper), the
// helpers matched to it before hear it is open again within their daily cap, and the history keeps
// the date. Every refusal comes before anything is written.
#include "coordination.hpp"
#include "history.hpp"
#include "lifecycle.hpp"
#include "matching.hpp"
#include "model.hpp"
#include "routes.hpp"
#include "util.hpp"

namespace help {
namespace {

using quartier::Access;
using quartier::HttpError;
using quartier::Statement;

void not_in_progress() {
  throw HttpError(409, "not_in_progress", "Gerade hilft niemand bei dieser Anfrage. / Nobody is helping with this request right now.");
}

// Open again without `helper`: their offer to help goes (the asker cannot accept it again; they
// may offer anew), the history gets `kind`, the matched helpers are told. Inside a transaction.
void reopen(Request& r, std::int64_t actor, const char* kind) {
  const auto helper = *r.helper_id;
  Statement drop("DELETE FROM help_responses WHERE request_id = :r AND helper_id = :h");
  drop.bind("r", r.id).bind("h", helper).run();
  // Rolled back with the transaction when someone else changed the request first.
  if (!change_helper(r, std::nullopt, "open"))
    throw HttpError(409, "changed", "Die Anfrage hat sich gerade geändert; laden Sie sie neu. / The request just changed; reload it.");
  record(r.id, kind, actor, helper);
  notify_open_again(r, helper);
}

// The owners and moderators of the group that arranged the helper, so they can find someone else.
void tell_group(const std::optional<Area>& via, std::int64_t actor, const Request& r, const char* kind, const std::string& de,
                const std::string& en, const std::string& message) {
  if (!via) return;
  for (auto admin : group_admins(via->id))
    notify_person(admin, actor, r, kind, de + " (" + via->name + "): " + category_de(r.category),
                  en + " (" + via->name + "): " + category_en(r.category), message);
}

std::string message_of(const quartier::Request& req) { return trim(opt_string(body_object(req), "message", 1000).value_or("")); }

// POST /requests/{id}/step-back {message?}: the helper (accepted or assigned) cannot help after all.
void step_back(quartier::Request& req, quartier::Response& res) {
  const auto me = req.user_id();
  auto r = load_request(req.id_param("id"));
  const auto rel = relation_of(r, me, req.role());
  if (!rel.may_read) throw HttpError(404, "not_found", "Diese Anfrage gibt es nicht (mehr). / This request does not exist (any more).");
  if (r.status == "in_progress" && !rel.helper)
    throw HttpError(403, "not_helper", "Zurücktreten kann nur, wer gerade hilft. / Only the person helping can step back.");
  if (r.status != "in_progress" || !rel.helper) not_in_progress();
  const auto message = message_of(req);
  const auto via = assigned_by(r);
  const auto name = quartier::user(me);
  const auto who = name ? name->display_name : std::string();
  quartier::Transaction tx;
  reopen(r, me, "stepped_back");
  notify_person(r.asker_id, me, r, "stepped_back", who + " kann doch nicht helfen; Ihre Anfrage ist wieder offen: " + category_de(r.category),
                who + " cannot help after all; your request is open again: " + category_en(r.category), message);
  tell_group(via, me, r, "stepped_back", who + " hilft doch nicht, wieder offen", who + " stepped back, open again", message);
  tx.commit();
  send(res, to_json(r, relation_of(r, me, req.role()), req.language()));
}

// POST /requests/{id}/release {message?}: the asker no longer wants this helper.
void release(quartier::Request& req, quartier::Response& res) {
  auto r = load_request(req.id_param("id"));
  if (r.asker_id != req.user_id()) {
    if (!relation_of(r, req.user_id(), req.role()).may_read)
      throw HttpError(404, "not_found", "Diese Anfrage gibt es nicht (mehr). / This request does not exist (any more).");
    throw HttpError(403, "not_asker", "Das kann nur, wer um Hilfe gebeten hat. / Only the person who asked can do this.");
  }
  if (r.status != "in_progress" || !r.helper_id) not_in_progress();
  const auto helper = *r.helper_id;
  const auto message = message_of(req);
  const auto via = assigned_by(r);
  quartier::Transaction tx;
  reopen(r, r.asker_id, "released");
  tell_group(via, r.asker_id, r, "released", "Hilfe von der fragenden Person freigegeben, wieder offen",
             "Helper released by the person asking, open again", message);
  notify_person(helper, r.asker_id, r, "released", "Ihre Hilfe wird bei dieser Anfrage nicht mehr gebraucht: " + category_de(r.category),
                "Your help is no longer needed with this request: " + category_en(r.category), message);
  tx.commit();
  send(res, to_json(r, relation_of(r, req.user_id(), req.role()), req.language()));
}

}  // namespace

void add_handover_routes(quartier::Plugin& plugin) {
  plugin.post("/requests/{id}/step-back", Access::user, step_back);
  plugin.post("/requests/{id}/release", Access::user, release);
}

}  // namespace help
