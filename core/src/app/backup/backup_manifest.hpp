#pragma once
// manifest.json of a full backup: what it holds and the checksum of every file, so that a
// restore can refuse a damaged or incomplete backup before it changes anything.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace qt::backup {

struct ManifestFile {
  std::string path;  // relative to the backup folder, '/'-separated
  std::uint64_t bytes = 0;
  std::string sha256;
};

struct ManifestStore {
  std::string name;  // "media" or a plugin's name
  std::string dir;   // relative to the backup folder: stores/<name>
  std::vector<ManifestFile> files;
};

struct Manifest {
  std::string quartier_version;
  int schema_version = 0;  // the core migrations applied in the database
  std::string created_at;  // UTC, ISO 8601
  std::string dialect;     // "sqlite" or "postgresql"
  bool has_database = false;
  ManifestFile database;  // quartier.db when has_database
  std::vector<ManifestStore> stores;
};

inline constexpr const char* kManifestName = "manifest.json";
inline constexpr const char* kManifestFormat = "quartier-backup/1";

void write_manifest(const Manifest& m, const std::filesystem::path& file);
// Throws std::runtime_error naming the file and what is wrong with it.
Manifest read_manifest(const std::filesystem::path& file);
// Every file of the manifest that is missing, of another size or another checksum, one line each.
std::vector<std::string> damaged_files(const Manifest& m, const std::filesystem::path& dir);

}  // namespace qt::backup
