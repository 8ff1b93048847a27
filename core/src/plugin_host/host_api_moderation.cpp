// Reports and moderation in a plugin's own containers (ABI 1.1): the managers of a group handle
// reports about its content. The plugin decides who may (its container roles); the core does
// the same steps as qt::moderation for a site moderator: hide/unhide/delete/dismiss, close the
// open reports, write moderation_log, tell the author.
#include <string>
#include <vector>

#include "moderation/moderation.hpp"
#include "notify/notifier.hpp"
#include "plugin_host/host_api_detail.hpp"

namespace qt::plugin_host::detail {
namespace {

struct ReportRow {
  std::int64_t id = 0, target_id = 0, content_id = 0, subject = 0, created_at = 0;
  std::string target_type, reason, details;
};

qt_status api_report_list(qt_host* h, int64_t container_id, qt_report_fn fn, void* user) {
  return guarded(h, "report_list", [&] {
    if (!fn) throw HostError(QT_ERR_INVALID, "callback is NULL");
    std::vector<ReportRow> rows;
    {
      CallSession s(h, true);
      own_container(h, *s, container_id);
      ReportRow r;
      soci::statement st =
          ((*s).prepare << "SELECT r.id, r.target_type, r.target_id, r.content_id, r.subject_user_id, r.reason, r.details,"
                           " r.created_at FROM reports r JOIN content c ON c.id = r.content_id"
                           " WHERE c.container_id = :c AND r.status = 'open' AND r.target_type IN ('content', 'comment')"
                           " ORDER BY r.id LIMIT 500",
           soci::use(container_id, "c"), soci::into(r.id), soci::into(r.target_type), soci::into(r.target_id),
           soci::into(r.content_id), soci::into(r.subject), soci::into(r.reason), soci::into(r.details),
           soci::into(r.created_at));
      st.execute();
      while (st.fetch()) rows.push_back(r);
    }
    for (const auto& r : rows) {
      qt_report q{};
      q.size = sizeof(qt_report);
      q.id = r.id;
      q.target_type = qs(r.target_type);
      q.target_id = r.target_id;
      q.content_id = r.content_id;
      q.subject_user_id = r.subject;
      q.reason = qs(r.reason);
      q.details = qs(r.details);
      q.created_at = r.created_at;
      if (fn(user, &q) != QT_OK) break;
    }
    return QT_OK;
  });
}

void close_reports(soci::session& s, const std::string& type, std::int64_t target, std::int64_t by,
                   const std::string& status, const std::string& resolution) {
  const std::int64_t t = content::now_ms();
  s << "UPDATE reports SET status = :st, resolved_at = :t, resolved_by = :by, resolution = :res"
       " WHERE target_type = :ty AND target_id = :tid AND status = 'open'",
      soci::use(status, "st"), soci::use(t, "t"), soci::use(by, "by"), soci::use(resolution, "res"),
      soci::use(type, "ty"), soci::use(target, "tid");
}

// The steps on one session (inside a transaction); returns the notification id to deliver (0 = none).
std::int64_t moderate_on(const qt_host* h, soci::session& s, std::int64_t container_id, std::int64_t moderator,
                         const std::string& action,
                         const std::string& type, std::int64_t target, const std::string& reason) {
  const auto& store = *h->host->services().content;
  std::int64_t content_id = 0, subject = 0;
  if (type == "content") {
    content_id = target;
  } else {
    std::int64_t cid = 0, author = 0;
    s << "SELECT content_id, author_id FROM comments WHERE id = :id AND deleted_at IS NULL", soci::use(target, "id"),
        soci::into(cid), soci::into(author);
    if (!s.got_data()) throw HostError(QT_ERR_NOT_FOUND, "no comment " + std::to_string(target));
    content_id = cid;
    subject = author;
  }
  auto item = store.item(s, content_id);
  if (!item || item->deleted_at) throw HostError(QT_ERR_NOT_FOUND, "no content item " + std::to_string(content_id));
  own_container(h, s, container_id);
  if (item->container_id != container_id)
    throw HostError(QT_ERR_NOT_FOUND, "content item " + std::to_string(content_id) + " is not in container " +
                                          std::to_string(container_id));
  if (type == "content") subject = item->author_id;

  if (action == "hide" || action == "unhide") {
    const bool hide = action == "hide";
    if (type == "content") {
      store.set_hidden(s, target, hide, reason);
    } else {
      const std::int64_t flag = hide ? 1 : 0;
      const std::string r = hide ? reason : std::string();
      s << "UPDATE comments SET hidden = :h, hidden_reason = :r WHERE id = :id", soci::use(flag, "h"), soci::use(r, "r"),
          soci::use(target, "id");
    }
    close_reports(s, type, target, moderator, hide ? "resolved" : "dismissed", action);
  } else if (action == "delete") {
    if (type == "content") {
      store.delete_item(s, target);
    } else {
      const std::int64_t t = content::now_ms();
      s << "UPDATE comments SET deleted_at = :t, body = '', body_html = '' WHERE id = :id", soci::use(t, "t"),
          soci::use(target, "id");
      s << "UPDATE content SET comment_count = comment_count - 1 WHERE id = :c AND comment_count > 0",
          soci::use(content_id, "c");
    }
    close_reports(s, type, target, moderator, "resolved", "delete");
  } else {  // dismiss: reviewed and fine, so a threshold hide is lifted
    close_reports(s, type, target, moderator, "dismissed", "dismiss");
    const std::string auto_reason = moderation::kAutoHideReason;
    if (type == "content") {
      if (item->hidden && item->hidden_reason == auto_reason) store.set_hidden(s, target, false, "");
    } else {
      s << "UPDATE comments SET hidden = 0, hidden_reason = '' WHERE id = :id AND hidden_reason = :r",
          soci::use(target, "id"), soci::use(auto_reason, "r");
    }
  }
  const std::int64_t t = content::now_ms();
  s << "INSERT INTO moderation_log (moderator_id, action, target_type, target_id, subject_user_id, reason, created_at)"
       " VALUES (:m, :a, :ty, :tid, :s, :r, :t)",
      soci::use(moderator, "m"), soci::use(action, "a"), soci::use(type, "ty"), soci::use(target, "tid"),
      soci::use(subject, "s"), soci::use(reason, "r"), soci::use(t, "t");
  if (action == "dismiss" || subject == 0) return 0;
  notify::NewNotification n;
  n.user_id = subject;
  n.kind = "moderation";
  n.actor_id = 0;  // as in the core: moderators act for the platform and are not named
  n.payload = {{"action", action}, {"target_type", type}, {"target_id", target}, {"reason", reason}, {"plugin", h->name}};
  n.link = "/content/" + std::to_string(content_id);
  return h->host->services().notifier->store(s, n);
}

qt_status api_moderate(qt_host* h, int64_t container_id, int64_t moderator_id, qt_str action_in, qt_str type_in, int64_t target_id,
                       qt_str reason_in) {
  return guarded(h, "moderate", [&] {
    const std::string action(sv(action_in)), type(sv(type_in)), reason(sv(reason_in));
    if (action != "hide" && action != "unhide" && action != "delete" && action != "dismiss")
      throw HostError(QT_ERR_INVALID, "action must be hide, unhide, delete or dismiss");
    if (type != "content" && type != "comment") throw HostError(QT_ERR_INVALID, "target_type must be content or comment");
    if ((action == "hide" || action == "delete") && reason.empty())
      throw HostError(QT_ERR_INVALID, "a reason is required for hide and delete (the author is told)");
    if (reason.size() > 2000) throw HostError(QT_ERR_INVALID, "the reason may have at most 2000 bytes");
    if (moderator_id <= 0) throw HostError(QT_ERR_INVALID, "moderator_id must name the person acting");
    auto* notifier = h->host->services().notifier;
    auto& ctx = ThreadDb::current();
    if (auto* s = ctx.current_writer()) {
      // Part of the plugin's transaction: push the notification once it commits.
      auto id = moderate_on(h, *s, container_id, moderator_id, action, type, target_id, reason);
      if (id != 0) ctx.after_commit([notifier, id] { notifier->deliver({id}); });
      return QT_OK;
    }
    std::int64_t id = 0;
    {
      CallSession s(h, false);
      soci::transaction tx(*s);
      id = moderate_on(h, *s, container_id, moderator_id, action, type, target_id, reason);
      tx.commit();
    }
    if (id != 0) notifier->deliver({id});
    return QT_OK;
  });
}

}  // namespace

void fill_moderation_api(qt_host_api& a, const HostServices& services) {
  if (!services.content || !services.notifier) return;
  a.report_list = api_report_list;
  a.moderate = api_moderate;
}

}  // namespace qt::plugin_host::detail
