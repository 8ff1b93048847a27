#pragma once
// Versions: uploading a file of the same name into the same folder makes the upload the file's
// current content and keeps the one before as a version (files_versions), up to [plugins.files]
// max_versions per file (the oldest go first). Versions count toward quotas, can be listed,
// downloaded and restored (the chosen one and the current one change places).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <quartier/plugin.hpp>

#include "item.hpp"

namespace files {

// The live (not trashed) item of that name in the folder, if any.
std::optional<Item> item_named(const Space& sp, std::int64_t parent, const std::string& name);
// Makes `fresh` (blob, bytes, mime, preview, scan status) the current content of `it` by
// `user`, keeping the content before as a version; trims to max_versions. In the caller's
// transaction.
void add_version(const Item& it, const Item& fresh, std::int64_t user);
// Removes the versions of these items (their blobs are swept after the commit).
void drop_versions(const std::vector<std::int64_t>& item_ids);
void load_versions();
// GET /items/{id}/versions, GET /items/{id}/versions/{vid}/content,
// POST /items/{id}/versions/{vid}/restore.
void add_version_routes(quartier::Plugin& plugin);

}  // namespace files
