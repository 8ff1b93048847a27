// Group moderators (and owners) handle reports about their group's content: the open reports
// come from the core (report_list), and their decisions go through the core's moderation steps
// (moderate), which close the reports, log the action and tell the author. Site moderators keep
// their own queue for everything.
#include "group.hpp"
#include "routes.hpp"
#include "util.hpp"

namespace groups {
namespace {

using quartier::Access;
using quartier::HttpError;
using quartier::Request;
using quartier::Response;

// GET /groups/{slug}/reports (managers)
void list(Request& req, Response& res) {
  auto f = load_visible(req);
  require_manager(f.caller);
  boost::json::array arr;
  for (const auto& r : quartier::reports(f.group.container_id)) {
    auto who = quartier::user(r.subject_user_id);
    arr.push_back(boost::json::object{{"id", r.id},
                                      {"target_type", r.target_type},
                                      {"target_id", r.target_id},
                                      {"content_id", r.content_id},
                                      {"author", boost::json::object{{"id", r.subject_user_id},
                                                                     {"display_name", who ? who->display_name : std::string()}}},
                                      {"reason", r.reason},
                                      {"details", r.details},
                                      {"created_at", r.created_at}});
  }
  send(res, boost::json::object{{"reports", std::move(arr)}});
}

// POST /groups/{slug}/moderation {action: hide|unhide|delete|dismiss, target_type, target_id, reason}
void act(Request& req, Response& res) {
  auto f = load_visible(req);
  require_manager(f.caller);
  auto o = body_object(req);
  const auto action = opt_string(o, "action", 20).value_or("");
  const auto type = opt_string(o, "target_type", 20).value_or("content");
  const auto target = opt_int(o, "target_id").value_or(0);
  const auto reason = trim(opt_string(o, "reason", 2000).value_or(""));
  if (action != "hide" && action != "unhide" && action != "delete" && action != "dismiss")
    throw HttpError(400, "invalid_action", "Aktion: hide, unhide, delete oder dismiss. / Action must be hide, unhide, delete or dismiss.");
  if (type != "content" && type != "comment")
    throw HttpError(400, "invalid_target", "target_type: content oder comment. / target_type must be content or comment.");
  if ((action == "hide" || action == "delete") && reason.empty())
    throw HttpError(400, "reason_required", "Bitte einen Grund angeben; die betroffene Person sieht ihn. / Give a reason; the person affected sees it.");
  try {
    quartier::moderate(f.group.container_id, req.user_id(), action, type, target, reason);
  } catch (const quartier::Error& e) {
    // Unknown targets and content of other containers look the same: not in this group.
    if (e.status() == QT_ERR_NOT_FOUND || e.status() == QT_ERR_DENIED)
      throw HttpError(404, "not_found", "Das gibt es in dieser Gruppe nicht (mehr). / This does not exist in this group (any more).");
    throw;
  }
  res.status(204);
}

}  // namespace

void add_moderation_routes(quartier::Plugin& plugin) {
  plugin.get("/groups/{slug}/reports", Access::user, list);
  plugin.post("/groups/{slug}/moderation", Access::user, act);
}

}  // namespace groups
