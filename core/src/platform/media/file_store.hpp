#pragma once
// Stored uploads: files named by the SHA-256 of their content, under the configured media folder
// (by default data/media, never inside the web root), fanned out by the first two hex digits.
// Names are generated here, never taken from the upload; writes are atomic (temp file + rename).
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace qt::media {

class FileStore {
 public:
  // The folder is created (owner-only) on the first put(), so merely configuring it costs nothing.
  explicit FileStore(std::filesystem::path root) : root_(std::move(root)) {}

  const std::filesystem::path& root() const { return root_; }

  // <root>/<area>/<name[0..2]>/<name>. area and name must be safe_name()s (std::invalid_argument).
  std::filesystem::path path_of(std::string_view area, std::string_view name) const;
  // Writes the bytes there unless the file exists already (same name = same content).
  std::filesystem::path put(std::string_view area, std::string_view name, std::string_view bytes) const;
  std::optional<std::string> read(std::string_view area, std::string_view name) const;
  bool exists(std::string_view area, std::string_view name) const;
  void remove(std::string_view area, std::string_view name) const;  // missing files are fine

  // Lower-case hex SHA-256 (64 characters).
  static std::string content_key(std::string_view bytes);
  // 3..100 characters of a-z, 0-9, '.', '-' and '_', not starting with '.'.
  static bool safe_name(std::string_view name);

 private:
  std::filesystem::path root_;
};

}  // namespace qt::media
