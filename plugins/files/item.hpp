#pragma once
// Folders and files in a space (files_items) and the rules for their names.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <boost/json.hpp>
#include <quartier/plugin.hpp>

#include "space.hpp"

namespace files {

struct Item {
  std::int64_t id = 0;
  std::string space_kind;
  std::int64_t space_ref = 0;
  std::int64_t parent_id = 0;  // 0 = the top level
  bool is_folder = false;
  std::string name;
  std::string blob_key, mime, preview_key;
  std::int64_t bytes = 0;
  std::int64_t owner_id = 0;
  std::int64_t created_at = 0, updated_at = 0;
  std::int64_t deleted_at = 0;      // in the trash since (0 = not)
  std::int64_t trashed_parent = 0;  // the folder it was in before
  std::string scan_status = "clean";
  std::int64_t content_by = 0, content_at = 0;  // who uploaded the current content, when  // "pending" (held back), "clean", "blocked" (scan.hpp)
};

inline constexpr std::size_t kMaxNameChars = 200;

std::optional<Item> find_item(std::int64_t id);
// The item with the space it lives in, as the request's person sees it (404 otherwise, also
// for an item in the trash unless `trashed` is true).
std::pair<Item, Space> open_item(const quartier::Request& req, std::int64_t id, bool trashed = false);
std::vector<Item> children(std::string_view kind, std::int64_t ref, std::int64_t parent);
// The folders from the top down to `folder` (empty for the top level).
std::vector<Item> folder_path(std::int64_t folder);
// A folder of this space, or 0 for the top level; HttpError 400 otherwise.
std::int64_t checked_folder(const Space& sp, std::int64_t folder);
// A name as typed, trimmed; HttpError 400 for invalid UTF-8, control or invisible characters,
// '/', '\', "." or "..", an empty name or one over kMaxNameChars characters.
std::string clean_item_name(std::string_view raw);
[[noreturn]] void name_taken();
// HttpError 409 when the folder already holds an item of that name (other than `except`).
void check_free(const Space& sp, std::int64_t parent, const std::string& name, std::int64_t except = 0);
// Inserts the row (409 when a concurrent request took the name first); returns its id.
std::int64_t insert_item(const Item& it);
boost::json::object item_json(const Item& it);
// HttpError 423 unless the file's content may be served (its scan said "clean").
void check_servable(const Item& it);

}  // namespace files
