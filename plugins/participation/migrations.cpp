#include "routes.hpp"

namespace participation {
namespace {

// Shared by both dialects apart from the id and floating point columns.
#define PARTICIPATION_TABLES(ID, REAL)                                                                     \
  "CREATE TABLE participation_topics ("                                                                    \
  "  id " ID ","                                                                                           \
  "  slug TEXT NOT NULL UNIQUE,"                                                                           \
  "  name_de TEXT NOT NULL,"                                                                               \
  "  name_en TEXT NOT NULL,"                                                                               \
  "  department TEXT NOT NULL,"                 /* users.department of the staff who answer */           \
  "  created_at BIGINT NOT NULL"                                                                           \
  ");"                                                                                                     \
  "CREATE TABLE participation_questions ("                                                                 \
  "  id " ID ","                                                                                           \
  "  kind TEXT NOT NULL CHECK (kind IN ('question','idea')),"                                             \
  "  asker_id BIGINT NOT NULL DEFAULT 0,"       /* 0 once the asker's account is erased */                \
  "  topic_id BIGINT NOT NULL REFERENCES participation_topics(id),"                                        \
  "  department TEXT NOT NULL,"                 /* where it is now (forwarding changes it) */            \
  "  title TEXT NOT NULL,"                                                                                 \
  "  body TEXT NOT NULL,"                                                                                  \
  "  neighbourhood_id BIGINT,"                  /* NULL = no place given */                               \
  "  lat " REAL ","                                                                                        \
  "  lon " REAL ","                                                                                        \
  "  status TEXT NOT NULL CHECK (status IN ('received','in_progress','forwarded','answered','merged','declined')),"  \
  "  reason TEXT NOT NULL DEFAULT '',"                                                                     \
  "  merged_into BIGINT,"                                                                                  \
  "  answer TEXT NOT NULL DEFAULT '',"                                                                     \
  "  answer_department TEXT NOT NULL DEFAULT '',"                                                          \
  "  answered_by BIGINT NOT NULL DEFAULT 0,"                                                               \
  "  answered_at BIGINT,"                                                                                  \
  "  first_response_at BIGINT,"                 /* the first change by staff: figures */                  \
  "  supports BIGINT NOT NULL DEFAULT 0,"                                                                  \
  "  created_at BIGINT NOT NULL,"                                                                          \
  "  updated_at BIGINT NOT NULL"                                                                           \
  ");"                                                                                                     \
  "CREATE INDEX participation_questions_queue ON participation_questions(department, status, id);"        \
  "CREATE INDEX participation_questions_asker ON participation_questions(asker_id);"                       \
  "CREATE TABLE participation_history ("                                                                   \
  "  id " ID ","                                                                                           \
  "  question_id BIGINT NOT NULL REFERENCES participation_questions(id) ON DELETE CASCADE,"                \
  "  status TEXT NOT NULL,"                                                                                \
  "  department TEXT NOT NULL,"                                                                            \
  "  note TEXT NOT NULL DEFAULT '',"                                                                       \
  "  actor_id BIGINT NOT NULL DEFAULT 0,"                                                                  \
  "  created_at BIGINT NOT NULL"                                                                           \
  ");"                                                                                                     \
  "CREATE INDEX participation_history_question ON participation_history(question_id);"                     \
  "CREATE INDEX participation_history_actor ON participation_history(actor_id);"                           \
  "CREATE TABLE participation_follows ("                                                                   \
  "  question_id BIGINT NOT NULL REFERENCES participation_questions(id) ON DELETE CASCADE,"                \
  "  user_id BIGINT NOT NULL,"                                                                             \
  "  created_at BIGINT NOT NULL,"                                                                          \
  "  PRIMARY KEY (question_id, user_id)"                                                                   \
  ");"                                                                                                     \
  "CREATE INDEX participation_follows_user ON participation_follows(user_id);"                             \
  "CREATE TABLE participation_supports ("                                                                  \
  "  question_id BIGINT NOT NULL REFERENCES participation_questions(id) ON DELETE CASCADE,"                \
  "  user_id BIGINT NOT NULL,"                                                                             \
  "  created_at BIGINT NOT NULL,"                                                                          \
  "  PRIMARY KEY (question_id, user_id)"                                                                   \
  ");"                                                                                                     \
  "CREATE INDEX participation_supports_user ON participation_supports(user_id);"                           \
  "CREATE TABLE participation_projects ("                                                                  \
  "  id " ID ","                                                                                           \
  "  source TEXT NOT NULL,"                     /* the adapter: 'meinberlin' */                           \
  "  external_id TEXT NOT NULL,"                                                                           \
  "  kind TEXT NOT NULL,"                       /* project, plan, external */                             \
  "  title TEXT NOT NULL,"                                                                                 \
  "  description TEXT NOT NULL DEFAULT '',"                                                                \
  "  organisation TEXT NOT NULL DEFAULT '',"                                                               \
  "  district TEXT NOT NULL DEFAULT '',"                                                                   \
  "  phase TEXT NOT NULL DEFAULT '',"                                                                      \
  "  active INTEGER NOT NULL DEFAULT 0,"                                                                   \
  "  end_at BIGINT,"                                                                                       \
  "  url TEXT NOT NULL,"                                                                                   \
  "  image TEXT NOT NULL DEFAULT '',"                                                                      \
  "  image_alt TEXT NOT NULL DEFAULT '',"                                                                  \
  "  image_copyright TEXT NOT NULL DEFAULT '',"                                                            \
  "  lat " REAL ","                                                                                        \
  "  lon " REAL ","                                                                                        \
  "  neighbourhood_id BIGINT,"                  /* NULL = the city (no point, or outside all) */          \
  "  listed INTEGER NOT NULL DEFAULT 1,"        /* 0: no longer listed at the source, kept */            \
  "  fingerprint TEXT NOT NULL,"                /* of the mapped fields: write only on a change */        \
  "  first_seen_at BIGINT NOT NULL,"                                                                       \
  "  updated_at BIGINT NOT NULL,"                                                                          \
  "  UNIQUE (source, external_id)"                                                                         \
  ");"                                                                                                     \
  "CREATE INDEX participation_projects_place ON participation_projects(listed, neighbourhood_id);"         \
  "CREATE TABLE participation_sources ("                                                                   \
  "  source TEXT NOT NULL PRIMARY KEY,"                                                                    \
  "  last_attempt_at BIGINT,"                                                                              \
  "  last_success_at BIGINT,"                                                                              \
  "  last_error TEXT NOT NULL DEFAULT '',"                                                                 \
  "  listed BIGINT NOT NULL DEFAULT 0,"                                                                    \
  "  skipped BIGINT NOT NULL DEFAULT 0,"                                                                   \
  "  changed BIGINT NOT NULL DEFAULT 0"                                                                    \
  ");"

}  // namespace

void add_migrations(quartier::Plugin& plugin) {
  plugin.migration("0001_participation.sqlite.sql", PARTICIPATION_TABLES("INTEGER PRIMARY KEY", "REAL"));
  plugin.migration("0001_participation.postgresql.sql",
                   PARTICIPATION_TABLES("BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", "DOUBLE PRECISION"));
  // The official item an answer became (search finds it); NULL before the answer.
  plugin.migration("0002_answer_content.sql", "ALTER TABLE participation_questions ADD COLUMN content_id BIGINT;");
  // The queue reads a department's open questions in id order: walk that order, skip the closed.
  plugin.migration("0003_queue_order.sql",
                   "CREATE INDEX participation_questions_department ON participation_questions(department, id);");
  // Each project is a core item too (comments, search, its neighbourhood's stream); people follow it.
  plugin.migration("0004_project_items.sql",
                   "ALTER TABLE participation_projects ADD COLUMN content_id BIGINT;"
                   "CREATE TABLE participation_project_follows ("
                   "  project_id BIGINT NOT NULL REFERENCES participation_projects(id) ON DELETE CASCADE,"
                   "  user_id BIGINT NOT NULL,"
                   "  created_at BIGINT NOT NULL,"
                   "  PRIMARY KEY (project_id, user_id));"
                   "CREATE INDEX participation_project_follows_user ON participation_project_follows(user_id);");
  // Every write of a project row counts up its revision (an unchanged poll writes nothing, so
  // it stays); a poll records how long it took on the server.
  plugin.migration("0005_project_revision.sql",
                   "ALTER TABLE participation_projects ADD COLUMN revision BIGINT NOT NULL DEFAULT 0;"
                   "ALTER TABLE participation_sources ADD COLUMN duration_ms BIGINT NOT NULL DEFAULT 0;");
  // The queue's default page: a department's open questions in id order. Only the open ones are
  // in this index, so a department with thousands of answered questions reads no closed row
  // (the query repeats the same status list, which both databases need to choose it).
  plugin.migration("0006_queue_open.sql",
                   "CREATE INDEX participation_questions_open ON participation_questions(department, id)"
                   " WHERE status IN ('received','in_progress','forwarded');");
  // What the project's core item holds (title, texts, card) when last written: a poll updates
  // the item only when that changed ('' before this column: the next change writes it once).
  plugin.migration("0007_item_fingerprint.sql",
                   "ALTER TABLE participation_projects ADD COLUMN item_fingerprint TEXT NOT NULL DEFAULT '';");
}

}  // namespace participation
