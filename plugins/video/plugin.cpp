// video: browser video rooms ("Palim Palim"): a link anyone opens with one click and a name, a
// WebRTC mesh between the browsers (no media server) with Quartier's own signalling over an
// ABI 1.3 WebSocket, and rooms for residents, groups, consultation hours and neighbourhood cafés.
#include <algorithm>

#include <quartier/plugin.hpp>

#include "janus.hpp"
#include "limits.hpp"
#include "lobby.hpp"
#include "migrations.hpp"
#include "presence.hpp"
#include "privacy.hpp"
#include "routes.hpp"
#include "schedule.hpp"
#include "signal.hpp"

namespace {

// The room pages may use camera, microphone and screen sharing; the CSP names the TURN/STUN
// servers of [plugins.video] ice_servers (as the browser's RTCPeerConnection will use them).
void add_page_policy() {
  std::string connect;
  if (auto v = quartier::config("ice_servers")) {
    boost::system::error_code ec;
    auto list = boost::json::parse(*v, ec);
    if (!ec && list.is_array())
      for (const auto& url : list.as_array())
        if (url.is_string()) {
          // A CSP source names the server; RFC 7065's "?transport=udp" is for the browser's ICE only.
          const std::string u(url.as_string());
          connect += (connect.empty() ? "" : " ") + u.substr(0, u.find('?'));
        }
  }
  qt_page_policy p{};
  p.size = sizeof p;
  p.path = quartier::detail::str("/video/room/");
  p.features = QT_PAGE_CAMERA | QT_PAGE_MICROPHONE | QT_PAGE_DISPLAY_CAPTURE;
  p.connect_src = quartier::detail::str(connect);
  quartier::check(quartier::api().page_policy_add(quartier::host(), &p), "page_policy_add");
}

// Rooms over the mesh limit through Janus (janus.hpp, JANUS.md); off while janus_admin_api is empty.
void add_janus_settings(quartier::Plugin& plugin) {
  plugin.setting("janus_admin_api", QT_SETTING_STRING, "\"\"",
                 "Admin-API von Janus (nur für Quartier erreichbar), z. B. \"http://127.0.0.1:7088/admin\"; leer = keine "
                 "Räume über 6 Personen. Der Rechner muss in http_allow stehen.",
                 "Janus's admin API (reachable by Quartier only), e.g. \"http://127.0.0.1:7088/admin\"; empty = no rooms "
                 "over 6 people. Its host must be in http_allow.");
  plugin.setting("janus_admin_secret", QT_SETTING_STRING, "\"\"",
                 "admin_secret aus janus.jcfg (dort token_auth = true ohne token_auth_secret): damit legt Quartier die "
                 "Token der Teilnehmenden an, entfernt sie und beendet die Janus-Sitzungen Entfernter.",
                 "admin_secret of janus.jcfg (there token_auth = true without token_auth_secret): with it Quartier adds "
                 "and removes the participants' tokens and ends the Janus sessions of those removed.", false, true);
  plugin.setting("janus_room_admin_key", QT_SETTING_STRING, "\"\"",
                 "admin_key aus janus.plugin.videoroom.jcfg: nur wer ihn kennt, legt Räume an.",
                 "admin_key of janus.plugin.videoroom.jcfg: only who knows it creates rooms.", false, true);
  plugin.setting("janus_browser_url", QT_SETTING_STRING, "\"/janus-ws\"",
                 "Pfad dieser Seite, den nginx an den WebSocket von Janus weiterreicht (gleicher Ursprung, die CSP "
                 "erlaubt nur ihn).",
                 "Path of this site that nginx passes to Janus's WebSocket (same origin, the only one the CSP allows).");
  plugin.setting("sfu_max_participants", QT_SETTING_INT, "50",
                 "Höchstzahl an Personen je Raum über Janus (7 bis 200).", "Most people per room through Janus (7 to 200).");
  try {
    video::janus::load_settings();
  } catch (const std::exception& e) {
    throw quartier::Error(QT_ERR_INVALID, e.what());
  }
}

}  // namespace

