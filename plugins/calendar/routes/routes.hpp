#pragma once
#include <quartier/plugin.hpp>

namespace calendar {
void add_event_routes(quartier::Plugin& plugin);
void add_occurrence_routes(quartier::Plugin& plugin);
void add_list_routes(quartier::Plugin& plugin);
void add_rsvp_routes(quartier::Plugin& plugin);
void add_ical_routes(quartier::Plugin& plugin);
void add_calendar_routes(quartier::Plugin& plugin);
void add_import_routes(quartier::Plugin& plugin);
}  // namespace calendar
