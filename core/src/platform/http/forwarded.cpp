#include "platform/http/forwarded.hpp"

#include <stdexcept>

namespace qt::http {

namespace ip = boost::asio::ip;

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// IPv4-mapped IPv6 addresses (a dual-stack listener's view of IPv4 peers) count as IPv4.
ip::address normalise(const ip::address& a) {
  if (a.is_v6() && a.to_v6().is_v4_mapped()) return ip::make_address_v4(ip::v4_mapped, a.to_v6());
  return a;
}

std::optional<ip::address> parse_address(std::string_view text) {
  text = trim(text);
  // "[::1]" and "[::1]:port" as some proxies write them; "1.2.3.4:port" likewise.
  if (!text.empty() && text.front() == '[') {
    const auto close = text.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    text = text.substr(1, close - 1);
  } else if (text.find(':') != std::string_view::npos && text.find(':') == text.rfind(':') &&
             text.find('.') != std::string_view::npos) {
    text = text.substr(0, text.find(':'));
  }
  boost::system::error_code ec;
  const auto a = ip::make_address(std::string(text), ec);
  if (ec) return std::nullopt;
  return normalise(a);
}

}  // namespace

std::optional<std::string> TrustedProxies::problem(const std::string& entry) {
  boost::system::error_code ec;
  if (entry.find('/') == std::string::npos) {
    ip::make_address(entry, ec);
    if (ec) return "not an IP address or network; write e.g. \"127.0.0.1\", \"::1\" or \"10.0.0.0/8\"";
    return std::nullopt;
  }
  if (entry.find(':') == std::string::npos) {
    const auto net = ip::make_network_v4(entry, ec);
    if (ec) return "not an IPv4 network; write e.g. \"10.0.0.0/8\"";
    if (net.network() != net.address()) return "has host bits set; the network is " + net.canonical().to_string();
  } else {
    const auto net = ip::make_network_v6(entry, ec);
    if (ec) return "not an IPv6 network; write e.g. \"fd00::/8\"";
    if (net.network() != net.address()) return "has host bits set; the network is " + net.canonical().to_string();
  }
  return std::nullopt;
}

TrustedProxies::TrustedProxies(const std::vector<std::string>& entries) {
  for (const auto& e : entries) {
    if (auto why = problem(e)) throw std::invalid_argument("trusted proxy \"" + e + "\": " + *why);
    if (e.find('/') == std::string::npos) {
      const auto a = normalise(ip::make_address(e));
      if (a.is_v4())
        v4_.emplace_back(a.to_v4(), 32);
      else
        v6_.emplace_back(a.to_v6(), 128);
    } else if (e.find(':') == std::string::npos) {
      v4_.push_back(ip::make_network_v4(e));
    } else {
      v6_.push_back(ip::make_network_v6(e));
    }
  }
}

bool TrustedProxies::contains(const ip::address& address) const {
  const auto a = normalise(address);
  if (a.is_v4()) {
    const ip::network_v4 host(a.to_v4(), 32);
    for (const auto& n : v4_)
      if (host == n || host.is_subnet_of(n)) return true;
  } else {
    const ip::network_v6 host(a.to_v6(), 128);
    for (const auto& n : v6_)
      if (host == n || host.is_subnet_of(n)) return true;
  }
  return false;
}

std::string TrustedProxies::client_address(const std::string& remote, std::string_view forwarded_for) const {
  if (empty() || forwarded_for.empty()) return remote;
  const auto peer = parse_address(remote);
  if (!peer || !contains(*peer)) return remote;
  std::string client = peer->to_string();
  // Right to left: each hop appended the address it saw.
  std::string_view rest = forwarded_for;
  while (!rest.empty()) {
    const auto comma = rest.rfind(',');
    const auto item = comma == std::string_view::npos ? rest : rest.substr(comma + 1);
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(0, comma);
    if (trim(item).empty()) continue;
    const auto a = parse_address(item);
    if (!a) break;
    client = a->to_string();
    if (!contains(*a)) break;
  }
  return client;
}

std::string TrustedProxies::forwarded_for_of(std::string_view forwarded) {
  // Elements are separated by commas, their pairs by semicolons; a value may be a quoted string
  // (IPv6 with brackets and ports must be), in which separators do not count.
  std::string out, name, value;
  std::optional<std::string> element_for;  // this element's for=, once seen
  bool in_value = false, quoted = false;
  const auto end_pair = [&] {
    if (in_value && trim(name) == "for") element_for = std::string(trim(value));
    name.clear();
    value.clear();
    in_value = false;
  };
  const auto end_element = [&] {
    end_pair();
    if (element_for) out += (out.empty() ? "" : ",") + (element_for->empty() ? std::string("unknown") : *element_for);
    element_for.reset();
  };
  for (std::size_t i = 0; i < forwarded.size(); ++i) {
    const char c = forwarded[i];
    if (quoted) {
      if (c == '"') quoted = false;
      else value += (c == '\\' && i + 1 < forwarded.size()) ? forwarded[++i] : c;
    } else if (c == '"' && in_value) {
      quoted = true;
    } else if (c == ';') {
      end_pair();
    } else if (c == ',') {
      end_element();
    } else if (c == '=' && !in_value) {
      in_value = true;
    } else {
      (in_value ? value : name) += static_cast<char>(!in_value && c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
  }
  end_element();
  return out;
}

}  // namespace qt::http
