#pragma once
// Which addresses count as the public internet, for outbound requests to addresses that people
// chose (a Web Push endpoint): a server must not be made to reach its own machine or network
// (SSRF). Loopback, private (RFC 1918, fc00::/7), link-local, shared (100.64/10), unspecified,
// multicast, reserved and documentation ranges are not public; nor are IPv4-mapped forms of them.
#include <string_view>

#include <boost/asio/ip/address.hpp>
#include <sys/socket.h>

namespace qt::fetch {

bool is_public_address(const boost::asio::ip::address& a);
// For a socket address as libcurl or getaddrinfo give it (false for anything but IPv4/IPv6).
bool is_public_address(const sockaddr* sa);
// True when `host` is an IP literal (with or without IPv6 brackets) that is not public, or a
// name that always means this machine ("localhost", "*.localhost").
bool is_local_host(std::string_view host);

}  // namespace qt::fetch
