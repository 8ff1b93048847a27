// Messages and notices (ABI 1.2): a direct conversation between two people through the core's
// messages, a notice to a whole neighbourhood or the city (the urgent path of announcements),
// notification texts per recipient language, and the core's audit log.
#include <optional>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "domain/accounts/audit.hpp"
#include "domain/accounts/users.hpp"
#include "domain/content/store.hpp"
#include "domain/messages/messages.hpp"
#include "domain/municipality/neighbourhoods.hpp"
#include "domain/notify/mail_fanout.hpp"
#include "domain/notify/notifier.hpp"
#include "platform/jobs/scheduler.hpp"
#include "platform/log/log.hpp"
#include "plugin_host/api/host_api_detail.hpp"

namespace qt::plugin_host::detail {

void localised_payloads(const qt_host* h, const qt_notification& n, notify::NewNotification& out) {
  const bool has_12 = n.size >= offsetof(qt_notification, body_en) + sizeof(qt_str);
  const std::string title_de(has_12 && n.title_de.len ? sv(n.title_de) : sv(n.title));
  const std::string body_de(has_12 && n.body_de.len ? sv(n.body_de) : sv(n.body));
  out.payload["title"] = title_de;
  if (!body_de.empty()) out.payload["body"] = body_de;
  out.payload["plugin"] = h->name;
  if (!has_12 || (!n.title_en.len && !n.body_en.len)) return;
  // English readers get the English text; where the plugin gave none, the German one.
  out.payload_en["title"] = n.title_en.len ? std::string(sv(n.title_en)) : title_de;
  const std::string body_en(n.body_en.len ? sv(n.body_en) : std::string_view(body_de));
  if (!body_en.empty()) out.payload_en["body"] = body_en;
  out.payload_en["plugin"] = h->name;
}

namespace {

qt_status api_conversation_start(qt_host* h, int64_t from_user, int64_t to_user, qt_str text, int64_t* out) {
  return guarded(h, "conversation_start", [&] {
    // The messages service commits on its own writer: inside the plugin's transaction it
    // would wait for the writer this thread holds.
    if (ThreadDb::current().current_writer())
      throw HostError(QT_ERR_STATE, "conversation_start cannot run inside db_begin; call it after db_commit");
    const auto& services = h->host->services();
    content::Viewer v;
    {
      CallSession s(h, true);
      auto person = accounts::load_user(*s, from_user);
      if (!person || person->status == "deleted") throw HostError(QT_ERR_NOT_FOUND, "no person " + std::to_string(from_user));
      v = services.content->viewer(*s, from_user, accounts::role_from_string(person->role));
    }
    if (!v.signed_in()) throw HostError(QT_ERR_DENIED, "person " + std::to_string(from_user) + " has no role that may write");
    if (from_user == to_user) throw HostError(QT_ERR_INVALID, "a conversation needs two different people");
    auto id = services.messages->start(v, {to_user}, std::string(), std::string(sv(text)));
    if (out) *out = id;
    return QT_OK;
  });
}

notify::NewNotification area_notification(const qt_host* h, const qt_notification* notification) {
  auto n = sized(notification, "notification");
  if (!sv(n.kind).size()) throw HostError(QT_ERR_INVALID, "kind is empty");
  notify::NewNotification nn;
  nn.kind = h->name + "." + std::string(sv(n.kind));
  localised_payloads(h, n, nn);
  if (nn.payload["title"].as_string().empty()) throw HostError(QT_ERR_INVALID, "a notice to an area needs a title");
  nn.link = sv(n.link);
  if (n.size >= offsetof(qt_notification, actor_id) + sizeof(int64_t)) nn.actor_id = n.actor_id;
  if (n.size >= offsetof(qt_notification, urgent) + sizeof(int32_t) && n.urgent) nn.urgency = notify::Urgency::urgent;
  return nn;
}

// The work of one area notice, off the request: store every notification in one transaction
// (with the urgent mail job, as announcements do), then push to those online and start the mails.
void run_area_notice(const HostServices& services, std::string plugin, std::optional<std::int64_t> area,
                     const notify::NewNotification& nn) {
  try {
    std::vector<std::int64_t> ids;
    std::int64_t mail_job = 0;
    const bool urgent = nn.urgency == notify::Urgency::urgent;
    {
      auto lease = services.db.write();
      soci::transaction tx(*lease);
      ids = services.notifier->store_area(*lease, area, nn);
      if (urgent && services.mail_fanout) mail_job = services.mail_fanout->record(*lease, 0, ids);
      tx.commit();
    }
    if (urgent && !services.mail_fanout) {
      services.notifier->deliver(ids);
      return;
    }
    services.notifier->deliver_live(ids);
    if (services.mail_fanout) services.mail_fanout->start(mail_job);
    log::info("plugin notice to an area stored", {{"plugin", plugin}, {"recipients", ids.size()}});
  } catch (const std::exception& e) {
    log::error("plugin notice to an area failed", {{"plugin", plugin}, {"error", e.what()}});
  }
}

qt_status api_notify_area(qt_host* h, int64_t neighbourhood_id, const qt_notification* notification) {
  return guarded(h, "notify_area", [&] {
    auto nn = area_notification(h, notification);
    std::optional<std::int64_t> area;
    if (neighbourhood_id != 0) {
      CallSession s(h, true);
      if (!accounts::load_neighbourhood(*s, neighbourhood_id))
        throw HostError(QT_ERR_NOT_FOUND, "no neighbourhood " + std::to_string(neighbourhood_id));
      area = neighbourhood_id;
    }
    const HostServices* services = &h->host->services();
    std::string plugin = h->name;
    auto job = [services, plugin, area, nn] { run_area_notice(*services, plugin, area, nn); };
    // Only once the plugin's own work has committed (nothing for a rollback).
    ThreadDb::current().after_commit([services, job] { services->jobs->post(job); });
    return QT_OK;
  });
}

qt_status api_audit_log(qt_host* h, int64_t actor_id, qt_str action, qt_str target_type, int64_t target_id,
                        qt_str details_json) {
  return guarded(h, "audit_log", [&] {
    if (sv(action).empty() || sv(target_type).empty())
      throw HostError(QT_ERR_INVALID, "action and target_type must not be empty");
    boost::json::object details;
    if (!sv(details_json).empty()) {
      boost::system::error_code ec;
      auto v = boost::json::parse(sv(details_json), ec);
      if (ec || !v.is_object()) throw HostError(QT_ERR_INVALID, "details must be a JSON object");
      details = std::move(v.as_object());
    }
    details["plugin"] = h->name;
    CallSession s(h, false);
    accounts::audit(*s, actor_id, h->name + "." + std::string(sv(action)), std::string(sv(target_type)), target_id,
                    details, content::now_ms());
    return QT_OK;
  });
}

}  // namespace

void fill_notices_api(qt_host_api& a, const HostServices& services) {
  a.audit_log = api_audit_log;
  if (services.messages) a.conversation_start = api_conversation_start;
  if (services.notifier && services.jobs) a.notify_area = api_notify_area;
}

}  // namespace qt::plugin_host::detail
