#pragma once
// Route and endpoint registration. Every path lives under /api/p/video.
#include <quartier/plugin.hpp>

namespace video {

void add_room_routes(quartier::Plugin& plugin);  // routes_rooms.cpp: list, create, show, change, end
void add_guest_routes(quartier::Plugin& plugin);  // routes_guest.cpp: a guest's token for a room
void add_chat_routes(quartier::Plugin& plugin);   // routes_chat.cpp: a host's saved chat, read and delete
void add_signal_endpoint();                       // signal.cpp: WebSocket /api/p/video/signal

}  // namespace video
