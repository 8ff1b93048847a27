#include "platform/net/fd_limit.hpp"

#include <sys/resource.h>

#include <algorithm>

namespace qt::net {

FdLimit raise_fd_limit() {
  FdLimit r;
  rlimit lim{};
  if (getrlimit(RLIMIT_NOFILE, &lim) != 0) return r;
  constexpr rlim_t kCeiling = 1048576;  // beyond this, per-connection memory is the real limit
  r.before = lim.rlim_cur;
  r.hard = lim.rlim_max;
  const rlim_t want = lim.rlim_max == RLIM_INFINITY ? kCeiling : std::min(lim.rlim_max, kCeiling);
  if (want > lim.rlim_cur) {
    rlimit raised = lim;
    raised.rlim_cur = want;
    if (setrlimit(RLIMIT_NOFILE, &raised) == 0) lim.rlim_cur = want;
  }
  r.soft = lim.rlim_cur;
  return r;
}

std::size_t connection_budget(std::uint64_t soft) {
  const std::uint64_t reserve = std::max<std::uint64_t>(128, soft / 8);
  if (soft <= reserve + 64) return 64;
  return static_cast<std::size_t>(soft - reserve);
}

}  // namespace qt::net
