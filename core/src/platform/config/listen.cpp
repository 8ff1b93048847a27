#include "platform/config/listen.hpp"

#include <arpa/inet.h>

#include <charconv>

namespace qt::config {

namespace {

bool is_ipv4(const std::string& s) {
  in_addr a{};
  return inet_pton(AF_INET, s.c_str(), &a) == 1;
}

bool is_ipv6(const std::string& s) {
  in6_addr a{};
  return inet_pton(AF_INET6, s.c_str(), &a) == 1;
}

}  // namespace

std::optional<ListenAddress> parse_listen(std::string_view text, std::string& why) {
  std::string host;
  std::string_view port_text;
  if (!text.empty() && text.front() == '[') {
    const auto close = text.find(']');
    if (close == std::string_view::npos || close + 1 >= text.size() || text[close + 1] != ':') {
      why = "an IPv6 address is written [address]:port";
      return std::nullopt;
    }
    host = std::string(text.substr(1, close - 1));
    port_text = text.substr(close + 2);
    if (!is_ipv6(host)) {
      why = "\"" + host + "\" is not an IPv6 address";
      return std::nullopt;
    }
  } else {
    const auto colon = text.rfind(':');
    if (colon == std::string_view::npos) {
      why = "the port is missing";
      return std::nullopt;
    }
    host = std::string(text.substr(0, colon));
    port_text = text.substr(colon + 1);
    if (host.find(':') != std::string::npos) {
      why = "an IPv6 address needs brackets: [address]:port";
      return std::nullopt;
    }
    if (host == "localhost") {
      host = "127.0.0.1";
    } else if (!is_ipv4(host)) {
      why = host.empty() ? "the host is missing (0.0.0.0 listens on every IPv4 address)"
                         : "\"" + host + "\" is neither an IPv4 address nor localhost";
      return std::nullopt;
    }
  }
  unsigned port = 0;
  auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (port_text.empty() || ec != std::errc{} || end != port_text.data() + port_text.size() || port > 65535) {
    why = "the port must be a number from 0 to 65535";
    return std::nullopt;
  }
  return ListenAddress{host, static_cast<std::uint16_t>(port)};
}

}  // namespace qt::config
