#pragma once
// `quartier check-blobs`: compares the stored-file folders with the rows that refer to them.
// The core knows its own references (users.avatar -> [media] dir/avatars/...). A plugin's are
// read, without loading the plugin, from the view <plugin>_blob_refs(blob_key) that its
// migrations create (plugins/README.md, "Blobs and backups"); a plugin with a blob folder but
// no such view is reported as not checked, and its files are never deleted.
#include <string>

#include "platform/config/config.hpp"

namespace qt::backup {

struct BlobCheckOptions {
  bool delete_orphans = false;
  double grace_hours = 24;  // younger unreferenced files may be uploads in flight: kept, not counted
};

// Prints what it finds; returns 0 when all is well, 5 when something is missing, damaged or
// unreferenced (and not deleted).
int run_check_blobs(const config::Config& cfg, const BlobCheckOptions& options);

}  // namespace qt::backup
