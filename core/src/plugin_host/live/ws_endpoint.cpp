#include "plugin_host/live/ws_endpoint.hpp"

#include <atomic>
#include <memory>
#include <optional>

#include "platform/log/log.hpp"
#include "platform/util/clock.hpp"
#include "plugin_host/abi_types.hpp"
#include "plugin_host/live/guest_token.hpp"

namespace qt::plugin_host {

namespace {

int32_t role_of(http::Role r) {
  switch (r) {
    case http::Role::none: return QT_ROLE_NONE;
    case http::Role::resident: return QT_ROLE_RESIDENT;
    case http::Role::staff: return QT_ROLE_STAFF;
    case http::Role::moderator: return QT_ROLE_MODERATOR;
    case http::Role::admin: return QT_ROLE_ADMIN;
  }
  return QT_ROLE_NONE;
}

// The guest of ?guest=<token>, nullopt without one; a refusal for a bad token.
std::optional<http::Response> read_guest(const Host& host, const Plugin& p, const http::Request& req,
                                         std::optional<GuestIdentity>& guest) {
  auto token = req.query_param("guest");
  if (!token) return std::nullopt;
  GuestIdentity g;
  switch (check_guest_token(host.guest_key(), *token, p.name, now_ms(), g)) {
    case GuestCheck::ok: guest = std::move(g); return std::nullopt;
    case GuestCheck::expired:
      return http::Response::error(401, "guest_token_expired",
                                   "Ihr Gastzugang ist abgelaufen. Bitte den Link erneut öffnen. / Your guest access "
                                   "has expired. Please open the link again.");
    case GuestCheck::invalid: break;
  }
  return http::Response::error(401, "guest_token_invalid",
                               "Der Gastzugang ist ungültig. Bitte den Link erneut öffnen. / The guest access is not "
                               "valid. Please open the link again.");
}

// Runs on_open; the refusal to answer, or nullopt when the plugin accepts.
std::optional<http::Response> ask_plugin(Plugin& p, const WsSpec& spec, const http::Request& req, std::uint64_t conn,
                                         const std::optional<GuestIdentity>& guest) {
  qt_ws_peer peer{};
  peer.size = sizeof peer;
  peer.conn = conn;
  peer.user_id = req.user_id;
  peer.role = role_of(req.role);
  if (guest) {
    peer.guest_id = {guest->guest_id.data(), guest->guest_id.size()};
    peer.guest_name = {guest->name.data(), guest->name.size()};
  }
  peer.client_address = {req.remote_address.data(), req.remote_address.size()};
  peer.language = {req.language.data(), req.language.size()};
  qt_request qreq(req);
  qt_response qres;
  qres.language = req.language;
  qt_status status = QT_ERR_INTERNAL;
  clear_last_error();
  try {
    status = spec.on_open(spec.user, &peer, &qreq, &qres);
  } catch (...) {
    set_last_error("an exception crossed the plugin boundary in on_open");
  }
  if (status == QT_OK) return std::nullopt;
  if (qres.response.status >= 400) return std::move(qres.response);
  log::warn("plugin refused a WebSocket without saying why", {{"plugin", p.name}, {"status", status},
                                                             {"reason", last_error()}});
  return http::Response::error(403, "refused", "Die Verbindung wurde abgelehnt. / The connection was refused.");
}

http::WsEndpoint endpoint_for(Host& host, Plugin& p, const WsSpec& spec, std::uint64_t conn) {
  LiveRegistry& reg = host.live();
  http::WsEndpoint ep;
  ep.on_open = [&reg, conn](std::shared_ptr<http::WsSender> sender) { reg.attach(conn, std::move(sender)); };
  ep.on_message = [&reg, &p, spec, conn](const std::string& text) {
    if (!spec.on_message) return;
    PluginCall call(p);
    if (!call.ok()) return;
    clear_last_error();
    qt_status status = QT_ERR_INTERNAL;
    try {
      status = spec.on_message(spec.user, conn, qt_str{text.data(), text.size()});
    } catch (...) {
      set_last_error("an exception crossed the plugin boundary in on_message");
    }
    if (status == QT_OK) return;
    log::error("plugin WebSocket message failed", {{"plugin", p.name}, {"status", status}, {"reason", last_error()}});
    reg.close(p.name, conn, 1011, "internal_error");
  };
  ep.on_close = [&reg, &p, spec, conn] {
    reg.remove(conn);
    if (!spec.on_close) return;
    PluginCall call(p, true);  // also while stopping: the plugin forgets the connection
    try {
      spec.on_close(spec.user, conn);
    } catch (...) {
      log::error("an exception crossed the plugin boundary in on_close", {{"plugin", p.name}});
    }
  };
  return ep;
}

}  // namespace

http::UpgradeHandler ws_upgrade_handler(Host& host, Plugin& p, WsSpec spec) {
  return [&host, &p, spec](http::Request& req) -> http::UpgradeResult {
    if (spec.access == QT_ACCESS_USER && req.user_id == 0)
      return http::Response::error(401, "not_logged_in", "Bitte melden Sie sich an. / Please log in.");
    std::optional<GuestIdentity> guest;
    if (auto refusal = read_guest(host, p, req, guest)) return std::move(*refusal);
    PluginCall call(p);
    if (!call.ok())
      return http::Response::error(503, "plugin_unavailable",
                                   "Das Modul '" + p.name + "' läuft gerade nicht; bitte gleich noch einmal versuchen. / "
                                   "The module '" + p.name + "' is not running right now; please try again in a moment.");
    const std::uint64_t conn = host.live().create(p.name);
    if (auto refusal = ask_plugin(p, spec, req, conn, guest)) {
      host.live().remove(conn);
      return std::move(*refusal);
    }
    return endpoint_for(host, p, spec, conn);
  };
}

}  // namespace qt::plugin_host
