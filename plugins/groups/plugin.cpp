// groups: clubs, initiatives, school classes and neighbourhood groups. Built only through the C
// ABI (quartier/plugin.hpp): each group is a core container, its members are the core's
// memberships, its content is core content, so the core checks access everywhere (stream,
// search, notifications, live events, export).
#include <quartier/plugin.hpp>

#include "migrations.hpp"
#include "privacy.hpp"
#include "routes.hpp"

QUARTIER_PLUGIN("groups", "1.0.0") {
  const auto& a = quartier::api();
  if (!QT_HOST_HAS(&a, moderate) || !QT_HOST_HAS(&a, container_create) || !QT_HOST_HAS(&a, neighbourhood_get))
    throw quartier::Error(QT_ERR_UNSUPPORTED,
                          "groups needs plugin ABI 1.2 with the content module (containers, memberships, user_get, moderate, neighbourhood_get)");
  plugin.description("Gruppen für Vereine, Initiativen, Schulklassen und Nachbarschaften / Groups for clubs, initiatives, school classes and neighbourhoods");
  plugin.ui_module("ui.js");
  plugin.setting("invitation_link_hours", QT_SETTING_INT, "72",
                 "Wie viele Stunden ein mehrfach nutzbarer Einladungslink gilt, wenn beim Erstellen nichts angegeben ist.",
                 "How many hours a reusable invitation link is valid when its creator gives no validity.");
  groups::add_migrations(plugin);
  groups::add_group_routes(plugin);
  groups::add_member_routes(plugin);
  groups::add_invitation_routes(plugin);
  groups::add_content_routes(plugin);
  groups::add_moderation_routes(plugin);
  groups::add_picture_routes(plugin);
  plugin.on_export([](std::int64_t user) { return groups::export_person(user); });
  plugin.on_erase([](std::int64_t user) { groups::erase_person(user); });
  plugin.subscribe("container.deleted", [](std::string_view, std::string_view json) { groups::drop_group_of_container(json); });
}
