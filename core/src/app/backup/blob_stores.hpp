#pragma once
// The folders of stored files that belong with the database: the core's [media] dir (profile
// pictures under avatars/) and the blob store of each enabled plugin ([plugins.<name>] dir, by
// default next to the media folder, as the plugin host places it). Read from the configuration
// only: no plugin is loaded.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "platform/config/config.hpp"

namespace qt::backup {

struct StoreDir {
  std::string name;            // "media" or the plugin's name
  std::filesystem::path root;  // where this configuration keeps it
  bool plugin = false;
};

// The core's media folder first, then each enabled plugin's store.
std::vector<StoreDir> store_dirs(const config::Config& cfg);
// The folder that holds a store called `name` in this configuration.
std::filesystem::path store_root(const config::Config& cfg, const std::string& name);

struct StoredFile {
  std::string path;  // relative to the store's root, '/'-separated
  std::uint64_t bytes = 0;
};

// The finished files of a store (uploads in flight under tmp/ and ".tmp-" files left out),
// sorted by path. A missing folder is an empty store.
std::vector<StoredFile> stored_files(const std::filesystem::path& root);
// True when the folder holds no finished file.
bool store_empty(const std::filesystem::path& root);

// The SQLite database file of a "sqlite:" URL; empty for PostgreSQL.
std::filesystem::path sqlite_file(const config::Config& cfg);

}  // namespace qt::backup
