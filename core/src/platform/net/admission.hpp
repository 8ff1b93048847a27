#pragma once
// Which new connection may stay: at most `total` connections, and at most `per_address` from one
// client address (0 = no cap; reverse proxies are exempt, the caller says so). The server asks
// before it keeps an accepted socket; beyond the total it first closes the connection that has
// been idle longest (a half-open one, or keep-alive between requests), so a crowd of idle
// sockets cannot lock out a request that means business. Not thread-safe: the server's
// sessions mutex guards it.
#include <cstddef>
#include <string>
#include <unordered_map>

namespace qt::net {

class Admission {
 public:
  struct Limits {
    std::size_t total = 0;
    std::size_t per_address = 0;
  };
  enum class Verdict { admit, over_total, over_address };

  explicit Admission(Limits limits) : limits_(limits) {}

  // What a new connection from `address` gets, given `open` connections now.
  Verdict check(const std::string& address, bool exempt, std::size_t open) const;
  void opened(const std::string& address);
  void closed(const std::string& address);
  const Limits& limits() const { return limits_; }

 private:
  Limits limits_;
  std::unordered_map<std::string, std::size_t> per_address_;
};

}  // namespace qt::net
