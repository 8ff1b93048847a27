#pragma once
// [server] listen: "127.0.0.1:8080", "[::1]:8080", "localhost:8080".
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace qt::config {

struct ListenAddress {
  std::string host;  // an IP literal without brackets; localhost becomes 127.0.0.1
  std::uint16_t port = 0;
};

// The address, or nullopt with why set to what is wrong.
std::optional<ListenAddress> parse_listen(std::string_view text, std::string& why);

}  // namespace qt::config
