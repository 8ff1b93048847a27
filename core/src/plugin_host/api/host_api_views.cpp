// Read views (ABI 1.2): containers, the core's read checks, neighbourhoods with their outlines,
// a directory of people, blocks, and the city's and neighbourhoods' container ids. Every entry
// calls the domain (content::Store, accounts, messages); the rows are read before the plugin's
// callback runs, so the callback may call the host again.
#include <optional>
#include <string>
#include <vector>

#include "domain/accounts/users.hpp"
#include "domain/content/store.hpp"
#include "domain/messages/messages.hpp"
#include "domain/municipality/neighbourhoods.hpp"
#include "plugin_host/api/host_api_detail.hpp"

namespace qt::plugin_host::detail {
namespace {

void require_fn(const void* fn) {
  if (!fn) throw HostError(QT_ERR_INVALID, "callback is NULL");
}
template <class T>
void require_out(const T* out) {
  if (!out) throw HostError(QT_ERR_INVALID, "out is NULL");
}

qt_status api_container_get(qt_host* h, int64_t container_id, qt_container_info_fn fn, void* user) {
  return guarded(h, "container_get", [&] {
    require_fn(reinterpret_cast<const void*>(fn));
    std::optional<content::Container> c;
    {
      CallSession s(h, true);
      c = h->host->services().content->container(*s, container_id);
    }
    if (!c) throw HostError(QT_ERR_NOT_FOUND, "no container " + std::to_string(container_id));
    const std::string visibility(content::to_string(c->visibility));
    qt_container_info info{};
    info.size = sizeof info;
    info.id = c->id;
    info.kind = qs(c->kind);
    info.owner = qs(c->owner);
    info.name = qs(c->name);
    info.visibility = qs(visibility);
    info.neighbourhood_id = c->neighbourhood_id.value_or(0);
    info.profile_user_id = c->user_id.value_or(0);
    fn(user, &info);
    return QT_OK;
  });
}

// The person as the core's access checks see them; user_id 0 is an anonymous visitor.
content::Viewer viewer_of(const qt_host* h, soci::session& s, std::int64_t user_id) {
  if (user_id == 0) return content::Viewer{};
  auto person = accounts::load_user(s, user_id);
  if (!person || person->status == "deleted") throw HostError(QT_ERR_NOT_FOUND, "no person " + std::to_string(user_id));
  return h->host->services().content->viewer(s, user_id, accounts::role_from_string(person->role));
}

qt_status api_can_read_content(qt_host* h, int64_t user_id, int64_t content_id, int32_t* out) {
  return guarded(h, "can_read_content", [&] {
    require_out(out);
    CallSession s(h, true);
    const auto* store = h->host->services().content;
    const auto v = viewer_of(h, *s, user_id);
    auto item = store->item(*s, content_id);
    if (!item) throw HostError(QT_ERR_NOT_FOUND, "no content item " + std::to_string(content_id));
    *out = store->can_read(*s, v, *item) ? QT_YES : QT_NO;
    return QT_OK;
  });
}

qt_status api_can_read_container(qt_host* h, int64_t user_id, int64_t container_id, int32_t* out) {
  return guarded(h, "can_read_container", [&] {
    require_out(out);
    CallSession s(h, true);
    const auto* store = h->host->services().content;
    const auto v = viewer_of(h, *s, user_id);
    auto c = store->container(*s, container_id);
    if (!c) throw HostError(QT_ERR_NOT_FOUND, "no container " + std::to_string(container_id));
    *out = store->can_read_container(*s, v, *c) ? QT_YES : QT_NO;
    return QT_OK;
  });
}

// ABI 1.3 (calendar): the core's own write rule, so a plugin that posts on a person's behalf
// through content_create (which checks no rights) asks the same question as POST /api/posts.
qt_status api_can_write_container(qt_host* h, int64_t user_id, int64_t container_id, int32_t* out) {
  return guarded(h, "can_write_container", [&] {
    require_out(out);
    CallSession s(h, true);
    const auto* store = h->host->services().content;
    const auto v = viewer_of(h, *s, user_id);
    auto c = store->container(*s, container_id);
    if (!c) throw HostError(QT_ERR_NOT_FOUND, "no container " + std::to_string(container_id));
    *out = store->can_write_container(*s, v, *c) ? QT_YES : QT_NO;
    return QT_OK;
  });
}

qt_status walk_neighbourhoods(const std::vector<accounts::Neighbourhood>& list, qt_neighbourhood_fn fn, void* user) {
  for (const auto& n : list) {
    qt_neighbourhood v{};
    v.size = sizeof v;
    v.id = n.id;
    v.slug = qs(n.slug);
    v.name = qs(n.name);
    v.polygon = qs(n.polygon);
    if (fn(user, &v) != QT_OK) break;
  }
  return QT_OK;
}

qt_status api_neighbourhood_list(qt_host* h, qt_neighbourhood_fn fn, void* user) {
  return guarded(h, "neighbourhood_list", [&] {
    require_fn(reinterpret_cast<const void*>(fn));
    std::vector<accounts::Neighbourhood> list;
    {
      CallSession s(h, true);
      list = accounts::all_neighbourhoods(*s);
    }
    return walk_neighbourhoods(list, fn, user);
  });
}

qt_status api_neighbourhood_get(qt_host* h, int64_t id, qt_neighbourhood_fn fn, void* user) {
  return guarded(h, "neighbourhood_get", [&] {
    require_fn(reinterpret_cast<const void*>(fn));
    std::optional<accounts::Neighbourhood> n;
    {
      CallSession s(h, true);
      n = accounts::load_neighbourhood(*s, id);
    }
    if (!n) throw HostError(QT_ERR_NOT_FOUND, "no neighbourhood " + std::to_string(id));
    return walk_neighbourhoods({*n}, fn, user);
  });
}

qt_status api_neighbourhood_at(qt_host* h, double lat, double lon, int64_t* out) {
  return guarded(h, "neighbourhood_at", [&] {
    require_out(out);
    CallSession s(h, true);
    auto id = accounts::neighbourhood_at(*s, lat, lon);
    if (!id) throw HostError(QT_ERR_NOT_FOUND, "the point lies outside every neighbourhood's outline");
    *out = *id;
    return QT_OK;
  });
}

int32_t qt_role(const std::string& role) {
  return role == "admin" ? QT_ROLE_ADMIN : role == "moderator" ? QT_ROLE_MODERATOR : role == "staff" ? QT_ROLE_STAFF : QT_ROLE_RESIDENT;
}

accounts::UserFilter user_filter(const qt_user_query* query) {
  auto q = sized(query, "user query");
  if (query->size < offsetof(qt_user_query, limit) + sizeof(int32_t))
    throw HostError(QT_ERR_INVALID, "user query is too small (built for an older header?)");
  if (q.limit < 1 || q.limit > 500) throw HostError(QT_ERR_INVALID, "limit must be 1..500");
  accounts::UserFilter f;
  if (q.neighbourhood_id) f.neighbourhood_id = q.neighbourhood_id;
  switch (q.role) {
    case 0: break;
    case QT_ROLE_RESIDENT: f.role = "resident"; break;
    case QT_ROLE_STAFF: f.role = "staff"; break;
    case QT_ROLE_MODERATOR: f.role = "moderator"; break;
    case QT_ROLE_ADMIN: f.role = "admin"; break;
    default: throw HostError(QT_ERR_INVALID, "role must be 0 (any) or QT_ROLE_RESIDENT..QT_ROLE_ADMIN");
  }
  f.department = std::string(sv(q.department));
  f.after_id = q.after_id;
  f.limit = q.limit;
  return f;
}

qt_status api_user_list(qt_host* h, const qt_user_query* query, qt_user_fn fn, void* user) {
  return guarded(h, "user_list", [&] {
    require_fn(reinterpret_cast<const void*>(fn));
    const auto filter = user_filter(query);
    std::vector<accounts::User> people;
    {
      CallSession s(h, true);
      people = accounts::find_users(*s, filter);
    }
    for (const auto& p : people) {
      qt_user u{};
      u.size = sizeof u;
      u.id = p.id;
      u.display_name = qs(p.display_name);
      u.neighbourhood_id = p.neighbourhood_id.value_or(0);
      u.role = qt_role(p.role);
      u.active = p.status == "active" ? 1 : 0;
      u.language = qs(p.language);
      u.department = qs(p.department);
      u.residence_verified_at = p.residence_verified_at.value_or(0);  // ABI 1.3 (help)
      if (fn(user, &u) != QT_OK) break;
    }
    return QT_OK;
  });
}

qt_status api_blocked(qt_host* h, int64_t a, int64_t b, int32_t* out) {
  return guarded(h, "blocked", [&] {
    require_out(out);
    CallSession s(h, true);
    *out = messages::blocked_between(*s, a, b) ? QT_YES : QT_NO;
    return QT_OK;
  });
}

// ABI 1.5: one query for a page of authors instead of `blocked` per author.
qt_status api_blocked_users(qt_host* h, int64_t user_id, qt_id_fn fn, void* user) {
  return guarded(h, "blocked_users", [&] {
    if (!fn) throw HostError(QT_ERR_INVALID, "fn is NULL");
    std::vector<std::int64_t> ids;
    if (user_id > 0) {
      CallSession s(h, true);
      ids = messages::blocked_people(*s, user_id);
    }
    for (auto id : ids)  // the session is released: fn may call the host again
      if (fn(user, id) != QT_OK) break;
    return QT_OK;
  });
}

qt_status api_city_container(qt_host* h, int64_t* out) {
  return guarded(h, "city_container", [&] {
    require_out(out);
    const auto* store = h->host->services().content;
    {
      CallSession s(h, true);
      if (auto id = store->find_city_container(*s)) {
        *out = *id;
        return QT_OK;
      }
    }
    CallSession s(h, false);
    *out = store->city_container(*s);
    return QT_OK;
  });
}

qt_status api_neighbourhood_container(qt_host* h, int64_t neighbourhood_id, int64_t* out) {
  return guarded(h, "neighbourhood_container", [&] {
    require_out(out);
    const auto* store = h->host->services().content;
    {
      CallSession s(h, true);
      if (!accounts::load_neighbourhood(*s, neighbourhood_id))
        throw HostError(QT_ERR_NOT_FOUND, "no neighbourhood " + std::to_string(neighbourhood_id));
      if (auto id = store->find_neighbourhood_container(*s, neighbourhood_id)) {
        *out = *id;
        return QT_OK;
      }
    }
    CallSession s(h, false);
    *out = store->neighbourhood_container(*s, neighbourhood_id);
    return QT_OK;
  });
}

}  // namespace

void fill_views_api(qt_host_api& a, const HostServices& services) {
  if (!services.content) return;
  a.container_get = api_container_get;
  a.can_read_content = api_can_read_content;
  a.can_read_container = api_can_read_container;
  a.neighbourhood_list = api_neighbourhood_list;
  a.neighbourhood_get = api_neighbourhood_get;
  a.neighbourhood_at = api_neighbourhood_at;
  a.user_list = api_user_list;
  a.blocked = api_blocked;
  a.blocked_users = api_blocked_users;  // ABI 1.5
  a.city_container = api_city_container;
  a.neighbourhood_container = api_neighbourhood_container;
  fill_notices_api(a, services);
  a.can_write_container = api_can_write_container;  // ABI 1.3 (calendar)
}

}  // namespace qt::plugin_host::detail
