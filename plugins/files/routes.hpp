#pragma once
#include <quartier/plugin.hpp>

namespace files {

// GET /spaces, POST /departments, GET /spaces/{kind}/{ref} (a folder's listing),
// POST /spaces/{kind}/{ref}/folders (routes_spaces.cpp).
void add_space_routes(quartier::Plugin& plugin);
// POST /spaces/{kind}/{ref}/files: an upload streamed to disk (routes_upload.cpp).
void add_upload_routes(quartier::Plugin& plugin, std::uint64_t max_file_bytes);
// GET|PATCH|DELETE /items/{id}, GET /items/{id}/content and /preview (routes_items.cpp).
void add_item_routes(quartier::Plugin& plugin);
// GET /folders/{id}/zip: a folder as a ZIP written to disk and sent from there (routes_zip.cpp,
// ABI 1.6).
void add_zip_routes(quartier::Plugin& plugin);

}  // namespace files
