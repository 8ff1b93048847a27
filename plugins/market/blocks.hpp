#pragma once
// Blocks between people (the core's): a person does not see listings and business posts written
// by someone they blocked or who blocked them. The viewer's blocks, both ways, are read once per
// request through blocked_users (ABI 1.5), not asked per author.
#include <cstdint>
#include <set>

namespace market {

class BlockFilter {
 public:
  explicit BlockFilter(std::int64_t viewer) : viewer_(viewer) {}
  // True when the viewer and the author block each other in either direction. Anonymous
  // visitors (0) and the viewer's own writing are never hidden.
  bool hides(std::int64_t author);

 private:
  std::int64_t viewer_;
  bool loaded_ = false;
  std::set<std::int64_t> blocked_;
};

}  // namespace market
