#pragma once
// One thing wrong with the configuration, and where the operator finds it.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "platform/config/path.hpp"

namespace qt::config::detail {

// A value came from a line of the file or from an environment variable.
struct Origin {
  std::string file;
  std::uint32_t line = 0;  // 0 = unknown (the file as a whole)
  std::string env_var;     // set when the value came from the environment

  std::string text() const;  // "quartier.toml:7" or "environment QUARTIER_SERVER_THREADS"
};

struct Problem {
  Origin origin;
  std::string text;  // "[server] threads = -2: must be at least 0"

  std::string format() const { return origin.text() + ": " + text; }
};

// Sorted the way an operator reads them: file problems by line, then the environment.
std::vector<std::string> format_sorted(std::vector<Problem> problems);

// Where each value of the document came from.
class SourceMap {
 public:
  explicit SourceMap(std::string file) { root_.file = std::move(file); }

  void set(const Path& path, Origin origin) { map_[path] = std::move(origin); }
  // An override replaces the value and everything below it (e.g. the items of an array).
  void replace_subtree(const Path& path, Origin origin);
  // The origin of path, or of its nearest ancestor that has one, or the file itself.
  const Origin& lookup(Path path) const;
  const Origin* find(const Path& path) const;
  const Origin& root() const { return root_; }

 private:
  std::map<Path, Origin> map_;
  Origin root_;
};

}  // namespace qt::config::detail
