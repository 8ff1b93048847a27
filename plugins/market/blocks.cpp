#include "blocks.hpp"

#include <quartier/plugin.hpp>

namespace market {

bool BlockFilter::hides(std::int64_t author) {
  if (viewer_ == 0 || author == viewer_) return false;
  auto it = known_.find(author);
  if (it == known_.end()) it = known_.emplace(author, quartier::blocked(viewer_, author)).first;
  return it->second;
}

}  // namespace market
