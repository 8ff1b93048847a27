#pragma once
// Profile pictures: an upload goes through the media pipeline (sniffed, size and pixel limits,
// re-encoded square without metadata) and is stored by content hash in the media folder. The
// users.avatar column holds the key "<sha256>.<ext>"; the files are <sha256>-<size>.<ext>.
// Two people with the same picture share the files, so files go only when nobody uses them.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include <soci/soci.h>

#include "platform/media/file_store.hpp"
#include "platform/media/image.hpp"

namespace qt::accounts {

struct AvatarSettings {
  std::filesystem::path dir = "data/media";
  media::ImageLimits limits;
  media::ImageFormat format = media::ImageFormat::webp;
};

class Avatars {
 public:
  static constexpr int kSizes[] = {64, 256};
  static constexpr int kDefaultSize = 256;

  explicit Avatars(AvatarSettings settings);

  // Runs the pipeline and stores every size; returns the key. Throws media::UploadError.
  std::string store(std::string_view upload) const;
  // The file of one size, if the key is well-formed and the file is there.
  std::optional<std::filesystem::path> file(std::string_view key, int size) const;
  std::optional<std::string> read(std::string_view key, int size) const;
  // Removes the files of key unless some user still has it (run after the change committed).
  void release_if_unused(soci::session& s, const std::string& key) const;

  static bool valid_size(int size);
  static std::string_view content_type(std::string_view key);  // from the key's extension
  const AvatarSettings& settings() const { return settings_; }

 private:
  AvatarSettings settings_;
  media::FileStore store_;
};

// Where the picture is served: /api/users/<id>/avatar?v=<part of the hash>. The version in the
// URL changes with the picture, so browsers may cache it.
std::string avatar_url(std::int64_t user_id, std::string_view key);

}  // namespace qt::accounts
