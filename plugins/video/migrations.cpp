#include "migrations.hpp"

namespace video {
namespace {

// Shared by both dialects apart from the id column. Nothing of a call is stored: a room, and who
// is in it now (rows go with the connection; a node's rows go when it starts again).
#define VIDEO_TABLES(ID)                                                                                   \
  "CREATE TABLE video_rooms ("                                                                             \
  "  id " ID ","                                                                                           \
  "  slug TEXT NOT NULL UNIQUE,"                /* the link: /video/room/<slug> */                         \
  "  name TEXT NOT NULL,"                                                                                  \
  "  kind TEXT NOT NULL CHECK (kind IN ('resident','group','department','cafe')),"                          \
  "  created_by BIGINT NOT NULL DEFAULT 0,"     /* 0 once the person's account is erased */              \
  "  container_id BIGINT,"                      /* group rooms: the group's container */                  \
  "  neighbourhood_id BIGINT,"                  /* cafés: one per neighbourhood */                        \
  "  department TEXT NOT NULL DEFAULT '',"      /* department rooms */                                    \
  "  schedule TEXT NOT NULL DEFAULT '',"        /* consultation hours, as the department writes them */  \
  "  members_only INTEGER NOT NULL DEFAULT 0,"  /* group rooms: only the group's members */               \
  "  guests INTEGER NOT NULL DEFAULT 1,"        /* 0 = an account is required */                          \
  "  capacity INTEGER NOT NULL,"                                                                           \
  "  locked INTEGER NOT NULL DEFAULT 0,"                                                                   \
  "  created_at BIGINT NOT NULL"                                                                           \
  ");"                                                                                                     \
  "CREATE UNIQUE INDEX video_rooms_cafe ON video_rooms(neighbourhood_id) WHERE kind = 'cafe';"             \
  "CREATE INDEX video_rooms_creator ON video_rooms(created_by);"                                           \
  "CREATE TABLE video_presence ("                                                                          \
  "  conn BIGINT PRIMARY KEY,"                  /* the host's connection id */                            \
  "  room_id BIGINT NOT NULL REFERENCES video_rooms(id) ON DELETE CASCADE,"                                \
  "  node BIGINT NOT NULL,"                     /* conn >> 32: whose rows a restarted node drops */       \
  "  user_id BIGINT NOT NULL DEFAULT 0,"        /* 0 = a guest */                                          \
  "  name TEXT NOT NULL,"                                                                                  \
  "  is_host INTEGER NOT NULL DEFAULT 0,"                                                                   \
  "  joined_at BIGINT NOT NULL"                                                                            \
  ");"                                                                                                     \
  "CREATE INDEX video_presence_room ON video_presence(room_id);"

// The lobby (who waits for the host, with the connection like video_presence), the saved chat
// (only once a host chose "save chat"; guests' lines without their name), and the plugin's own key
// that binds a guest pass to one room.
#define LOBBY_CHAT(ID)                                                                                     \
  "ALTER TABLE video_rooms ADD COLUMN lobby INTEGER NOT NULL DEFAULT 0;"          /* guests wait */        \
  "ALTER TABLE video_rooms ADD COLUMN lobby_residents INTEGER NOT NULL DEFAULT 0;" /* residents too */     \
  "ALTER TABLE video_rooms ADD COLUMN chat_saved_by BIGINT NOT NULL DEFAULT 0;" /* the host saving, 0 = none */ \
  "CREATE TABLE video_lobby ("                                                                             \
  "  conn BIGINT PRIMARY KEY,"                                                                             \
  "  room_id BIGINT NOT NULL REFERENCES video_rooms(id) ON DELETE CASCADE,"                                \
  "  node BIGINT NOT NULL,"                                                                                \
  "  user_id BIGINT NOT NULL DEFAULT 0,"                                                                   \
  "  name TEXT NOT NULL,"                                                                                  \
  "  admitted INTEGER NOT NULL DEFAULT 0,"                                                                 \
  "  joined_at BIGINT NOT NULL,"                                                                           \
  "  seen_at BIGINT NOT NULL"                                                                              \
  ");"                                                                                                     \
  "CREATE INDEX video_lobby_room ON video_lobby(room_id);"                                                 \
  "CREATE TABLE video_chat ("                                                                              \
  "  id " ID ","                                                                                           \
  "  room_id BIGINT NOT NULL REFERENCES video_rooms(id) ON DELETE CASCADE,"                                \
  "  saved_by BIGINT NOT NULL,"                 /* the host who chose to save: reads, deletes, exports */ \
  "  user_id BIGINT NOT NULL DEFAULT 0,"        /* the author; 0 = a guest (stored as \"Gast\") */          \
  "  name TEXT NOT NULL,"                                                                                  \
  "  text TEXT NOT NULL,"                                                                                  \
  "  at BIGINT NOT NULL"                                                                                   \
  ");"                                                                                                     \
  "CREATE INDEX video_chat_room ON video_chat(room_id, saved_by);"                                         \
  "CREATE INDEX video_chat_author ON video_chat(user_id);"                                                 \
  "CREATE TABLE video_key (id INTEGER PRIMARY KEY, secret TEXT NOT NULL);"

}  // namespace

void add_migrations(quartier::Plugin& plugin) {
  plugin.migration("0001_video.sqlite.sql", VIDEO_TABLES("INTEGER PRIMARY KEY"));
  plugin.migration("0001_video.postgresql.sql", VIDEO_TABLES("BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"));
  // When the row's node last said it is alive (presence.hpp); 0 = never: stale at once.
  const char* seen = "ALTER TABLE video_presence ADD COLUMN seen_at BIGINT NOT NULL DEFAULT 0;"
                     "CREATE INDEX video_presence_seen ON video_presence(seen_at);";
  plugin.migration("0002_presence_seen.sqlite.sql", seen);
  plugin.migration("0002_presence_seen.postgresql.sql", seen);
  plugin.migration("0003_lobby_chat.sqlite.sql", LOBBY_CHAT("INTEGER PRIMARY KEY"));
  plugin.migration("0003_lobby_chat.postgresql.sql", LOBBY_CHAT("BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"));
  // Consultation hours as a weekly schedule (schedule.hpp; JSON, "" = none); `schedule` stays a note.
  const char* hours = "ALTER TABLE video_rooms ADD COLUMN hours TEXT NOT NULL DEFAULT '';";
  plugin.migration("0004_hours.sqlite.sql", hours);
  plugin.migration("0004_hours.postgresql.sql", hours);
  // Rooms over the mesh limit go through Janus (sfu.hpp): the VideoRoom's number and secret, and each
  // participant's id there (what the browsers subscribe to, and whom a leave kicks). media is 'mesh' or
  // 'sfu' (routes_create.cpp checks; no CHECK here: SQLite would verify it with a pragma plugins may not run).
  const char* sfu = "ALTER TABLE video_rooms ADD COLUMN media TEXT NOT NULL DEFAULT 'mesh';"
                    "ALTER TABLE video_rooms ADD COLUMN janus_room BIGINT NOT NULL DEFAULT 0;"
                    "ALTER TABLE video_rooms ADD COLUMN janus_secret TEXT NOT NULL DEFAULT '';"
                    "ALTER TABLE video_presence ADD COLUMN sfu_id BIGINT NOT NULL DEFAULT 0;";
  plugin.migration("0005_sfu.sqlite.sql", sfu);
  plugin.migration("0005_sfu.postgresql.sql", sfu);
}

}  // namespace video
