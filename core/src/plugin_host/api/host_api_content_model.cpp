// The content model of ABI 1.2 (qt_content's card data, Markdown body, official mark, import
// time and expiry; content_expire; system_author). The checks themselves are the domain's
// (domain/content/plugin_items.hpp); this file maps the C members onto them.
#include <string>

#include "domain/content/plugin_items.hpp"
#include "domain/content/store.hpp"
#include "platform/config/config.hpp"
#include "platform/markdown/markdown.hpp"
#include "plugin_host/api/host_api_detail.hpp"

namespace qt::plugin_host::detail {

namespace {

// True if the plugin's struct reaches the member (a 1.1 plugin's qt_content does not).
template <class M>
bool covers(const qt_content& c, const M& member) {
  const auto offset = static_cast<std::size_t>(reinterpret_cast<const char*>(&member) - reinterpret_cast<const char*>(&c));
  return c.size >= offset + sizeof(M);
}

std::string body_html(const qt_content& c) {
  if (c.body_format == QT_BODY_MARKDOWN) return stream::render_markdown(sv(c.body));
  if (c.body_format != QT_BODY_PLAIN) throw HostError(QT_ERR_INVALID, "body_format must be QT_BODY_PLAIN or QT_BODY_MARKDOWN");
  return {};
}

qt_status api_content_expire(qt_host* h, int64_t content_id, int64_t at_ms) {
  return guarded(h, "content_expire", [&] {
    if (at_ms < -1) throw HostError(QT_ERR_INVALID, "at_ms must be a time in UTC milliseconds, 0 (now) or -1 (never)");
    CallSession s(h, false);
    auto item = h->host->services().content->item(*s, content_id);
    if (!item || item->deleted_at) throw HostError(QT_ERR_NOT_FOUND, "no content item " + std::to_string(content_id));
    if (item->owner != h->name)
      throw HostError(QT_ERR_DENIED, "content item " + std::to_string(content_id) + " belongs to '" + item->owner + "'");
    content::ItemPatch patch;
    if (at_ms == -1) patch.expires_at = std::optional<std::int64_t>();
    else patch.expires_at = std::optional<std::int64_t>(at_ms == 0 ? content::now_ms() : at_ms);
    h->host->services().content->update_item(*s, content_id, 0, patch);
    return QT_OK;
  });
}

qt_status api_system_author(qt_host* h, int64_t* out_id) {
  return guarded(h, "system_author", [&] {
    if (!out_id) throw HostError(QT_ERR_INVALID, "out_id is NULL");
    CallSession s(h, false);
    *out_id = content::system_author(*s, h->host->services().config.municipality.name);
    return QT_OK;
  });
}

}  // namespace

void content_model_create(soci::session& s, const qt_content& c, content::NewItem& n) {
  if (!covers(c, c.expires_at)) return;  // a 1.0/1.1 plugin: none of the 1.2 members
  if (c.card_json.len) n.card = content::checked_card(sv(c.card_json));
  n.body_html = body_html(c);
  if (c.official != 0 && c.official != 1) throw HostError(QT_ERR_INVALID, "official must be 0 or 1 on create");
  if (c.official == 1) {
    content::require_official_author(s, c.author_id);
    n.official = true;
  }
  if (c.created_at != 0) {
    content::check_import_time(c.created_at, content::now_ms());
    n.created_at = c.created_at;
  }
  if (c.expires_at < 0) throw HostError(QT_ERR_INVALID, "expires_at must be 0 (never) or a time in UTC milliseconds");
  if (c.expires_at > 0) n.expires_at = c.expires_at;
}

void content_model_patch(soci::session& s, const qt_content& c, const content::Item& item, content::ItemPatch& p) {
  if (!covers(c, c.expires_at)) return;
  if (sv(c.card_json) == "null") p.card = std::string();
  else if (c.card_json.len) p.card = content::checked_card(sv(c.card_json));
  p.body_html = body_html(c);
  if (c.official < -1 || c.official > 1) throw HostError(QT_ERR_INVALID, "official must be -1, 0 or 1 on update");
  if (c.official == 1) content::require_official_author(s, item.author_id);
  if (c.official != 0) p.official = c.official == 1;
  // created_at is create only and, like kind and container_id, ignored here.
  if (c.expires_at < -1) throw HostError(QT_ERR_INVALID, "expires_at must be 0 (unchanged), -1 (never) or a time");
  if (c.expires_at == -1) p.expires_at = std::optional<std::int64_t>();
  else if (c.expires_at > 0) p.expires_at = std::optional<std::int64_t>(c.expires_at);
}

void fill_content_model_api(qt_host_api& a, const HostServices& services) {
  if (!services.content) return;
  a.content_expire = api_content_expire;
  a.system_author = api_system_author;
}

}  // namespace qt::plugin_host::detail
