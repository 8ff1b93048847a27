// [server] trusted_proxies: which address a request counts as when it comes through proxies.
#include <catch2/catch.hpp>

#include <stdexcept>

#include "platform/config/config.hpp"
#include "platform/http/forwarded.hpp"

using qt::http::TrustedProxies;

TEST_CASE("forwarded: without trusted proxies X-Forwarded-For is ignored", "[forwarded]") {
  const TrustedProxies none;
  CHECK(none.client_address("127.0.0.1", "203.0.113.7") == "127.0.0.1");
}

TEST_CASE("forwarded: a trusted proxy's X-Forwarded-For names the client", "[forwarded]") {
  const TrustedProxies p({"127.0.0.1", "10.0.0.0/8", "fd00::/8"});
  CHECK(p.client_address("127.0.0.1", "203.0.113.7") == "203.0.113.7");
  // Right to left, skipping trusted hops; whatever the client wrote itself further left is not believed.
  CHECK(p.client_address("127.0.0.1", "198.51.100.1, 203.0.113.7, 10.1.2.3") == "203.0.113.7");
  CHECK(p.client_address("127.0.0.1", "198.51.100.1,203.0.113.7") == "203.0.113.7");
  // An untrusted peer cannot choose its address.
  CHECK(p.client_address("192.0.2.9", "203.0.113.7") == "192.0.2.9");
  // Only trusted hops: the left-most of them.
  CHECK(p.client_address("127.0.0.1", "10.0.0.5, 10.0.0.6") == "10.0.0.5");
  // A malformed entry ends the walk at the last address seen.
  CHECK(p.client_address("127.0.0.1", "203.0.113.7, bogus") == "127.0.0.1");
  CHECK(p.client_address("127.0.0.1", "bogus, 203.0.113.7") == "203.0.113.7");
  // Ports and brackets as some proxies write them; IPv6; IPv4-mapped peers.
  CHECK(p.client_address("127.0.0.1", "203.0.113.7:5123") == "203.0.113.7");
  CHECK(p.client_address("127.0.0.1", "[2001:db8::1]:443") == "2001:db8::1");
  CHECK(p.client_address("fd12::1", "2001:db8::1") == "2001:db8::1");
  CHECK(p.client_address("::ffff:127.0.0.1", "203.0.113.7") == "203.0.113.7");
  CHECK(p.client_address("127.0.0.1", "") == "127.0.0.1");
}

TEST_CASE("forwarded: the for= values of an RFC 7239 Forwarded header", "[forwarded]") {
  CHECK(TrustedProxies::forwarded_for_of("for=192.0.2.60;proto=http;by=203.0.113.43") == "192.0.2.60");
  CHECK(TrustedProxies::forwarded_for_of("for=192.0.2.43, for=198.51.100.17") == "192.0.2.43,198.51.100.17");
  CHECK(TrustedProxies::forwarded_for_of("For=\"[2001:db8:cafe::17]:4711\"") == "[2001:db8:cafe::17]:4711");
  CHECK(TrustedProxies::forwarded_for_of("proto=https;for=\"198.51.100.1\";host=a") == "198.51.100.1");
  CHECK(TrustedProxies::forwarded_for_of("for=unknown, for=_hidden") == "unknown,_hidden");
  CHECK(TrustedProxies::forwarded_for_of("by=10.0.0.1") == "");
  CHECK(TrustedProxies::forwarded_for_of("") == "");
  // Through client_address as the server does it: right to left, untrusted and hidden hops stop.
  const TrustedProxies p({"127.0.0.1", "10.0.0.0/8"});
  CHECK(p.client_address("127.0.0.1", TrustedProxies::forwarded_for_of("for=198.51.100.1, for=203.0.113.7;proto=https")) ==
        "203.0.113.7");
  CHECK(p.client_address("127.0.0.1", TrustedProxies::forwarded_for_of("for=\"[2001:db8::1]:443\", for=10.0.0.2")) ==
        "2001:db8::1");
  CHECK(p.client_address("127.0.0.1", TrustedProxies::forwarded_for_of("for=203.0.113.7, for=_hidden")) == "127.0.0.1");
}

TEST_CASE("forwarded: entries must be addresses or networks without host bits", "[forwarded]") {
  CHECK_FALSE(TrustedProxies::problem("::1"));
  CHECK_FALSE(TrustedProxies::problem("192.168.0.0/16"));
  CHECK(TrustedProxies::problem("localhost").value_or("").find("not an IP address") != std::string::npos);
  CHECK(TrustedProxies::problem("10.0.0.1/8").value_or("").find("10.0.0.0/8") != std::string::npos);
  CHECK(TrustedProxies::problem("10.0.0.0/33"));
  CHECK_THROWS_AS(TrustedProxies({"nginx"}), std::invalid_argument);
}

TEST_CASE("forwarded: check-config names a bad trusted_proxies entry", "[forwarded][config]") {
  std::vector<std::string> problems;
  try {
    qt::config::load_string("[server]\ntrusted_proxies = [\"127.0.0.1\", \"nginx\"]\n", "quartier.toml", {});
  } catch (const qt::config::ConfigError& e) {
    problems = e.problems();
  }
  INFO(Catch::Detail::stringify(problems));
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].rfind("quartier.toml:2: [server] trusted_proxies: \"nginx\" is not an IP address", 0) == 0);
  // Through the environment, as a comma-separated list.
  const auto c = qt::config::load_string("", "quartier.toml", {{"QUARTIER_SERVER_TRUSTED_PROXIES", "127.0.0.1,::1"}});
  CHECK(c.server.trusted_proxies == std::vector<std::string>{"127.0.0.1", "::1"});
}
