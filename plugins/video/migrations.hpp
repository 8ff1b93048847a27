#pragma once
#include <quartier/plugin.hpp>

namespace video {
// video_rooms (a room and its rules) and video_presence (who is in a room now, per connection).
void add_migrations(quartier::Plugin& plugin);
}  // namespace video
