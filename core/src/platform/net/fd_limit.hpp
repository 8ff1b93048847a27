#pragma once
// The process's limit of open files. Debian's systemd default soft limit is 1024, which about
// 1,100 idle connections exhaust; the hard limit is usually far higher and ours to take.
#include <cstddef>
#include <cstdint>

namespace qt::net {

struct FdLimit {
  std::uint64_t before = 0;  // soft limit found at start
  std::uint64_t soft = 0;    // soft limit now
  std::uint64_t hard = 0;
};

// Raises the soft RLIMIT_NOFILE to the hard one (capped at 1,048,576) and reports both.
FdLimit raise_fd_limit();

// How many client connections fit into `soft` descriptors, keeping room for the database
// connections, log and media files, plugins and outgoing mail: an eighth, at least 64.
std::size_t connection_budget(std::uint64_t soft);

}  // namespace qt::net
