// Reports and moderation in a plugin's own containers (ABI 1.1): the managers of a group handle
// reports about its content. The plugin decides who may (its container roles); the domain's
// moderation service does the same steps as for a site moderator (qt::moderation).
#include <string>
#include <vector>

#include "domain/moderation/moderation.hpp"
#include "domain/notify/notifier.hpp"
#include "plugin_host/api/host_api_detail.hpp"
#include "platform/db/transaction.hpp"

namespace qt::plugin_host::detail {
namespace {

qt_status api_report_list(qt_host* h, int64_t container_id, qt_report_fn fn, void* user) {
  return guarded(h, "report_list", [&] {
    if (!fn) throw HostError(QT_ERR_INVALID, "callback is NULL");
    std::vector<moderation::Report> rows;
    {
      CallSession s(h, true);
      own_container(h, *s, container_id);
      rows = h->host->services().moderation->open_reports_in(*s, container_id);
    }
    // Rows are collected before calling back, so the plugin may call the host from its callback.
    for (const auto& r : rows) {
      qt_report q{};
      q.size = sizeof(qt_report);
      q.id = r.id;
      q.target_type = qs(r.target_type);
      q.target_id = r.target_id;
      q.content_id = r.content_id;
      q.subject_user_id = r.subject_user_id;
      q.reason = qs(r.reason);
      q.details = qs(r.details);
      q.created_at = r.created_at;
      if (fn(user, &q) != QT_OK) break;
    }
    return QT_OK;
  });
}

qt_status api_moderate(qt_host* h, int64_t container_id, int64_t moderator_id, qt_str action, qt_str type,
                       int64_t target_id, qt_str reason) {
  return guarded(h, "moderate", [&] {
    const auto& services = h->host->services();
    const auto act = [&](soci::session& s) {
      own_container(h, s, container_id);
      return services.moderation->act_in_container(s, container_id, moderator_id, sv(action), sv(type), target_id,
                                                   sv(reason), h->name);
    };
    auto* notifier = services.notifier;
    auto& ctx = ThreadDb::current();
    if (auto* s = ctx.current_writer()) {
      // Part of the plugin's transaction: push the notification once it commits.
      auto id = act(*s);
      if (id != 0) ctx.after_commit([notifier, id] { notifier->deliver({id}); });
      return QT_OK;
    }
    std::int64_t id = 0;
    {
      CallSession s(h, false);
      db::Transaction tx(*s);
      id = act(*s);
      tx.commit();
    }
    if (id != 0) notifier->deliver({id});
    return QT_OK;
  });
}

}  // namespace

void fill_moderation_api(qt_host_api& a, const HostServices& services) {
  if (!services.content || !services.notifier || !services.moderation) return;
  a.report_list = api_report_list;
  a.moderate = api_moderate;
}

}  // namespace qt::plugin_host::detail
