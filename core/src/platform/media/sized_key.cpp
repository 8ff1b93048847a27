#include "platform/media/sized_key.hpp"

namespace qt::media {

std::optional<std::pair<std::string_view, std::string_view>> split_sized_key(std::string_view key) {
  const auto dot = key.find('.');
  if (dot != 64 || key.size() > 70) return std::nullopt;
  const auto hash = key.substr(0, 64), ext = key.substr(65);
  for (char c : hash)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return std::nullopt;
  if (ext != "webp" && ext != "jpg") return std::nullopt;
  return std::pair{hash, ext};
}

std::string sized_file_name(std::string_view hash, int size, std::string_view ext) {
  return std::string(hash) + "-" + std::to_string(size) + "." + std::string(ext);
}

std::string_view sized_key_type(std::string_view key) {
  auto parts = split_sized_key(key);
  if (parts && parts->second == "jpg") return "image/jpeg";
  return "image/webp";
}

}  // namespace qt::media
