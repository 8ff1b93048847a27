#pragma once
// Files compiled into the binary by cmake/Embed.cmake (migrations, config schema).
#include <optional>
#include <span>
#include <string_view>

namespace qt::embedded {

struct File {
  std::string_view name;  // path relative to schemas/, e.g. "migrations/0001_core.sql"
  std::string_view data;
};

// All embedded files, sorted by name.
std::span<const File> files();

inline std::optional<std::string_view> find(std::string_view name) {
  for (const auto& f : files())
    if (f.name == name) return f.data;
  return std::nullopt;
}

}  // namespace qt::embedded
