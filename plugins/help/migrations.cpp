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

}  // namespace

void add_migrations(quartier::Plugin& plugin) {
  plugin.migration("0001_help.sqlite.sql", HELP_TABLES("INTEGER PRIMARY KEY"));
  plugin.migration("0001_help.postgresql.sql", HELP_TABLES("BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"));
  plugin.migration("0002_coordination.sqlite.sql", HELP_COORDINATION);
  plugin.migration("0002_coordination.postgresql.sql", HELP_COORDINATION);
}

}  // namespace help
