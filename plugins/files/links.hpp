#pragma once
// Public links: a file or folder shared with people without an account, by a link with an
// expiry and an optional password. Only the link's SHA-256 is stored (the link itself is shown
// once); passwords are hashed with libsodium's Argon2id (crypto_pwhash_str). A link stops at
// once when revoked (its row goes), when it expires, when the item is trashed or deleted, or
// when its group is no longer public. Wrong passwords are limited per link (5 in 15 minutes).
#include <cstdint>
#include <vector>

#include <quartier/plugin.hpp>

namespace files {

// POST|GET /items/{id}/links, DELETE /links/{id}; the public GET /public/{token},
// POST /public/{token}/unlock, GET /public/{token}/content.
void add_link_routes(quartier::Plugin& plugin);
// The public routes (links_public.cpp).
void add_public_link_routes(quartier::Plugin& plugin);
// Removes the links of these items (they are being deleted).
void drop_links(const std::vector<std::int64_t>& item_ids);

}  // namespace files
