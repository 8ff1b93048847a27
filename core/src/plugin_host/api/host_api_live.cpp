// ABI 1.3 (video): WebSocket endpoints, rooms across nodes, guest identities, page policies. The
// connections live in the host's LiveRegistry; the upgrade is plugin_host/live/ws_endpoint.cpp.
#include <algorithm>
#include <cctype>
#include <cstring>
#include <string>

#include "platform/text/names.hpp"
#include "platform/util/clock.hpp"
#include "plugin_host/abi_types.hpp"
#include "plugin_host/api/host_api_detail.hpp"
#include "plugin_host/live/guest_token.hpp"
#include "plugin_host/live/ws_endpoint.hpp"

namespace qt::plugin_host::detail {
namespace {

constexpr std::size_t kMaxFrame = 1024 * 1024;

bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    const int n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (int k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) >> 6) != 2) return false;
    i += n;
  }
  return true;
}

void check_room(std::string_view room) {
  if (room.empty() || room.size() > 128) throw HostError(QT_ERR_INVALID, "a room name has 1..128 bytes");
  for (char c : room)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == ':' || c == '-'))
      throw HostError(QT_ERR_INVALID, "room name '" + std::string(room) + "' may hold only A-Z a-z 0-9 . _ : -");
}

void check_text(std::string_view text) {
  if (text.size() > kMaxFrame) throw HostError(QT_ERR_INVALID, "a WebSocket text is at most 1 MiB");
  if (!valid_utf8(text)) throw HostError(QT_ERR_INVALID, "a WebSocket text must be valid UTF-8");
}

qt_status result(LiveRegistry::Result r, std::uint64_t conn) {
  switch (r) {
    case LiveRegistry::Result::ok: return QT_OK;
    case LiveRegistry::Result::not_found: throw HostError(QT_ERR_NOT_FOUND, "no open connection " + std::to_string(conn));
    case LiveRegistry::Result::denied:
      throw HostError(QT_ERR_DENIED, "connection " + std::to_string(conn) + " belongs to another plugin");
  }
  return QT_ERR_INTERNAL;
}

qt_status api_ws_add(qt_host* h, const qt_ws_endpoint* endpoint) {
  return guarded(h, "ws_add", [&] {
    if (!h->in_init) throw HostError(QT_ERR_STATE, "ws_add is only allowed during quartier_plugin_init");
    const auto e = sized(endpoint, "endpoint");
    const std::string path(sv(e.path));
    if (path.empty() || path.front() != '/') throw HostError(QT_ERR_INVALID, "endpoint path '" + path + "' must start with '/'");
    if (e.access != QT_ACCESS_PUBLIC && e.access != QT_ACCESS_USER)
      throw HostError(QT_ERR_INVALID, "endpoint access must be QT_ACCESS_PUBLIC or QT_ACCESS_USER");
    if (!e.on_open) throw HostError(QT_ERR_INVALID, "endpoint on_open is NULL");
    const auto& s = h->host->services();
    const std::string full = "/api/p/" + h->name + path;
    auto taken = [&full](const std::vector<std::pair<std::string, http::UpgradeHandler>>* list) {
      return std::any_of(list->begin(), list->end(), [&full](const auto& entry) { return entry.first == full; });
    };
    if (taken(s.websockets) || taken(s.public_websockets))
      throw HostError(QT_ERR_INVALID, "endpoint " + full + " is registered twice");
    WsSpec spec{e.access, e.on_open, e.on_message, e.on_close, e.user};
    auto* list = e.access == QT_ACCESS_PUBLIC ? s.public_websockets : s.websockets;
    list->emplace_back(full, ws_upgrade_handler(*h->host, *h, spec));
    h->routes.push_back("WS " + full);
    return QT_OK;
  });
}

qt_status api_ws_send(qt_host* h, uint64_t conn, qt_str text) {
  return guarded(h, "ws_send", [&] {
    check_text(sv(text));
    return result(h->host->live().send(h->name, conn, std::string(sv(text))), conn);
  });
}

qt_status api_ws_send_room(qt_host* h, qt_str room, qt_str text, uint64_t except_conn) {
  return guarded(h, "ws_send_room", [&] {
    check_room(sv(room));
    check_text(sv(text));
    h->host->live().send_room(h->name, std::string(sv(room)), std::string(sv(text)), except_conn);
    return QT_OK;
  });
}

qt_status api_ws_join(qt_host* h, uint64_t conn, qt_str room) {
  return guarded(h, "ws_join", [&] {
    check_room(sv(room));
    return result(h->host->live().join(h->name, conn, std::string(sv(room))), conn);
  });
}

qt_status api_ws_leave(qt_host* h, uint64_t conn, qt_str room) {
  return guarded(h, "ws_leave", [&] {
    check_room(sv(room));
    return result(h->host->live().leave(h->name, conn, std::string(sv(room))), conn);
  });
}

qt_status api_ws_close(qt_host* h, uint64_t conn, int32_t code, qt_str reason) {
  return guarded(h, "ws_close", [&] {
    if (code != 1000 && (code < 4000 || code > 4999)) throw HostError(QT_ERR_INVALID, "close code must be 1000 or 4000..4999");
    if (reason.len > 123 || !valid_utf8(sv(reason))) throw HostError(QT_ERR_INVALID, "close reason: at most 123 bytes of UTF-8");
    return result(h->host->live().close(h->name, conn, static_cast<std::uint16_t>(code), std::string(sv(reason))), conn);
  });
}

