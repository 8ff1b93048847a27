#pragma once
// A plugin's blob store: files named by the SHA-256 of their content under one folder,
// <root>/blobs/<key[0..2]>/<key>, with <root>/tmp for uploads on their way in (same file
// system, so taking one in is a rename). Content is hashed while it is read once from disk,
// never held in memory; writes are atomic (fsync, then rename), the same content is kept once.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace qt::media {

struct BlobInfo {
  std::string key;  // 64 lower-case hex digits
  std::uint64_t bytes = 0;
  std::string mime;  // sniffed from the first bytes
};

class BlobStore {
 public:
  explicit BlobStore(std::filesystem::path root) : root_(std::move(root)) {}

  const std::filesystem::path& root() const { return root_; }
  std::filesystem::path tmp_dir() const { return root_ / "tmp"; }
  // Throws std::invalid_argument for a key that is not 64 lower-case hex digits.
  std::filesystem::path path_of(std::string_view key) const;

  // Takes a file from tmp_dir() into the store (moved; removed if the content is there already).
  // Throws std::invalid_argument for a file outside tmp_dir(), std::runtime_error on disk errors.
  BlobInfo put_file(const std::filesystem::path& file) const;
  BlobInfo put_bytes(std::string_view bytes) const;
  std::optional<BlobInfo> stat(std::string_view key) const;
  void remove(std::string_view key) const;  // unknown keys are fine

  static bool valid_key(std::string_view key);

 private:
  BlobInfo take(const std::filesystem::path& file) const;
  std::filesystem::path root_;
};

// The SHA-256 of a file's content (hex), read in 1 MiB steps. Throws std::runtime_error.
std::string file_sha256(const std::filesystem::path& file);
// The type libmagic reads from the first 64 KiB of a file.
std::string sniff_file(const std::filesystem::path& file);

}  // namespace qt::media
