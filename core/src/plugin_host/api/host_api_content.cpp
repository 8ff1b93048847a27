// Host functions over the core's content model (qt::content::Store) and notifications
// (qt::notify::Notifier). They run on the thread's open transaction when there is one (so a
// plugin's own rows and the core rows commit together), else on the writer for the call.
#include <algorithm>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "domain/accounts/users.hpp"
#include "domain/content/store.hpp"
#include "domain/notify/notifier.hpp"
#include "domain/stream/live_item.hpp"
#include "platform/jobs/scheduler.hpp"
#include "plugin_host/api/host_api_detail.hpp"
#include "plugin_host/thread_db.hpp"

namespace qt::plugin_host::detail {
namespace {

std::string plugin_kind(const qt_host* h, qt_str kind) {
  auto k = sv(kind);
  if (k.empty()) throw HostError(QT_ERR_INVALID, "kind is empty");
  return h->name + "." + std::string(k);
}

content::MemberRole member_role(int32_t role) {
  switch (role) {
    case QT_MEMBER_MEMBER: return content::MemberRole::member;
    case QT_MEMBER_MODERATOR: return content::MemberRole::moderator;
    case QT_MEMBER_OWNER: return content::MemberRole::owner;
    default: throw HostError(QT_ERR_INVALID, "role must be QT_MEMBER_MEMBER, QT_MEMBER_MODERATOR or QT_MEMBER_OWNER");
  }
}

int32_t qt_member_role(content::MemberRole r) {
  switch (r) {
    case content::MemberRole::owner: return QT_MEMBER_OWNER;
    case content::MemberRole::moderator: return QT_MEMBER_MODERATOR;
    case content::MemberRole::member: return QT_MEMBER_MEMBER;
  }
  return QT_MEMBER_MEMBER;
}

content::Item own_item(const qt_host* h, soci::session& s, std::int64_t id) {
  auto item = h->host->services().content->item(s, id);
  if (!item || item->deleted_at) throw HostError(QT_ERR_NOT_FOUND, "no content item " + std::to_string(id));
  if (item->owner != h->name)
    throw HostError(QT_ERR_DENIED, "content item " + std::to_string(id) + " belongs to '" + item->owner + "'");
  return *item;
}

content::ItemVisibility item_visibility(qt_str v) {
  if (sv(v).empty()) return content::ItemVisibility::members;
  auto vis = content::item_visibility_from(sv(v));
  if (!vis) throw HostError(QT_ERR_INVALID, "visibility must be \"members\" or \"public\"");
  return *vis;
}

qt_status api_content_create(qt_host* h, const qt_content* item, int64_t* out_id) {
  return guarded(h, "content_create", [&] {
    auto c = sized(item, "content");
    content::NewItem n;
    n.kind = plugin_kind(h, c.kind);
    n.owner = h->name;
    n.container_id = c.container_id;
    n.author_id = c.author_id;
    n.visibility = item_visibility(c.visibility);
    n.title = sv(c.title);
    n.summary = sv(c.summary);
    n.body = sv(c.body);
    CallSession s(h, false);
    h->host->services().content->require_container(*s, c.container_id);
    content_model_create(*s, c, n);
    auto& services = h->host->services();
    auto id = services.content->create_item(*s, n);
    if (out_id) *out_id = id;
    // The same live event as a core post, once the plugin's transaction has committed.
    if (services.live) {
      auto* db = &services.db;
      const auto* store = services.content;
      auto* hub = services.live;
      ThreadDb::current().after_commit([db, store, hub, id] { stream::publish_new_item(*db, *store, *hub, id); });
    }
    return QT_OK;
  });
}

qt_status api_content_update(qt_host* h, int64_t content_id, const qt_content* item) {
  return guarded(h, "content_update", [&] {
    auto c = sized(item, "content");
    CallSession s(h, false);
    const auto current = own_item(h, *s, content_id);
    content::ItemPatch patch;
    patch.title = std::string(sv(c.title));
    patch.summary = std::string(sv(c.summary));
    patch.body = std::string(sv(c.body));
    if (c.size >= offsetof(qt_content, visibility) + sizeof(qt_str) && c.visibility.len)
      patch.visibility = item_visibility(c.visibility);
    content_model_patch(*s, c, current, patch);
    h->host->services().content->update_item(*s, content_id, c.author_id, patch);
    return QT_OK;
  });
}

qt_status api_content_delete(qt_host* h, int64_t content_id) {
  return guarded(h, "content_delete", [&] {
    CallSession s(h, false);
    auto item = h->host->services().content->item(*s, content_id);
    if (!item) throw HostError(QT_ERR_NOT_FOUND, "no content item " + std::to_string(content_id));
    if (item->owner != h->name)
      throw HostError(QT_ERR_DENIED, "content item " + std::to_string(content_id) + " belongs to '" + item->owner + "'");
    h->host->services().content->delete_item(*s, content_id);
    return QT_OK;
  });
}

qt_status api_container_create(qt_host* h, const qt_container* container, int64_t* out_id) {
  return guarded(h, "container_create", [&] {
    auto c = sized(container, "container");
    content::NewContainer n;
    n.kind = plugin_kind(h, c.kind);
    n.owner = h->name;
    n.name = sv(c.name);
    n.description = sv(c.description);
    auto vis = content::visibility_from(sv(c.visibility).empty() ? std::string_view("members") : sv(c.visibility));
    if (!vis) throw HostError(QT_ERR_INVALID, "visibility must be \"public\", \"members\" or \"hidden\"");
    n.visibility = *vis;
    n.created_by = c.owner_id;
    if (container->size >= offsetof(qt_container, neighbourhood_id) + sizeof(int64_t) && c.neighbourhood_id > 0)
      n.neighbourhood_id = c.neighbourhood_id;
    CallSession s(h, false);
    auto id = h->host->services().content->create_container(*s, n);
    if (out_id) *out_id = id;
    return QT_OK;
  });
}

qt_status api_member_add(qt_host* h, int64_t container_id, int64_t user_id, int32_t role) {
  return guarded(h, "member_add", [&] {
    auto r = member_role(role);
    CallSession s(h, false);
    own_container(h, *s, container_id);
    if (h->host->services().content->membership(*s, container_id, user_id))
      throw HostError(QT_ERR_CONFLICT, "person " + std::to_string(user_id) + " is already a member");
    h->host->services().content->set_membership(*s, container_id, user_id, r, content::MemberState::active);
    return QT_OK;
  });
}

qt_status api_member_set_role(qt_host* h, int64_t container_id, int64_t user_id, int32_t role) {
  return guarded(h, "member_set_role", [&] {
    auto r = member_role(role);
    CallSession s(h, false);
    own_container(h, *s, container_id);
    auto m = h->host->services().content->membership(*s, container_id, user_id);
    if (!m) throw HostError(QT_ERR_NOT_FOUND, "person " + std::to_string(user_id) + " is not a member");
    h->host->services().content->set_membership(*s, container_id, user_id, r, m->state);
    return QT_OK;
  });
}

qt_status api_member_remove(qt_host* h, int64_t container_id, int64_t user_id) {
  return guarded(h, "member_remove", [&] {
    CallSession s(h, false);
    own_container(h, *s, container_id);
    if (!h->host->services().content->membership(*s, container_id, user_id))
      throw HostError(QT_ERR_NOT_FOUND, "person " + std::to_string(user_id) + " is not a member");
    h->host->services().content->remove_membership(*s, container_id, user_id);
    return QT_OK;
  });
}

qt_status api_member_role(qt_host* h, int64_t container_id, int64_t user_id, int32_t* out) {
  return guarded(h, "member_role", [&] {
    CallSession s(h, true);
    auto m = h->host->services().content->membership(*s, container_id, user_id);
    if (!m || m->state != content::MemberState::active)
      throw HostError(QT_ERR_NOT_FOUND, "person " + std::to_string(user_id) + " is not an active member");
    if (out) *out = qt_member_role(m->role);
    return QT_OK;
  });
}

qt_status api_notify(qt_host* h, const qt_notification* notification) {
  return guarded(h, "notify", [&] {
    auto n = sized(notification, "notification");
    notify::NewNotification nn;
    nn.user_id = n.user_id;
    nn.kind = plugin_kind(h, n.kind);
    localised_payloads(h, n, nn);
    nn.link = sv(n.link);
    nn.content_id = n.content_id;
    if (n.size >= offsetof(qt_notification, actor_id) + sizeof(int64_t)) nn.actor_id = n.actor_id;
    if (n.size >= offsetof(qt_notification, urgent) + sizeof(int32_t) && n.urgent) nn.urgency = notify::Urgency::urgent;
    auto& ctx = ThreadDb::current();
    auto* notifier = h->host->services().notifier;
    if (auto* s = ctx.current_writer()) {
      // Store with the plugin's own work; push only once it is committed.
      auto id = notifier->store(*s, nn);
      if (id != 0 && nn.urgency == notify::Urgency::urgent && h->host->services().jobs) {
        // Mailing it takes the writer again, which this thread may still hold after the commit
        // (SQLite: "already holds the only writer"): mail from a job thread instead.
        const HostServices* services = &h->host->services();
        ctx.after_commit([services, notifier, id] { services->jobs->post([notifier, id] { notifier->deliver({id}); }); });
      } else if (id != 0) {
        ctx.after_commit([notifier, id] { notifier->deliver({id}); });
      }
    } else {
      notifier->notify(nn);
    }
    return QT_OK;
  });
}

// ---- since ABI 1.1 ----

qt_status api_container_update(qt_host* h, int64_t container_id, const qt_container* container) {
  return guarded(h, "container_update", [&] {
    auto c = sized(container, "container");
    content::ContainerPatch patch;
    if (!sv(c.name).empty()) patch.name = std::string(sv(c.name));
    patch.description = std::string(sv(c.description));
    if (!sv(c.visibility).empty()) {
      auto vis = content::visibility_from(sv(c.visibility));
      if (!vis) throw HostError(QT_ERR_INVALID, "visibility must be \"public\", \"members\" or \"hidden\"");
      patch.visibility = *vis;
    }
    if (container->size >= offsetof(qt_container, neighbourhood_id) + sizeof(int64_t))
      patch.neighbourhood_id = c.neighbourhood_id > 0 ? std::optional<std::int64_t>(c.neighbourhood_id) : std::nullopt;
    CallSession s(h, false);
    own_container(h, *s, container_id);
    h->host->services().content->update_container(*s, container_id, patch);
    return QT_OK;
  });
}

qt_status api_container_delete(qt_host* h, int64_t container_id) {
  return guarded(h, "container_delete", [&] {
    CallSession s(h, false);
    own_container(h, *s, container_id);
    // Foreign keys cascade to memberships, content, comments, reactions; triggers keep search in step.
    h->host->services().content->delete_container(*s, container_id);
    return QT_OK;
  });
}

// Rows are collected before calling back, so the plugin may call the host from its callback.
qt_status walk_members(const std::vector<qt_member>& rows, qt_member_fn fn, void* user) {
  for (const auto& m : rows)
    if (fn(user, &m) != QT_OK) break;
  return QT_OK;
}

qt_status api_member_list(qt_host* h, int64_t container_id, int64_t after_user, int32_t limit, qt_member_fn fn,
                          void* user) {
  return guarded(h, "member_list", [&] {
    if (!fn) throw HostError(QT_ERR_INVALID, "callback is NULL");
    if (limit < 1 || limit > 1000) throw HostError(QT_ERR_INVALID, "limit must be 1..1000");
    std::vector<qt_member> rows;
    {
      CallSession s(h, true);
      // The store caps one page at 500; walk pages until the limit.
      std::int64_t after = after_user;
      while (static_cast<int32_t>(rows.size()) < limit) {
        const int want = std::min(500, limit - static_cast<int>(rows.size()));
        auto page = h->host->services().content->members(*s, container_id, content::MemberState::active, after, want);
        for (const auto& m : page)
          rows.push_back(qt_member{sizeof(qt_member), m.container_id, m.user_id, qt_member_role(m.role), m.created_at});
        if (static_cast<int>(page.size()) < want) break;
        after = page.back().user_id;
      }
    }
    return walk_members(rows, fn, user);
  });
}

qt_status api_member_containers(qt_host* h, int64_t user_id, qt_member_fn fn, void* user) {
  return guarded(h, "member_containers", [&] {
    if (!fn) throw HostError(QT_ERR_INVALID, "callback is NULL");
    std::vector<qt_member> rows;
    {
      CallSession s(h, true);
      for (const auto& m : h->host->services().content->owned_memberships(*s, user_id, h->name))
        rows.push_back(qt_member{sizeof(qt_member), m.container_id, user_id, qt_member_role(m.role), m.created_at});
    }
    return walk_members(rows, fn, user);
  });
}

qt_status api_user_get(qt_host* h, int64_t user_id, qt_user_fn fn, void* user) {
  return guarded(h, "user_get", [&] {
    if (!fn) throw HostError(QT_ERR_INVALID, "callback is NULL");
    std::optional<accounts::User> person;
    {
      CallSession s(h, true);
      person = accounts::load_user(*s, user_id);
    }
    if (!person || person->status == "deleted") throw HostError(QT_ERR_NOT_FOUND, "no person " + std::to_string(user_id));
    qt_user u{};
    u.size = sizeof(qt_user);
    u.id = user_id;
    u.display_name = qs(person->display_name);
    u.neighbourhood_id = person->neighbourhood_id.value_or(0);
    const auto& role = person->role;
    u.role = role == "admin" ? QT_ROLE_ADMIN : role == "moderator" ? QT_ROLE_MODERATOR : role == "staff" ? QT_ROLE_STAFF : QT_ROLE_RESIDENT;
    u.active = person->status == "active" ? 1 : 0;
    u.language = qs(person->language);
    u.department = qs(person->department);
    u.residence_verified_at = person->residence_verified_at.value_or(0);  // ABI 1.3 (help)
    fn(user, &u);
    return QT_OK;
  });
}

}  // namespace

void fill_content_api(qt_host_api& a, const HostServices& services) {
  fill_moderation_api(a, services);
  if (services.content) {
    a.content_create = api_content_create;
    a.content_update = api_content_update;
    a.content_delete = api_content_delete;
    a.container_create = api_container_create;
    a.member_add = api_member_add;
    a.member_set_role = api_member_set_role;
    a.member_remove = api_member_remove;
    a.member_role = api_member_role;
    a.container_update = api_container_update;
    a.container_delete = api_container_delete;
    a.member_list = api_member_list;
    a.member_containers = api_member_containers;
    a.user_get = api_user_get;
  }
  if (services.notifier && services.content) a.notify = api_notify;
}

}  // namespace qt::plugin_host::detail
