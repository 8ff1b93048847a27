#include "platform/push/endpoint.hpp"

#include <boost/url/parse.hpp>

#include "platform/fetch/public_address.hpp"
#include "platform/push/keys.hpp"

namespace qt::push {
namespace {

boost::urls::url_view parsed(const std::string& url) {
  auto u = boost::urls::parse_absolute_uri(url);
  if (!u) throw PushError("endpoint is not an absolute URL");
  return *u;
}

}  // namespace

void check_endpoint(const std::string& url, bool allow_local) {
  if (url.empty() || url.size() > kMaxEndpoint)
    throw PushError("endpoint must be a URL of at most " + std::to_string(kMaxEndpoint) + " characters");
  const auto u = parsed(url);
  const std::string scheme(u.scheme());
  if (scheme != "https" && !(allow_local && scheme == "http")) throw PushError("endpoint must be an https URL");
  if (u.has_userinfo()) throw PushError("endpoint must not carry a user name or password");
  const std::string host(u.encoded_host());
  if (host.empty()) throw PushError("endpoint has no host");
  if (!allow_local && fetch::is_local_host(host))
    throw PushError("endpoint must be on a public push service, not on a local or private address");
}

std::string audience_of(const std::string& url) {
  const auto u = parsed(url);
  std::string out = std::string(u.scheme()) + "://" + std::string(u.encoded_host_and_port());
  return out;
}

std::string host_of(const std::string& url) {
  try {
    return std::string(parsed(url).encoded_host());
  } catch (const PushError&) {
    return {};
  }
}

}  // namespace qt::push