qt_status api_guest_issue(qt_host* h, qt_str name, uint32_t ttl_seconds, qt_str* token_out, qt_str* guest_id_out) {
  return guarded(h, "guest_issue", [&] {
    if (!token_out || !guest_id_out) throw HostError(QT_ERR_INVALID, "token_out or guest_id_out is NULL");
    if (ttl_seconds < 60 || ttl_seconds > 86400) throw HostError(QT_ERR_INVALID, "ttl_seconds must be 60..86400");
    if (h->host->guest_key().empty()) throw HostError(QT_ERR_STATE, "guest tokens are issued from start() on");
    text::NameProblem problem;
    auto clean = text::clean_name(sv(name), 1, 60, problem);
    if (!clean) throw HostError(QT_ERR_INVALID, problem.message);
    thread_local std::string token, id;
    GuestIdentity g{h->name, new_guest_id(), *clean, now_ms() + static_cast<std::int64_t>(ttl_seconds) * 1000};
    token = issue_guest_token(h->host->guest_key(), g);
    id = g.guest_id;
    *token_out = qs(token);
    *guest_id_out = qs(id);
    return QT_OK;
  });
}

qt_status api_guest_check(qt_host* h, qt_str token, qt_guest* out) {
  return guarded(h, "guest_check", [&] {
    if (!out || out->size < sizeof(std::uint32_t)) throw HostError(QT_ERR_INVALID, "out is NULL or has no size");
    thread_local GuestIdentity g;
    const auto r = check_guest_token(h->host->guest_key(), sv(token), h->name, now_ms(), g);
    if (r == GuestCheck::expired) throw HostError(QT_ERR_DENIED, "expired");
    if (r == GuestCheck::invalid) throw HostError(QT_ERR_DENIED, "invalid");
    qt_guest full{};
    full.size = sizeof full;
    full.guest_id = qs(g.guest_id);
    full.name = qs(g.name);
    full.expires_at = g.expires_at;
    const auto n = std::min<std::size_t>(out->size, sizeof full);
    const auto keep = out->size;
    std::memcpy(out, &full, n);
    out->size = keep;
    return QT_OK;
  });
}

bool valid_source(std::string_view src) {
  static const std::string_view schemes[] = {"stun:", "stuns:", "turn:", "turns:", "https:"};
  for (auto scheme : schemes) {
    if (src.rfind(scheme, 0) != 0) continue;
    auto rest = src.substr(scheme.size());
    if (scheme == "https:") {
      if (rest.rfind("//", 0) != 0) return false;
      rest.remove_prefix(2);
    }
    if (rest.empty() || rest.size() > 253) return false;
    for (char c : rest)
      if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == ':')) return false;
    return true;
  }
  return false;
}

qt_status api_page_policy_add(qt_host* h, const qt_page_policy* policy) {
  return guarded(h, "page_policy_add", [&] {
    if (!h->in_init) throw HostError(QT_ERR_STATE, "page_policy_add is only allowed during quartier_plugin_init");
    const auto pp = sized(policy, "policy");
    const std::string path(sv(pp.path));
    if (path.size() < 2 || path.front() != '/' || path.rfind("/api", 0) == 0 || path.rfind("/plugins", 0) == 0)
      throw HostError(QT_ERR_INVALID, "page path '" + path + "' must start with '/' and not with /api or /plugins");
    const auto all = QT_PAGE_CAMERA | QT_PAGE_MICROPHONE | QT_PAGE_DISPLAY_CAPTURE;
    if (pp.features == 0 || (pp.features & ~all) != 0) throw HostError(QT_ERR_INVALID, "features: QT_PAGE_* or'ed, at least one");
    std::string connect;
    std::string_view rest = sv(pp.connect_src);
    while (!rest.empty()) {
      const auto sp = rest.find(' ');
      const auto src = rest.substr(0, sp);
      rest = sp == std::string_view::npos ? std::string_view() : rest.substr(sp + 1);
      if (src.empty()) continue;
      if (!valid_source(src))
        throw HostError(QT_ERR_INVALID, "connect_src source '" + std::string(src) + "' is not a stun:, stuns:, turn:, turns: or https:// host[:port]");
      connect += (connect.empty() ? "" : " ") + std::string(src);
    }
    http::PagePolicy page{path, (pp.features & QT_PAGE_CAMERA) != 0, (pp.features & QT_PAGE_MICROPHONE) != 0,
                          (pp.features & QT_PAGE_DISPLAY_CAPTURE) != 0, connect};
    h->host->services().page_policies->push_back(std::move(page));
    return QT_OK;
  });
}

qt_str api_req_client_address(const qt_request* req) { return req ? qs(req->req.remote_address) : qt_str{nullptr, 0}; }

}  // namespace

void fill_live_api(qt_host_api& a, const HostServices& services) {
  a.req_client_address = api_req_client_address;
  if (!services.websockets || !services.public_websockets || !services.page_policies) return;
  a.guest_issue = api_guest_issue;
  a.guest_check = api_guest_check;
  a.ws_add = api_ws_add;
  a.ws_send = api_ws_send;
  a.ws_send_room = api_ws_send_room;
  a.ws_join = api_ws_join;
  a.ws_leave = api_ws_leave;
  a.ws_close = api_ws_close;
  a.page_policy_add = api_page_policy_add;
}

}  // namespace qt::plugin_host::detail
