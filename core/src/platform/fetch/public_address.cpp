#include "platform/fetch/public_address.hpp"

#include <array>
#include <cstdint>

#include <netinet/in.h>

namespace qt::fetch {
namespace {

struct V4Range {
  std::uint32_t net;
  int bits;
};

// IANA special-purpose IPv4 ranges that are not the public internet.
constexpr std::array<V4Range, 14> kNotPublicV4{{
    {0x00000000, 8},   // 0.0.0.0/8 "this network"
    {0x0A000000, 8},   // 10/8 private
    {0x64400000, 10},  // 100.64/10 shared (carrier-grade NAT)
    {0x7F000000, 8},   // 127/8 loopback
    {0xA9FE0000, 16},  // 169.254/16 link-local (cloud metadata services)
    {0xAC100000, 12},  // 172.16/12 private
    {0xC0000000, 24},  // 192.0.0/24 protocol assignments
    {0xC0000200, 24},  // 192.0.2/24 documentation
    {0xC0A80000, 16},  // 192.168/16 private
    {0xC6120000, 15},  // 198.18/15 benchmarking
    {0xC6336400, 24},  // 198.51.100/24 documentation
    {0xCB007100, 24},  // 203.0.113/24 documentation
    {0xE0000000, 4},   // 224/4 multicast
    {0xF0000000, 4},   // 240/4 reserved, broadcast
}};

bool public_v4(std::uint32_t a) {
  for (const auto& r : kNotPublicV4) {
    const std::uint32_t mask = r.bits == 0 ? 0 : ~std::uint32_t{0} << (32 - r.bits);
    if ((a & mask) == r.net) return false;
  }
  return true;
}

bool public_v6(const boost::asio::ip::address_v6& a) {
  if (a.is_v4_mapped()) return public_v4(boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, a).to_uint());
  const auto b = a.to_bytes();
  if (a.is_unspecified() || a.is_loopback() || a.is_multicast() || a.is_link_local() || a.is_site_local()) return false;
  if ((b[0] & 0xfe) == 0xfc) return false;                   // fc00::/7 unique local
  if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8) return false;  // 2001:db8::/32 documentation
  if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b) return false;  // 64:ff9b::/96 NAT64
  return (b[0] & 0xe0) == 0x20;  // only 2000::/3 is global unicast
}

}  // namespace

bool is_public_address(const boost::asio::ip::address& a) {
  return a.is_v4() ? public_v4(a.to_v4().to_uint()) : public_v6(a.to_v6());
}

bool is_public_address(const sockaddr* sa) {
  if (!sa) return false;
  if (sa->sa_family == AF_INET) {
    const auto* in = reinterpret_cast<const sockaddr_in*>(sa);
    return public_v4(ntohl(in->sin_addr.s_addr));
  }
  if (sa->sa_family == AF_INET6) {
    const auto* in6 = reinterpret_cast<const sockaddr_in6*>(sa);
    boost::asio::ip::address_v6::bytes_type bytes;
    for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = in6->sin6_addr.s6_addr[i];
    return public_v6(boost::asio::ip::address_v6(bytes));
  }
  return false;
}

bool is_local_host(std::string_view host) {
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  if (host == "localhost" || (host.size() > 10 && host.substr(host.size() - 10) == ".localhost")) return true;
  boost::system::error_code ec;
  const auto a = boost::asio::ip::make_address(std::string(host), ec);
  return !ec && !is_public_address(a);
}

}  // namespace qt::fetch
