#include "app/backup/blob_stores.hpp"

#include <algorithm>

#include "platform/db/url.hpp"

namespace qt::backup {
namespace fs = std::filesystem;

fs::path store_root(const config::Config& cfg, const std::string& name) {
  if (name == "media") return cfg.media.dir;
  if (auto it = cfg.plugins.sections.find(name); it != cfg.plugins.sections.end())
    if (const auto* dir = it->second.if_contains("dir"); dir && dir->is_string() && !dir->as_string().empty())
      return std::string(dir->as_string());
  // The plugin host's default (host_api_files.cpp): data/<name> next to data/media.
  return fs::path(cfg.media.dir).parent_path() / name;
}

std::vector<StoreDir> store_dirs(const config::Config& cfg) {
  std::vector<StoreDir> out{{"media", store_root(cfg, "media"), false}};
  for (const auto& name : cfg.plugins.enabled) out.push_back({name, store_root(cfg, name), true});
  return out;
}

std::vector<StoredFile> stored_files(const fs::path& root) {
  std::vector<StoredFile> out;
  std::error_code ec;
  if (!fs::is_directory(root, ec)) return out;
  for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    const auto rel = it->path().lexically_relative(root);
    if (it.depth() == 0 && it->is_directory() && rel == "tmp") {  // uploads on their way in
      it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file() || it->path().filename().string().rfind(".tmp-", 0) == 0) continue;
    out.push_back({rel.generic_string(), it->file_size()});
  }
  if (ec) throw std::runtime_error("Cannot read the folder " + root.string() + ": " + ec.message());
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
  return out;
}

bool store_empty(const fs::path& root) { return stored_files(root).empty(); }

fs::path sqlite_file(const config::Config& cfg) {
  const auto url = db::parse_url(cfg.database.url);
  return url.dialect == db::Dialect::sqlite && !url.memory ? fs::path(url.target) : fs::path();
}

}  // namespace qt::backup
