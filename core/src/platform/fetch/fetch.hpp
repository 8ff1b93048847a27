#pragma once
// Outbound HTTP(S) through libcurl, for the plugins' http_fetch: one blocking request with a
// timeout and a cap on the response body, no redirects followed, proxies from the environment
// (http_proxy, https_proxy, no_proxy, read by libcurl). Never call it on an HTTP I/O thread.
#include <cstddef>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace qt::fetch {

struct Request {
  std::string method = "GET";
  std::string url;
  std::vector<std::string> headers;  // "Name: value"
  std::string body;
  long timeout_ms = 10'000;
  std::size_t max_bytes = 1 << 20;
  std::string user_agent;
  // Connect only to public addresses (fetch/public_address.hpp), checked on the address the
  // name resolved to at connect time, so a name that resolves to this machine or network is
  // refused too. Without effect when an outbound proxy is configured (the proxy connects).
  bool public_only = false;
};

struct Response {
  long status = 0;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-case, in order
  std::string header(std::string_view lower_name) const;     // first of that name, "" if none
};

// Why a request got no response.
class Error : public std::runtime_error {
 public:
  enum class Kind { invalid, timeout, too_large, network, not_public };
  Error(Kind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

// The host name of an http:// or https:// URL, lower-case; throws Error(invalid) otherwise.
std::string host_of(const std::string& url);

// Performs the request; throws Error when there is no HTTP response.
Response perform(const Request& request);

}  // namespace qt::fetch
