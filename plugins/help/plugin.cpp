// help: the help exchange. Neighbours ask for help (shopping, errands, a lift, company, ...) and
// offer it; a new request notifies the helpers who offer that kind of help in its neighbourhood
// (or the neighbouring ones), and "I can help" opens a direct conversation with the asker
// through the core's messages, so nobody's address, phone or e-mail is shown. Built only
// through the C ABI (quartier/plugin.hpp): each request is a core stream item whose card shows
// its status; the core checks who reads it.
#include <quartier/plugin.hpp>

#include "coordination.hpp"
#include "lifecycle.hpp"
#include "migrations.hpp"
#include "privacy.hpp"
#include "routes.hpp"

QUARTIER_PLUGIN("help", "1.0.0") {
  const auto& a = quartier::api();
  if (!QT_HOST_HAS(&a, content_expire) || !QT_HOST_HAS(&a, conversation_start) || !QT_HOST_HAS(&a, job_enqueue))
    throw quartier::Error(QT_ERR_UNSUPPORTED,
                          "help needs plugin ABI 1.2 with the content module (content model, conversation_start, durable jobs)");
  plugin.description("Nachbarschaftshilfe: um Hilfe bitten und Hilfe anbieten / Help exchange: ask for and offer help nearby");
  plugin.ui_module("ui.js");
  plugin.setting("daily_notifications", QT_SETTING_INT, "3",
                 "Wie viele Hilfe-Anfragen eine helfende Person höchstens in 24 Stunden gemeldet bekommt.",
                 "How many help requests a helper is told about at most in 24 hours.");
  plugin.setting("helpers_per_request", QT_SETTING_INT, "20",
                 "Wie viele passende Helfende eine neue Anfrage höchstens benachrichtigt.",
                 "How many matching helpers a new request notifies at most.");
  plugin.setting("risk_group_trusted_helpers", QT_SETTING_BOOL, "false",
                 "Nur Menschen mit bestätigtem Wohnsitz (Brief-Code) oder Verwaltung dürfen bei Anfragen von Risikogruppen helfen.",
                 "Only people with a confirmed residence (letter code) or staff may help with requests of risk-group members.");
  help::add_migrations(plugin);
  help::add_request_routes(plugin);
  help::add_action_routes(plugin);
  help::add_offer_routes(plugin);
  help::add_staff_routes(plugin);
  help::add_coordinator_routes(plugin);
  help::add_coordination_routes(plugin);
  help::add_assign_route(plugin);
  help::add_handover_routes(plugin);
  help::register_expiry_job();
  plugin.on_export([](std::int64_t user) { return help::export_person(user); });
  plugin.on_erase([](std::int64_t user) { help::erase_person(user); });
  plugin.subscribe("container.deleted", [](std::string_view, std::string_view json) { help::drop_coordinator_of_container(json); });
  plugin.subscribe("content.deleted", [](std::string_view, std::string_view json) { help::drop_request_of_content(json); });
}
