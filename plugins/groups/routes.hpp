#pragma once
// Route registration, one function per file. Every path lives under /api/p/groups.
#include <string>

#include <quartier/plugin.hpp>

namespace groups {

void add_group_routes(quartier::Plugin& plugin);       // routes_groups.cpp: directory, create, settings, delete
void add_member_routes(quartier::Plugin& plugin);      // routes_members.cpp: join, leave, requests, roles
void add_invitation_routes(quartier::Plugin& plugin);  // routes_invitations.cpp: by person and by link
void add_content_routes(quartier::Plugin& plugin);     // routes_content.cpp: announcements
void add_moderation_routes(quartier::Plugin& plugin);  // routes_moderation.cpp: reports for group moderators
void add_picture_routes(quartier::Plugin& plugin);     // routes_picture.cpp: the uploaded group picture
// Removes a group picture's blob unless a group still shows it (after its row went).
void drop_picture(const std::string& key);

}  // namespace groups
