#pragma once
// `quartier backup TARGET` and `quartier restore DIR`.
//   backup FILE.db  the SQLite database alone, as one consistent snapshot (as before).
//   backup DIR      a full backup into a new folder: the database snapshot first (quartier.db;
//                   on PostgreSQL none, pg_dump is the operator's step before), then every
//                   file of the stored-file folders (stores/<name>/...), then manifest.json
//                   with sizes, SHA-256 sums, the Quartier and schema versions. Stored files
//                   are immutable and named by content, so copying them after the snapshot
//                   is consistent while the server runs: every file the snapshot refers to is
//                   there, later ones are harmless extras (check-blobs finds them).
//   restore DIR     checks every file against the manifest first, refuses a damaged backup
//                   naming the file, and refuses a non-empty database or store unless --force.
#include <CLI/CLI.hpp>

#include "app/cli/commands.hpp"

namespace qt::cli {

void add_backup_commands(CLI::App& app, Context& ctx);

}  // namespace qt::cli
