#include "migrations.hpp"

namespace help {
namespace {

// Shared by both dialects apart from the id column. People are referred to by id only; the
// core's tables are never touched (the SQL sandbox refuses it).
#define HELP_TABLES(ID)                                                                                          \
  "CREATE TABLE help_requests ("                                                                                 \
  "  id " ID ","                                                                                                 \
  "  content_id BIGINT UNIQUE,"                   /* the core's stream item (card with the status) */           \
  "  asker_id BIGINT NOT NULL,"                                                                                  \
  "  category TEXT NOT NULL,"                                                                                    \
  "  text TEXT NOT NULL,"                                                                                        \
  "  when_kind TEXT NOT NULL CHECK (when_kind IN ('once','by_date','regularly')),"                               \
  "  due_at BIGINT,"                              /* UTC ms; NULL for 'regularly' */                            \
  "  neighbourhood_id BIGINT NOT NULL,"                                                                          \
  "  urgency TEXT NOT NULL CHECK (urgency IN ('low','normal','high')),"                                          \
  "  risk_group INTEGER NOT NULL DEFAULT 0,"      /* shown only to the asker and matched helpers */             \
  "  status TEXT NOT NULL CHECK (status IN ('open','in_progress','done','withdrawn','expired')),"                \
  "  helper_id BIGINT,"                           /* who helps, once the asker accepted them */                 \
  "  created_at BIGINT NOT NULL,"                                                                                \
  "  updated_at BIGINT NOT NULL,"                                                                                \
  "  closed_at BIGINT"                                                                                           \
  ");"                                                                                                           \
  "CREATE INDEX help_requests_area ON help_requests(neighbourhood_id, status, id);"                              \
  "CREATE INDEX help_requests_asker ON help_requests(asker_id);"                                                 \
  "CREATE INDEX help_requests_helper ON help_requests(helper_id);"                                               \
  "CREATE INDEX help_requests_closed ON help_requests(status, closed_at);"                                       \
  "CREATE TABLE help_offers ("                                                                                   \
  "  id " ID ","                                                                                                 \
  "  helper_id BIGINT NOT NULL,"                                                                                 \
  "  category TEXT NOT NULL,"                                                                                    \
  "  text TEXT NOT NULL DEFAULT '',"                                                                             \
  "  neighbourhood_id BIGINT NOT NULL,"                                                                          \
  "  when_kind TEXT NOT NULL CHECK (when_kind IN ('once','regularly','any')),"                                   \
  "  created_at BIGINT NOT NULL,"                                                                                \
  "  updated_at BIGINT NOT NULL,"                                                                                \
  "  UNIQUE (helper_id, category, neighbourhood_id)"                                                             \
  ");"                                                                                                           \
  "CREATE INDEX help_offers_match ON help_offers(neighbourhood_id, category, helper_id);"                        \
  "CREATE TABLE help_matches ("                                                                                  \
  "  request_id BIGINT NOT NULL REFERENCES help_requests(id) ON DELETE CASCADE,"                                 \
  "  helper_id BIGINT NOT NULL,"                                                                                 \
  "  notified INTEGER NOT NULL,"                  /* 0 when the day's cap held the notice back */               \
  "  created_at BIGINT NOT NULL,"                                                                                \
  "  PRIMARY KEY (request_id, helper_id)"                                                                        \
  ");"                                                                                                           \
  "CREATE INDEX help_matches_helper ON help_matches(helper_id, created_at);"                                     \
  "CREATE TABLE help_responses ("                                                                                \
  "  request_id BIGINT NOT NULL REFERENCES help_requests(id) ON DELETE CASCADE,"                                 \
  "  helper_id BIGINT NOT NULL,"                                                                                 \
  "  conversation_id BIGINT NOT NULL DEFAULT 0,"                                                                 \
  "  created_at BIGINT NOT NULL,"                                                                                \
  "  PRIMARY KEY (request_id, helper_id)"                                                                        \
  ");"                                                                                                           \
  "CREATE INDEX help_responses_helper ON help_responses(helper_id);"                                             \
  "CREATE TABLE help_thanks ("                                                                                   \
  "  request_id BIGINT NOT NULL REFERENCES help_requests(id) ON DELETE CASCADE,"                                 \
  "  from_id BIGINT NOT NULL,"                                                                                   \
  "  to_id BIGINT NOT NULL,"                                                                                     \
  "  text TEXT NOT NULL DEFAULT '',"                                                                             \
  "  created_at BIGINT NOT NULL,"                                                                                \
  "  PRIMARY KEY (request_id, from_id)"                                                                          \
  ");"                                                                                                           \
  "CREATE INDEX help_thanks_to ON help_thanks(to_id);"

// Coordinating organisations (a group the municipality designates for neighbourhoods) and the
// assignments they made. The group is its core container; its admins are its owners and
// moderators in the core's memberships (plugin_memberships).
#define HELP_COORDINATION                                                                                       \
  "CREATE TABLE help_coordinators ("                                                                             \
  "  container_id BIGINT NOT NULL,"               /* the group's core container */                              \
  "  neighbourhood_id BIGINT NOT NULL,"                                                                          \
  "  granted_by BIGINT,"                          /* the staff member; NULL once their account is erased */     \
  "  created_at BIGINT NOT NULL,"                                                                                \
  "  PRIMARY KEY (container_id, neighbourhood_id)"                                                               \
  ");"                                                                                                           \
  "CREATE INDEX help_coordinators_area ON help_coordinators(neighbourhood_id, container_id);"                    \
  "CREATE TABLE help_assignments ("                                                                              \
  "  request_id BIGINT NOT NULL REFERENCES help_requests(id) ON DELETE CASCADE,"                                 \
  "  helper_id BIGINT NOT NULL,"                                                                                 \
  "  container_id BIGINT NOT NULL,"               /* the coordinating group */                                  \
  "  coordinator_id BIGINT,"                      /* who assigned; NULL once their account is erased */         \
  "  conversation_id BIGINT NOT NULL DEFAULT 0,"                                                                 \
  "  created_at BIGINT NOT NULL,"                                                                                \
  "  PRIMARY KEY (request_id, helper_id)"                                                                        \
  ");"                                                                                                           \
  "CREATE INDEX help_assignments_helper ON help_assignments(helper_id);"                                         \
  "CREATE INDEX help_assignments_coordinator ON help_assignments(coordinator_id);"

// A request's history (every change of status or helper, with its date) and the notices sent
// when a request is open again after its helper stepped back or was released (they count
// towards the helper's daily cap like a first notice). Existing requests get their history
// from what their row says.
#define HELP_HISTORY(ID)                                                                                         \
  "CREATE TABLE help_events ("                                                                                   \
  "  id " ID ","                                                                                                 \
  "  request_id BIGINT NOT NULL REFERENCES help_requests(id) ON DELETE CASCADE,"                                 \
  "  kind TEXT NOT NULL,"                         /* asked, accepted, assigned, stepped_back, ... */            \
  "  actor_id BIGINT,"                            /* who did it; NULL: the system, or their account is erased */ \
  "  helper_id BIGINT,"                           /* the helper it concerns */                                  \
  "  previous_id BIGINT,"                         /* on a reassignment: the helper replaced */                  \
  "  container_id BIGINT,"                        /* the coordinating group that assigned */                    \
  "  created_at BIGINT NOT NULL"                                                                                 \
  ");"                                                                                                           \
  "CREATE INDEX help_events_request ON help_events(request_id, id);"                                             \
  "CREATE INDEX help_events_actor ON help_events(actor_id);"                                                     \
  "CREATE INDEX help_events_helper ON help_events(helper_id);"                                                   \
  "CREATE INDEX help_events_previous ON help_events(previous_id);"                                               \
  "INSERT INTO help_events (request_id, kind, actor_id, created_at)"                                             \
  "  SELECT id, 'asked', asker_id, created_at FROM help_requests;"                                               \
  "INSERT INTO help_events (request_id, kind, helper_id, created_at)"                                            \
  "  SELECT id, 'accepted', helper_id, updated_at FROM help_requests WHERE helper_id IS NOT NULL;"               \
  "INSERT INTO help_events (request_id, kind, created_at)"                                                       \
  "  SELECT id, status, closed_at FROM help_requests WHERE closed_at IS NOT NULL;"                               \
  "CREATE TABLE help_notices ("                                                                                  \
  "  request_id BIGINT NOT NULL REFERENCES help_requests(id) ON DELETE CASCADE,"                                 \
  "  helper_id BIGINT NOT NULL,"                                                                                 \
  "  created_at BIGINT NOT NULL"                                                                                 \
  ");"                                                                                                           \
  "CREATE INDEX help_notices_helper ON help_notices(helper_id, created_at);"                                     \
  "CREATE INDEX help_notices_request ON help_notices(request_id);"

// The neighbourhood's list filtered by category, newest first, straight from an index (without
// it PostgreSQL read every open request of the neighbourhood and sorted them).
#define HELP_LIST_INDEX "CREATE INDEX help_requests_area_category ON help_requests(neighbourhood_id, status, category, id);"

}  // namespace

void add_migrations(quartier::Plugin& plugin) {
  plugin.migration("0001_help.sqlite.sql", HELP_TABLES("INTEGER PRIMARY KEY"));
  plugin.migration("0001_help.postgresql.sql", HELP_TABLES("BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"));
  plugin.migration("0002_coordination.sqlite.sql", HELP_COORDINATION);
  plugin.migration("0002_coordination.postgresql.sql", HELP_COORDINATION);
  plugin.migration("0003_history.sqlite.sql", HELP_HISTORY("INTEGER PRIMARY KEY"));
  plugin.migration("0003_history.postgresql.sql", HELP_HISTORY("BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"));
  plugin.migration("0004_list_index.sqlite.sql", HELP_LIST_INDEX);
  plugin.migration("0004_list_index.postgresql.sql", HELP_LIST_INDEX);
}

}  // namespace help
