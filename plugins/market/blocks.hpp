#pragma once
// Blocks between people (the core's, through the ABI's `blocked` check): a person does not see
// listings and business posts written by someone they blocked or who blocked them. The ABI has
// no view of the blocks table, so each author is asked once per request and remembered.
#include <cstdint>
#include <map>

namespace market {

class BlockFilter {
 public:
  explicit BlockFilter(std::int64_t viewer) : viewer_(viewer) {}
  // True when the viewer and the author block each other in either direction. Anonymous
  // visitors (0) and the viewer's own writing are never hidden.
  bool hides(std::int64_t author);

 private:
  std::int64_t viewer_;
  std::map<std::int64_t, bool> known_;
};

}  // namespace market
