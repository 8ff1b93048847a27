#include "plugin_host/live/guest_token.hpp"

#include <array>
#include <stdexcept>
#include <vector>

#include <boost/json.hpp>
#include <sodium.h>

namespace qt::plugin_host {

namespace {
constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;

std::string b64(const unsigned char* data, std::size_t len) {
  std::string out(sodium_base64_ENCODED_LEN(len, kVariant), '\0');
  sodium_bin2base64(out.data(), out.size(), data, len, kVariant);
  out.resize(out.find('\0'));
  return out;
}

std::optional<std::string> unb64(std::string_view text) {
  std::string out(text.size(), '\0');
  std::size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), nullptr,
                        &len, nullptr, kVariant) != 0)
    return std::nullopt;
  out.resize(len);
  return out;
}

std::array<unsigned char, crypto_auth_hmacsha256_BYTES> mac(std::string_view key, std::string_view signed_part) {
  std::array<unsigned char, crypto_auth_hmacsha256_KEYBYTES> k{};
  crypto_hash_sha256(k.data(), reinterpret_cast<const unsigned char*>(key.data()), key.size());
  std::array<unsigned char, crypto_auth_hmacsha256_BYTES> out{};
  crypto_auth_hmacsha256(out.data(), reinterpret_cast<const unsigned char*>(signed_part.data()), signed_part.size(),
                         k.data());
  sodium_memzero(k.data(), k.size());
  return out;
}

const std::string kPrefix = "g1.";
}  // namespace

std::string new_guest_id() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
  std::array<unsigned char, 16> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  return "g" + b64(bytes.data(), bytes.size());
}

std::string issue_guest_token(std::string_view key, const GuestIdentity& g) {
  const std::string payload = boost::json::serialize(
      boost::json::object{{"p", g.plugin}, {"g", g.guest_id}, {"n", g.name}, {"x", g.expires_at}});
  const std::string body = kPrefix + b64(reinterpret_cast<const unsigned char*>(payload.data()), payload.size());
  const auto m = mac(key, body);
  return body + "." + b64(m.data(), m.size());
}

GuestCheck check_guest_token(std::string_view key, std::string_view token, std::string_view plugin, std::int64_t now_ms,
                             GuestIdentity& out) {
  if (token.size() > 2048 || token.rfind(kPrefix, 0) != 0) return GuestCheck::invalid;
  const auto dot = token.rfind('.');
  if (dot <= kPrefix.size()) return GuestCheck::invalid;
  const auto body = token.substr(0, dot);
  const auto sig = unb64(token.substr(dot + 1));
  const auto expected = mac(key, body);
  if (!sig || sig->size() != expected.size() ||
      sodium_memcmp(sig->data(), expected.data(), expected.size()) != 0)
    return GuestCheck::invalid;
  const auto payload = unb64(body.substr(kPrefix.size()));
  if (!payload) return GuestCheck::invalid;
  boost::system::error_code ec;
  auto v = boost::json::parse(*payload, ec);
  if (ec || !v.is_object()) return GuestCheck::invalid;
  const auto& o = v.as_object();
  const auto *p = o.if_contains("p"), *g = o.if_contains("g"), *n = o.if_contains("n"), *x = o.if_contains("x");
  if (!p || !g || !n || !x || !p->is_string() || !g->is_string() || !n->is_string() || !x->is_int64())
    return GuestCheck::invalid;
  if (p->as_string() != plugin) return GuestCheck::invalid;
  if (x->as_int64() <= now_ms) return GuestCheck::expired;
  out = {std::string(p->as_string()), std::string(g->as_string()), std::string(n->as_string()), x->as_int64()};
  return GuestCheck::ok;
}

}  // namespace qt::plugin_host
