#pragma once
// Serves a folder of built frontend files: Content-Type by extension, ETag + If-None-Match,
// cache headers (hashed assets immutable, HTML revalidated), precompressed .gz variants, and the
// index.html fallback for client-side routes. Paths are confined to the folder.
#include <filesystem>
#include <optional>

#include "platform/http/request.hpp"
#include "platform/http/response.hpp"

namespace qt::http {

class StaticFiles {
 public:
  // root may not exist yet (frontend not built): then every lookup is empty and a hint is logged.
  explicit StaticFiles(std::filesystem::path root, bool spa_fallback = true);

  // nullopt when the path is not a file here (and no fallback applies).
  std::optional<Response> serve(const Request& req, std::string_view rel_path) const;
  const std::filesystem::path& root() const { return root_; }

 private:
  std::optional<std::filesystem::path> resolve(std::string_view rel_path) const;
  std::filesystem::path root_;
  bool spa_fallback_;
};

std::string_view content_type_for(const std::filesystem::path& p);

}  // namespace qt::http
