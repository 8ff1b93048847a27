#include "migrations.hpp"

namespace files {
namespace {

// Shared by both dialects apart from the id column. A space is (space_kind, space_ref): a
// group's container id, a department space's id, or a person's id for their private space.
// parent_id 0 = the space's top level; the unique index makes a second item of the same name
// in one folder (two uploads at the same moment) fail cleanly instead of doubling.
#define FILES_TABLES(ID)                                                                                  \
  "CREATE TABLE files_departments ("                                                                      \
  "  id " ID ","                                                                                          \
  "  name TEXT NOT NULL UNIQUE,"              /* as staff accounts name their department */              \
  "  created_by BIGINT NOT NULL DEFAULT 0,"                                                               \
  "  created_at BIGINT NOT NULL"                                                                          \
  ");"                                                                                                    \
  "CREATE TABLE files_items ("                                                                            \
  "  id " ID ","                                                                                          \
  "  space_kind TEXT NOT NULL CHECK (space_kind IN ('group','department','person')),"                     \
  "  space_ref BIGINT NOT NULL,"                                                                          \
  "  parent_id BIGINT NOT NULL DEFAULT 0,"                                                                \
  "  is_folder INTEGER NOT NULL,"                                                                         \
  "  name TEXT NOT NULL,"                                                                                 \
  "  blob_key TEXT,"                          /* SHA-256 of the content (files only) */                   \
  "  bytes BIGINT NOT NULL DEFAULT 0,"                                                                    \
  "  mime TEXT NOT NULL DEFAULT '',"          /* sniffed from the content, never from the name */         \
  "  preview_key TEXT,"                       /* a re-encoded picture for images */                       \
  "  owner_id BIGINT NOT NULL DEFAULT 0,"     /* who uploaded or created it; 0 once erased */             \
  "  created_at BIGINT NOT NULL,"                                                                         \
  "  updated_at BIGINT NOT NULL"                                                                          \
  ");"                                                                                                    \
  "CREATE UNIQUE INDEX files_items_name ON files_items(space_kind, space_ref, parent_id, name);"          \
  "CREATE INDEX files_items_parent ON files_items(parent_id);"                                            \
  "CREATE INDEX files_items_owner ON files_items(owner_id);"                                              \
  "CREATE INDEX files_items_blob ON files_items(blob_key);"

#define FILES_VERSIONS(ID)                                                                                \
  "CREATE TABLE files_versions ("                                                                         \
  "  id " ID ","                                                                                          \
  "  item_id BIGINT NOT NULL,"                                                                            \
  "  blob_key TEXT,"                                                                                      \
  "  bytes BIGINT NOT NULL DEFAULT 0,"                                                                    \
  "  mime TEXT NOT NULL DEFAULT '',"                                                                      \
  "  preview_key TEXT,"                                                                                   \
  "  scan_status TEXT NOT NULL DEFAULT 'clean',"                                                          \
  "  uploaded_by BIGINT NOT NULL DEFAULT 0,"                                                              \
  "  created_at BIGINT NOT NULL"              /* when this content was uploaded */                        \
  ");"                                                                                                    \
  "CREATE INDEX files_versions_item ON files_versions(item_id);"                                          \
  "CREATE INDEX files_versions_blob ON files_versions(blob_key);"                                         \
  "ALTER TABLE files_items ADD COLUMN content_by BIGINT NOT NULL DEFAULT 0;"                              \
  "ALTER TABLE files_items ADD COLUMN content_at BIGINT NOT NULL DEFAULT 0;"                              \
  "UPDATE files_items SET content_by = owner_id, content_at = created_at;"

#define FILES_LINKS(ID)                                                                                   \
  "CREATE TABLE files_links ("                                                                            \
  "  id " ID ","                                                                                          \
  "  item_id BIGINT NOT NULL,"                                                                            \
  "  token_hash TEXT NOT NULL UNIQUE,"                                                                    \
  "  password_hash TEXT,"                     /* Argon2id (crypto_pwhash_str); NULL = no password */      \
  "  expires_at BIGINT NOT NULL,"                                                                         \
  "  created_by BIGINT NOT NULL DEFAULT 0,"                                                               \
  "  created_at BIGINT NOT NULL,"                                                                         \
  "  failed_count INTEGER NOT NULL DEFAULT 0,"                                                            \
  "  failed_since BIGINT NOT NULL DEFAULT 0"                                                              \
  ");"                                                                                                    \
  "CREATE INDEX files_links_item ON files_links(item_id);"

}  // namespace

void add_migrations(quartier::Plugin& plugin) {
  plugin.migration("0001_files.sqlite.sql", FILES_TABLES("INTEGER PRIMARY KEY"));
  plugin.migration("0001_files.postgresql.sql", FILES_TABLES("BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"));
  // The trash: a trashed item keeps its row (and blob) for 30 days; its parent_id becomes -id so
  // that its name is free again in the folder it left (trashed_parent remembers that folder).
  plugin.migration("0002_trash.sql",
                   "ALTER TABLE files_items ADD COLUMN deleted_at BIGINT;"
                   "ALTER TABLE files_items ADD COLUMN trashed_parent BIGINT;"
                   "CREATE INDEX files_items_trash ON files_items(deleted_at);");
  // The virus scanner's verdict (scan.hpp): files stored before the hook count as clean.
  plugin.migration("0003_scan.sql", "ALTER TABLE files_items ADD COLUMN scan_status TEXT NOT NULL DEFAULT 'clean';");
  // Versions (versions.hpp): the contents a file had before; who uploaded the current one.
  plugin.migration("0004_versions.sqlite.sql", FILES_VERSIONS("INTEGER PRIMARY KEY"));
  plugin.migration("0004_versions.postgresql.sql", FILES_VERSIONS("BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"));
  // Public links (links.hpp): only the link's SHA-256 is kept; wrong passwords are counted.
  plugin.migration("0005_links.sqlite.sql", FILES_LINKS("INTEGER PRIMARY KEY"));
  plugin.migration("0005_links.postgresql.sql", FILES_LINKS("BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"));
  // Every blob key a row refers to, for `quartier check-blobs` (it reads this view, never this code).
  plugin.migration("0006_blob_refs.sql",
                   "CREATE VIEW files_blob_refs AS"
                   " SELECT blob_key FROM files_items WHERE blob_key IS NOT NULL AND blob_key <> ''"
                   " UNION SELECT preview_key FROM files_items WHERE preview_key IS NOT NULL AND preview_key <> ''"
                   " UNION SELECT blob_key FROM files_versions WHERE blob_key IS NOT NULL AND blob_key <> ''"
                   " UNION SELECT preview_key FROM files_versions WHERE preview_key IS NOT NULL AND preview_key <> '';");
}

}  // namespace files
