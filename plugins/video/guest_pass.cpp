#include "guest_pass.hpp"

#include <array>
#include <mutex>
#include <optional>
#include <stdexcept>

#include <quartier/plugin.hpp>
#include <sodium.h>

namespace video {
namespace {

constexpr int kB64 = sodium_base64_VARIANT_URLSAFE_NO_PADDING;

std::string to_b64(const unsigned char* data, std::size_t len) {
  std::string out(sodium_base64_ENCODED_LEN(len, kB64), '\0');
  sodium_bin2base64(out.data(), out.size(), data, len, kB64);
  out.resize(out.find('\0'));
  return out;
}

// The cluster's key: made by the first node that needs it, read by every other one.
std::array<unsigned char, crypto_auth_KEYBYTES> load_key() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
  std::array<unsigned char, crypto_auth_KEYBYTES> key{};
  crypto_auth_keygen(key.data());
  {
    quartier::Statement s("INSERT INTO video_key (id, secret) VALUES (1, :k) ON CONFLICT (id) DO NOTHING");
    s.bind("k", to_b64(key.data(), key.size()));
    s.run();
  }
  quartier::Statement s("SELECT secret FROM video_key WHERE id = 1");
  if (!s.step()) throw std::runtime_error("video: the room pass key is missing");
  const std::string b64 = s.text(0);
  std::size_t len = 0;
  if (sodium_base642bin(key.data(), key.size(), b64.data(), b64.size(), nullptr, &len, nullptr, kB64) != 0 ||
      len != key.size())
    throw std::runtime_error("video: the room pass key is malformed");
  return key;
}

const std::array<unsigned char, crypto_auth_KEYBYTES>& key() {
  static std::mutex mu;
  static std::optional<std::array<unsigned char, crypto_auth_KEYBYTES>> k;
  std::lock_guard lock(mu);
  if (!k) k = load_key();
  return *k;
}

std::array<unsigned char, crypto_auth_BYTES> mac(std::string_view guest_id, std::int64_t room_id) {
  const std::string msg = "video-room-pass\n" + std::string(guest_id) + "\n" + std::to_string(room_id);
  std::array<unsigned char, crypto_auth_BYTES> out{};
  crypto_auth(out.data(), reinterpret_cast<const unsigned char*>(msg.data()), msg.size(), key().data());
  return out;
}

}  // namespace

std::string room_pass(std::string_view guest_id, std::int64_t room_id) {
  const auto m = mac(guest_id, room_id);
  return to_b64(m.data(), m.size());
}

bool pass_fits(std::string_view guest_id, std::int64_t room_id, std::string_view pass) {
  std::array<unsigned char, crypto_auth_BYTES> given{};
  std::size_t len = 0;
  if (pass.empty() ||
      sodium_base642bin(given.data(), given.size(), pass.data(), pass.size(), nullptr, &len, nullptr, kB64) != 0 ||
      len != given.size())
    return false;
  const auto want = mac(guest_id, room_id);
  return sodium_memcmp(given.data(), want.data(), want.size()) == 0;
}

}  // namespace video
