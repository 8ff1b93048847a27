#include "blocks.hpp"

#include <quartier/plugin.hpp>

namespace market {

bool BlockFilter::hides(std::int64_t author) {
  if (viewer_ == 0 || author == viewer_) return false;
  if (!loaded_) {  // one host call per request, and only when an author is asked about
    for (auto id : quartier::blocked_users(viewer_)) blocked_.insert(id);
    loaded_ = true;
  }
  return blocked_.count(author) > 0;
}

}  // namespace market