QUARTIER_PLUGIN("video", "1.0.0") {
  const auto& a = quartier::api();
  if (!QT_HOST_HAS(&a, req_client_address) || !QT_HOST_HAS(&a, ws_add) || !QT_HOST_HAS(&a, member_role))
    throw quartier::Error(QT_ERR_UNSUPPORTED, "video needs plugin ABI 1.3 (live endpoints) and the content module");
  plugin.description("Videoräume im Browser: ein Klick, kein Konto nötig / Browser video rooms: one click, no account needed");
  plugin.ui_module("ui.js");
  plugin.setting("max_participants", QT_SETTING_INT, "6",
                 "Höchstzahl an Personen je Raum (Peer-to-Peer-Mesh; mehr braucht einen SFU wie Janus).",
                 "Most people per room (peer-to-peer mesh; more needs an SFU such as Janus).");
  plugin.setting("ice_servers", QT_SETTING_LIST, "[]",
                 "STUN/TURN-Server für WebRTC, z. B. [\"turn:turn.stadt.de:3478\"]; die Seiten erlauben nur diese.",
                 "STUN/TURN servers for WebRTC, e.g. [\"turn:turn.city.de:3478\"]; the pages allow only these.");
  plugin.setting("turn_secret", QT_SETTING_STRING, "\"\"",
                 "Gemeinsames Geheimnis mit dem TURN-Server (coturn: use-auth-secret, static-auth-secret); gesetzt "
                 "bekommen Browser für turn:-Server zeitlich begrenzte Zugangsdaten.",
                 "Secret shared with the TURN server (coturn: use-auth-secret, static-auth-secret); when set, browsers "
                 "get time-limited credentials for turn: servers.",
                 false, true);
  plugin.setting("turn_ttl_seconds", QT_SETTING_INT, "3600",
                 "So lange gelten die TURN-Zugangsdaten (300 bis 86400 Sekunden).",
                 "How long TURN credentials are valid (300 to 86400 seconds).");
  plugin.setting("guest_passes_per_10min", QT_SETTING_INT, "20",
                 "Gastzugänge je Adresse in 10 Minuten.", "Guest passes per address in 10 minutes.");
  plugin.setting("joins_per_minute", QT_SETTING_INT, "30",
                 "Verbindungen je Adresse und Minute (gegen Gäste, die sich tausendfach neu verbinden).",
                 "Connections per address and minute (against guests who reconnect a thousand times).");
  plugin.setting("lobby_max_waiting", QT_SETTING_INT, "50",
                 "So viele dürfen je Raum im Warteraum warten (gegen Massen von Gastzugängen).",
                 "How many may wait in a room's lobby (against floods of guests).");
  plugin.setting("presence_timeout_seconds", QT_SETTING_INT, "60",
                 "Nach so vielen Sekunden ohne Lebenszeichen eines Servers (Absturz) verlassen seine Teilnehmenden "
                 "die Räume und geben ihre Plätze frei (15 bis 3600).",
                 "After this many seconds without a sign of life from a server (a crash) its participants leave "
                 "their rooms and free their seats (15 to 3600).");
  plugin.setting("time_zone", QT_SETTING_STRING, "\"Europe/Berlin\"",
                 "Zeitzone der Gemeinde für die Sprechzeiten (IANA-Name).",
                 "The municipality's time zone for consultation hours (an IANA name).");
  add_janus_settings(plugin);
  {
    // Checked at start: an unknown zone stops the plugin with a clear message, not a wrong hour.
    try {
      video::set_time_zone(std::string(quartier::config("time_zone").value_or("Europe/Berlin")));
    } catch (const std::exception& e) {
      throw quartier::Error(QT_ERR_INVALID, e.what());
    }
  }
  video::add_migrations(plugin);
  video::add_room_routes(plugin);
  video::add_guest_routes(plugin);
  video::add_signal_endpoint();
  add_page_policy();
  plugin.on_start([] {
    auto number = [](const char* key, int fallback) {
      auto v = quartier::config(key);
      return v ? std::stoi(std::string(*v)) : fallback;
    };
    video::guest_passes_per_address().set_max(number("guest_passes_per_10min", 20));
    video::joins_per_address().set_max(number("joins_per_minute", 30));
    video::set_lobby_max(std::clamp(number("lobby_max_waiting", 50), 1, 1000));
  });
  // Each node keeps its own rows alive; one node of the cluster sweeps the rows of a dead one.
  // `quartier plugins check` has no timers or jobs (nothing runs there).
  const auto timeout = quartier::config("presence_timeout_seconds");
  const std::int64_t timeout_s = std::clamp<std::int64_t>(timeout ? std::stoll(std::string(*timeout)) : 60, 15, 3600);
  video::set_presence_timeout_seconds(timeout_s);
  if (QT_HOST_HAS(&a, timer_every) && QT_HOST_HAS(&a, schedule_every)) {
    plugin.every("presence_alive", static_cast<std::uint64_t>(timeout_s) * 1000 / 3, [] { video::refresh_local_presence(); });
    quartier::job_handler("presence_sweep", [](const quartier::JobInfo&) { video::sweep_stale_presence(); });
    quartier::schedule_every("presence_sweep", static_cast<std::uint64_t>(timeout_s) * 1000 / 2);
  }
  plugin.on_stop([] { video::forget_local_presence(); });
  plugin.on_export([](std::int64_t user) { return video::export_person(user); });
  plugin.on_erase([](std::int64_t user) { video::erase_person(user); });
}
