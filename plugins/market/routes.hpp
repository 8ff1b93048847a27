#pragma once
// Route registration, one function per file. Every path lives under /api/p/market.
#include <quartier/plugin.hpp>

namespace market {

void add_business_routes(quartier::Plugin& plugin);  // routes_business.cpp: directory, profile, verification
void add_manager_routes(quartier::Plugin& plugin);   // routes_managers.cpp: managers, following
void add_post_routes(quartier::Plugin& plugin);      // routes_posts.cpp: offers and news into the stream
void add_listing_routes(quartier::Plugin& plugin);   // routes_listings.cpp: search, create, read
void add_photo_routes(quartier::Plugin& plugin);           // routes_photos.cpp: photos of listings and businesses
void add_listing_action_routes(quartier::Plugin& plugin);  // routes_listing_actions.cpp: state, renew, contact, delete

}  // namespace market
