#include "platform/config/problem.hpp"

#include <algorithm>
#include <limits>
#include <tuple>

namespace qt::config::detail {

std::string Origin::text() const {
  if (!env_var.empty()) return "environment " + env_var;
  if (line == 0) return file;
  return file + ":" + std::to_string(line);
}

std::vector<std::string> format_sorted(std::vector<Problem> problems) {
  auto rank = [](const Problem& p) {
    const bool env = !p.origin.env_var.empty();
    const std::uint32_t line = p.origin.line == 0 ? std::numeric_limits<std::uint32_t>::max() : p.origin.line;
    return std::make_tuple(env, env ? 0u : line, p.origin.env_var);
  };
  std::stable_sort(problems.begin(), problems.end(),
                   [&](const Problem& a, const Problem& b) { return rank(a) < rank(b); });
  std::vector<std::string> out;
  out.reserve(problems.size());
  for (const auto& p : problems) out.push_back(p.format());
  return out;
}

void SourceMap::replace_subtree(const Path& path, Origin origin) {
  for (auto it = map_.lower_bound(path); it != map_.end();) {
    const Path& key = it->first;
    if (key.size() < path.size() || !std::equal(path.begin(), path.end(), key.begin())) break;
    it = map_.erase(it);
  }
  map_[path] = std::move(origin);
}

const Origin* SourceMap::find(const Path& path) const {
  auto it = map_.find(path);
  return it == map_.end() ? nullptr : &it->second;
}

const Origin& SourceMap::lookup(Path path) const {
  while (!path.empty()) {
    if (const Origin* o = find(path)) return *o;
    path.pop_back();
  }
  return root_;
}

}  // namespace qt::config::detail
