#include "migrations.hpp"

namespace calendar {
namespace {

// Shared by both dialects apart from the id column. Times: UTC ms; local times in the iCal
// local form (20260606T140000) with the zone beside them, as RFC 5545 keeps them.
#define CALENDAR_TABLES(ID, REAL)                                                                          \
  "CREATE TABLE calendar_events ("                                                                         \
  "  id " ID ","                                                                                           \
  "  content_id BIGINT NOT NULL UNIQUE,"       /* the core item: stream card, comments, search */         \
  "  container_id BIGINT NOT NULL,"                                                                        \
  "  neighbourhood_id BIGINT,"                 /* of the container or the place; NULL = city-wide */     \
  "  organiser_id BIGINT NOT NULL DEFAULT 0,"  /* 0 once the person's account is erased */                \
  "  uid TEXT NOT NULL UNIQUE,"                /* the iCal UID, stable for subscribers */                 \
  "  title TEXT NOT NULL,"                                                                                 \
  "  description TEXT NOT NULL DEFAULT '',"                                                                \
  "  category TEXT NOT NULL DEFAULT 'other',"                                                              \
  "  tz TEXT NOT NULL,"                                                                                    \
  "  all_day INTEGER NOT NULL DEFAULT 0,"                                                                  \
  "  starts_local TEXT NOT NULL,"                                                                          \
  "  ends_local TEXT NOT NULL,"                                                                            \
  "  rrule TEXT NOT NULL DEFAULT '',"                                                                      \
  "  exdates TEXT NOT NULL DEFAULT '',"        /* comma-separated iCal local times */                     \
  "  address TEXT NOT NULL DEFAULT '',"                                                                    \
  "  lat " REAL ", lon " REAL ","                                                                          \
  "  online_url TEXT NOT NULL DEFAULT '',"                                                                 \
  "  capacity BIGINT,"                         /* NULL = no limit */                                      \
  "  accessibility TEXT NOT NULL DEFAULT '',"                                                              \
  "  step_free INTEGER NOT NULL DEFAULT 0,"                                                                \
  "  sign_language INTEGER NOT NULL DEFAULT 0,"                                                            \
  "  contact TEXT NOT NULL DEFAULT '',"        /* what the organiser chose to show, never their e-mail */ \
  "  attendees_public INTEGER NOT NULL DEFAULT 0,"                                                         \
  "  truncated INTEGER NOT NULL DEFAULT 0,"    /* occurrences stored up to the bound only */              \
  "  created_at BIGINT NOT NULL,"                                                                          \
  "  updated_at BIGINT NOT NULL"                                                                           \
  ");"                                                                                                     \
  "CREATE INDEX calendar_events_organiser ON calendar_events(organiser_id);"                               \
  "CREATE INDEX calendar_events_container ON calendar_events(container_id);"                               \
  "CREATE TABLE calendar_overrides ("                                                                      \
  "  event_id BIGINT NOT NULL REFERENCES calendar_events(id) ON DELETE CASCADE,"                           \
  "  recurrence_id TEXT NOT NULL,"                                                                         \
  "  cancelled INTEGER NOT NULL DEFAULT 0,"                                                                \
  "  starts_local TEXT NOT NULL DEFAULT '', ends_local TEXT NOT NULL DEFAULT '',"                          \
  "  title TEXT NOT NULL DEFAULT '',"                                                                      \
  "  PRIMARY KEY (event_id, recurrence_id)"                                                                \
  ");"                                                                                                     \
  "CREATE TABLE calendar_occurrences ("                                                                    \
  "  id " ID ","                                                                                           \
  "  event_id BIGINT NOT NULL REFERENCES calendar_events(id) ON DELETE CASCADE,"                           \
  "  recurrence_id TEXT NOT NULL,"                                                                         \
  "  container_id BIGINT NOT NULL,"            /* copied from the event: filters without a join */       \
  "  neighbourhood_id BIGINT,"                                                                             \
  "  category TEXT NOT NULL,"                                                                              \
  "  starts_at BIGINT NOT NULL, ends_at BIGINT NOT NULL,"                                                  \
  "  cancelled INTEGER NOT NULL DEFAULT 0, changed INTEGER NOT NULL DEFAULT 0,"                            \
  "  title TEXT NOT NULL DEFAULT ''"                                                                       \
  ");"                                                                                                     \
  "CREATE INDEX calendar_occurrences_event ON calendar_occurrences(event_id, starts_at);"                  \
  "CREATE INDEX calendar_occurrences_time ON calendar_occurrences(starts_at);"                             \
  "CREATE INDEX calendar_occurrences_area ON calendar_occurrences(neighbourhood_id, starts_at);"           \
  "CREATE INDEX calendar_occurrences_container ON calendar_occurrences(container_id, starts_at);"          \
  "CREATE TABLE calendar_rsvps ("                                                                          \
  "  id " ID ","                                                                                           \
  "  event_id BIGINT NOT NULL REFERENCES calendar_events(id) ON DELETE CASCADE,"                           \
  "  recurrence_id TEXT NOT NULL DEFAULT '',"  /* '' = the single event */                                \
  "  user_id BIGINT NOT NULL,"                                                                             \
  "  status TEXT NOT NULL CHECK (status IN ('going','waiting','maybe','declined')),"                       \
  "  guests BIGINT NOT NULL DEFAULT 0,"                                                                    \
  "  created_at BIGINT NOT NULL,"                                                                          \
  "  updated_at BIGINT NOT NULL,"              /* the waiting list moves up in this order */             \
  "  UNIQUE (event_id, recurrence_id, user_id)"                                                            \
  ");"                                                                                                     \
  "CREATE INDEX calendar_rsvps_user ON calendar_rsvps(user_id);"                                           \
  "CREATE TABLE calendar_feeds ("                                                                          \
  "  id " ID ","                                                                                           \
  "  user_id BIGINT NOT NULL,"                                                                             \
  "  token_hash TEXT NOT NULL UNIQUE,"         /* SHA-256 of the secret, never the secret */              \
  "  scope TEXT NOT NULL CHECK (scope IN ('mine','container')),"                                           \
  "  container_id BIGINT,"                                                                                 \
  "  created_at BIGINT NOT NULL"                                                                           \
  ");"                                                                                                     \
  "CREATE INDEX calendar_feeds_user ON calendar_feeds(user_id);"

// Reminders: each answer's choice, and one row per reminder sent (never twice).
#define CALENDAR_REMINDERS                                                                                 \
  "ALTER TABLE calendar_rsvps ADD COLUMN remind TEXT NOT NULL DEFAULT 'none';"                             \
  "CREATE TABLE calendar_reminders_sent ("                                                                 \
  "  event_id BIGINT NOT NULL REFERENCES calendar_events(id) ON DELETE CASCADE,"                           \
  "  recurrence_id TEXT NOT NULL,"                                                                         \
  "  user_id BIGINT NOT NULL,"                                                                             \
  "  kind TEXT NOT NULL CHECK (kind IN ('day','hour')),"                                                   \
  "  sent_at BIGINT NOT NULL,"                                                                             \
  "  PRIMARY KEY (event_id, recurrence_id, user_id, kind)"                                                  \
  ");"                                                                                                     \
  "CREATE INDEX calendar_reminders_sent_user ON calendar_reminders_sent(user_id);"

// Imports of external iCal feeds: one row per source, its status for the people who set it up,
// and each imported event keyed by (import, the source's UID) so a poll updates it in place.
#define CALENDAR_IMPORTS(ID)                                                                               \
  "CREATE TABLE calendar_imports ("                                                                        \
  "  id " ID ","                                                                                           \
  "  container_id BIGINT NOT NULL,"                                                                        \
  "  url TEXT NOT NULL,"                                                                                   \
  "  created_by BIGINT NOT NULL DEFAULT 0,"    /* 0 once the person's account is erased */                \
  "  interval_minutes BIGINT NOT NULL DEFAULT 60,"                                                         \
  "  created_at BIGINT NOT NULL,"                                                                          \
  "  last_attempt_at BIGINT, last_success_at BIGINT,"                                                      \
  "  last_error TEXT NOT NULL DEFAULT '',"                                                                 \
  "  events BIGINT NOT NULL DEFAULT 0, skipped BIGINT NOT NULL DEFAULT 0,"  /* of the last good poll */    \
  "  skipped_reasons TEXT NOT NULL DEFAULT '',"                                                            \
  "  UNIQUE (container_id, url)"                                                                           \
  ");"                                                                                                     \
  "CREATE INDEX calendar_imports_creator ON calendar_imports(created_by);"                                 \
  "ALTER TABLE calendar_events ADD COLUMN import_id BIGINT REFERENCES calendar_imports(id) ON DELETE CASCADE;" \
  "ALTER TABLE calendar_events ADD COLUMN source_uid TEXT;"                                                \
  "ALTER TABLE calendar_events ADD COLUMN source_fingerprint TEXT NOT NULL DEFAULT '';"                    \
  "CREATE UNIQUE INDEX calendar_events_source ON calendar_events(import_id, source_uid);"

// An event's picture: rendered by the core's image pipeline (no EXIF), a large one and a thumbnail.
#define CALENDAR_IMAGES                                                                                    \
  "ALTER TABLE calendar_events ADD COLUMN image_key TEXT NOT NULL DEFAULT '';"                             \
  "ALTER TABLE calendar_events ADD COLUMN image_thumb TEXT NOT NULL DEFAULT '';"

// Department calendars (as the files plugin's department spaces): created by admins, named as
// staff accounts name their department. A department's events are items of the city calendar
// (everyone reads them there), written by that department's staff; they belong to the
// department, so they stay when the person who wrote one leaves. RDATE: an event's extra dates.
#define CALENDAR_DEPARTMENTS(ID)                                                                           \
  "CREATE TABLE calendar_departments ("                                                                    \
  "  id " ID ","                                                                                           \
  "  name TEXT NOT NULL UNIQUE,"               /* as staff accounts name their department */              \
  "  created_by BIGINT NOT NULL DEFAULT 0,"    /* 0 once the person's account is erased */                \
  "  created_at BIGINT NOT NULL"                                                                           \
  ");"                                                                                                     \
  "ALTER TABLE calendar_events ADD COLUMN department_id BIGINT REFERENCES calendar_departments(id);"       \
  "CREATE INDEX calendar_events_department ON calendar_events(department_id);"                             \
  "ALTER TABLE calendar_events ADD COLUMN rdates TEXT NOT NULL DEFAULT '';" /* comma-separated, as exdates */

// An import into a department's calendar: its events are the department's (in the city calendar).
#define CALENDAR_DEPARTMENT_IMPORTS \
  "ALTER TABLE calendar_imports ADD COLUMN department_id BIGINT REFERENCES calendar_departments(id);"

}  // namespace

void add_migrations(quartier::Plugin& plugin) {
  plugin.migration("0001_calendar.sqlite.sql", CALENDAR_TABLES("INTEGER PRIMARY KEY", "REAL"));
  plugin.migration("0001_calendar.postgresql.sql",
                   CALENDAR_TABLES("BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", "DOUBLE PRECISION"));
  plugin.migration("0002_reminders.sqlite.sql", CALENDAR_REMINDERS);
  plugin.migration("0002_reminders.postgresql.sql", CALENDAR_REMINDERS);
  plugin.migration("0003_imports.sqlite.sql", CALENDAR_IMPORTS("INTEGER PRIMARY KEY"));
  plugin.migration("0003_imports.postgresql.sql", CALENDAR_IMPORTS("BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"));
  plugin.migration("0004_images.sqlite.sql", CALENDAR_IMAGES);
  plugin.migration("0004_images.postgresql.sql", CALENDAR_IMAGES);
  // Every blob key an event refers to, for `quartier check-blobs` (it reads this view, never this code).
  plugin.migration("0005_blob_refs.sql",
                   "CREATE VIEW calendar_blob_refs AS"
                   " SELECT image_key AS blob_key FROM calendar_events WHERE image_key <> ''"
                   " UNION SELECT image_thumb FROM calendar_events WHERE image_thumb <> '';");
  plugin.migration("0006_departments.sqlite.sql", CALENDAR_DEPARTMENTS("INTEGER PRIMARY KEY"));
  plugin.migration("0006_departments.postgresql.sql",
                   CALENDAR_DEPARTMENTS("BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"));
  plugin.migration("0007_department_imports.sqlite.sql", CALENDAR_DEPARTMENT_IMPORTS);
  plugin.migration("0007_department_imports.postgresql.sql", CALENDAR_DEPARTMENT_IMPORTS);
}

}  // namespace calendar
