// participation: residents' questions and ideas, routed by topic to the department that answers
// them, with a status people can follow; and the meinBerlin bridge, which shows the district's
// participation projects in the neighbourhoods. Built only through the C ABI (quartier/plugin.hpp).
#include <quartier/plugin.hpp>

#include "importer.hpp"
#include "question.hpp"
#include "routes.hpp"

QUARTIER_PLUGIN("participation", "1.0.0") {
  const auto& a = quartier::api();
  if (!QT_HOST_HAS(&a, user_list) || !QT_HOST_HAS(&a, neighbourhood_at) || !QT_HOST_HAS(&a, system_author))
    throw quartier::Error(QT_ERR_UNSUPPORTED,
                          "participation needs plugin ABI 1.2 with the content module (user_list, neighbourhood_at, system_author)");
  plugin.description("Fragen und Ideen an die Verwaltung, Projekte von meinBerlin / Questions and ideas to the administration, meinBerlin projects");
  plugin.ui_module("ui.js");
  participation::declare_meinberlin_settings(plugin);
  participation::declare_answer_settings(plugin);
  participation::add_migrations(plugin);
  participation::add_topic_routes(plugin);
  participation::add_question_routes(plugin);
  participation::add_staff_routes(plugin);
  participation::add_social_routes(plugin);
  participation::add_project_routes(plugin);
  participation::add_figure_routes(plugin);
  plugin.on_export([](std::int64_t user) { return participation::export_person(user); });
  plugin.on_erase([](std::int64_t user) { participation::erase_person(user); });
  // The bridge runs on the core's durable jobs; `quartier plugins check` has none (nothing runs there).
  if (!QT_HOST_HAS(&a, schedule_every) || !QT_HOST_HAS(&a, http_fetch)) return;
  quartier::job_handler("meinberlin_poll", [](const quartier::JobInfo&) { participation::poll_meinberlin(); });
  // Only the keys of the file are there during init: the bridge is on only when it says so.
  const auto cfg = participation::meinberlin_settings();
  if (cfg.enabled) quartier::schedule_every("meinberlin_poll", static_cast<std::uint64_t>(cfg.interval_minutes) * 60000);
}
