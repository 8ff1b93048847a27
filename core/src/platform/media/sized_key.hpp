#pragma once
// Keys of pictures kept in several sizes (profile pictures, pictures in posts): "<sha256>.<ext>"
// names the upload, "<sha256>-<size>.<ext>" each of its files in the media folder.
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace qt::media {

// "<64 hex>.<webp|jpg>" -> ("<64 hex>", "<ext>"); nullopt for anything else.
std::optional<std::pair<std::string_view, std::string_view>> split_sized_key(std::string_view key);
std::string sized_file_name(std::string_view hash, int size, std::string_view ext);
// From the key's extension: "image/jpeg" or "image/webp".
std::string_view sized_key_type(std::string_view key);

}  // namespace qt::media
