#include "ice.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <stdexcept>

#include <boost/json.hpp>
#include <quartier/plugin.hpp>
#include <sodium.h>

namespace video {
namespace {

bool is_turn(std::string_view url) { return url.starts_with("turn:") || url.starts_with("turns:"); }

std::int64_t ttl_seconds() {
  const auto v = quartier::config("turn_ttl_seconds");
  return std::clamp<std::int64_t>(v ? std::stoll(std::string(*v)) : 3600, 300, 86400);
}

}  // namespace

std::string turn_password(std::string_view secret, std::string_view username) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (!HMAC(EVP_sha1(), secret.data(), static_cast<int>(secret.size()), reinterpret_cast<const unsigned char*>(username.data()),
            username.size(), mac, &len))
    throw std::runtime_error("video: HMAC-SHA1 for the TURN credential failed");
  std::string out(sodium_base64_encoded_len(len, sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), mac, len, sodium_base64_VARIANT_ORIGINAL);
  out.resize(std::char_traits<char>::length(out.c_str()));
  return out;
}

boost::json::array ice_servers(std::int64_t now_seconds, std::string_view tag) {
  boost::json::array out;
  auto v = quartier::config("ice_servers");
  if (!v) return out;
  boost::system::error_code ec;
  auto list = boost::json::parse(*v, ec);
  if (ec || !list.is_array()) return out;
  const auto secret = quartier::config("turn_secret").value_or("");
  const std::string username = std::to_string(now_seconds + ttl_seconds()) + ":" + std::string(tag);
  for (const auto& url : list.as_array()) {
    if (!url.is_string()) continue;
    boost::json::object server{{"urls", url}};
    if (!secret.empty() && is_turn(url.as_string())) {
      server["username"] = username;
      server["credential"] = turn_password(secret, username);
    }
    out.push_back(std::move(server));
  }
  return out;
}

}  // namespace video
