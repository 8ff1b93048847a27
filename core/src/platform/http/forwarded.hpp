#pragma once
// The client's address when Quartier runs behind reverse proxies ([server] trusted_proxies):
// a request from a trusted proxy is attributed to the address that proxy put into
// X-Forwarded-For (or, without it, the for= of a standard Forwarded header), so rate limits and
// audit entries see residents, not nginx.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/network_v4.hpp>
#include <boost/asio/ip/network_v6.hpp>

namespace qt::http {

class TrustedProxies {
 public:
  TrustedProxies() = default;
  // Entries are IP addresses or networks in CIDR notation: "127.0.0.1", "10.0.0.0/8", "::1",
  // "fd00::/8". Throws std::invalid_argument naming the entry that is neither.
  explicit TrustedProxies(const std::vector<std::string>& entries);

  // Why entry is not an address or network, or nullopt when it is one (for config checks).
  static std::optional<std::string> problem(const std::string& entry);

  bool empty() const { return v4_.empty() && v6_.empty(); }
  bool contains(const boost::asio::ip::address& a) const;

  // The client's address: remote itself unless remote is a trusted proxy; then the right-most
  // address in forwarded_for (all X-Forwarded-For values, comma-separated) that is not a trusted
  // proxy, as each proxy appends the address it was connected from. A malformed entry stops
  // the walk at the last address that could be trusted.
  std::string client_address(const std::string& remote, std::string_view forwarded_for) const;

  // The for= values of an RFC 7239 Forwarded header (all its values, comma-separated), in order,
  // as an X-Forwarded-For list for client_address(): quotes removed, "unknown" and obfuscated
  // identifiers ("_hidden") kept as entries that are no address, so the walk stops there.
  static std::string forwarded_for_of(std::string_view forwarded);

 private:
  std::vector<boost::asio::ip::network_v4> v4_;
  std::vector<boost::asio::ip::network_v6> v6_;
};

}  // namespace qt::http
