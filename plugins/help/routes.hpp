#pragma once
// Route registration, one function per file. Every path lives under /api/p/help.
#include <quartier/plugin.hpp>

namespace help {

void add_request_routes(quartier::Plugin& plugin);  // routes_requests.cpp: ask, list, read
void add_action_routes(quartier::Plugin& plugin);   // routes_actions.cpp: I can help, accept, done, withdraw, thanks
void add_offer_routes(quartier::Plugin& plugin);    // routes_offers.cpp: what a helper offers, where, when
void add_staff_routes(quartier::Plugin& plugin);    // routes_staff.cpp: helped this month, open requests, CSV
void add_coordinator_routes(quartier::Plugin& plugin);   // routes_coordinators.cpp: staff designate coordinating groups
void add_coordination_routes(quartier::Plugin& plugin);  // routes_coordination.cpp: a coordinator's open requests, helpers
void add_assign_route(quartier::Plugin& plugin);         // routes_assign.cpp: a coordinator assigns or reassigns a helper
void add_handover_routes(quartier::Plugin& plugin);      // routes_handover.cpp: the helper steps back, the asker releases them

}  // namespace help
