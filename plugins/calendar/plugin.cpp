// calendar: events of the city, the neighbourhoods and the groups, with answers, recurrence
// (libical) and iCal feeds. Built only through the C ABI (quartier/plugin.hpp): every event is
// a core item in the container it was posted to, so the core checks who may read it everywhere.
#include <libical/ical.h>
#include <quartier/plugin.hpp>

#include "ical_lock.hpp"
#include "image.hpp"
#include "importer.hpp"
#include "migrations.hpp"
#include "privacy.hpp"
#include "reminders.hpp"
#include "routes.hpp"

QUARTIER_PLUGIN("calendar", "1.0.0") {
  const auto& a = quartier::api();
  if (!QT_HOST_HAS(&a, can_write_container) || !QT_HOST_HAS(&a, neighbourhood_at))
    throw quartier::Error(QT_ERR_UNSUPPORTED, "calendar needs plugin ABI 1.3 with the content module (can_write_container)");
  {
    std::lock_guard lock(calendar::ical_mutex());
    icalerror_set_errors_are_fatal(0);  // a bad rule from a person is a 400, never an abort
  }
  plugin.description("Termine für Stadt, Quartiere und Gruppen / Events for the city, neighbourhoods and groups");
  plugin.ui_module("ui.js");
  plugin.setting("time_zone", QT_SETTING_STRING, "\"Europe/Berlin\"",
                 "Zeitzone neuer Termine, wenn keine angegeben ist (IANA-Name).",
                 "Time zone of new events when none is given (an IANA name).");
  plugin.setting("residents_may_publish", QT_SETTING_BOOL, "true",
                 "Ob Bewohnerinnen und Bewohner Termine in den Stadt- und Quartierskalender eintragen dürfen (sonst nur Verwaltung).",
                 "Whether residents may add events to the city and neighbourhood calendars (else staff only).");
  calendar::add_migrations(plugin);
  calendar::add_event_routes(plugin);
  calendar::add_occurrence_routes(plugin);
  calendar::add_list_routes(plugin);
  calendar::add_rsvp_routes(plugin);
  calendar::add_ical_routes(plugin);
  calendar::add_calendar_routes(plugin);
  calendar::add_import_routes(plugin);
  calendar::add_image_routes(plugin);
  calendar::add_reminders(plugin);
  calendar::add_imports(plugin);
  plugin.on_export([](std::int64_t user) { return calendar::export_person(user); });
  plugin.on_erase([](std::int64_t user) { calendar::erase_person(user); });
  plugin.on_start([] {
    calendar::start_reminders();
    calendar::remember_system_author();
  });
  plugin.subscribe("content.deleted", [](std::string_view, std::string_view json) { calendar::drop_event_of_content(json); });
  plugin.subscribe("container.deleted", [](std::string_view, std::string_view json) { calendar::drop_imports_of_container(json); });
}
