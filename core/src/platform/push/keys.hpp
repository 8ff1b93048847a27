#pragma once
// P-256 keys for Web Push through OpenSSL 3 (RAII owners, raw uncompressed points, base64url).
// Nothing here implements a primitive: ECDH, ECDSA, HKDF and AES-GCM are OpenSSL's; this folder
// only composes them as RFC 8291 (payload encryption) and RFC 8292 (VAPID) say.
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

#include <openssl/evp.h>

namespace qt::push {

// Bad input from outside (a subscription's keys, a key file): the message says what to fix.
class PushError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct PkeyFree {
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;

// base64url without padding (RFC 7515), through libsodium.
std::string b64url(std::string_view bytes);
// Decodes base64url (padding and standard alphabet tolerated); throws PushError naming `what`.
std::string b64url_decode(std::string_view text, std::string_view what);

// A fresh P-256 key pair.
Pkey generate_p256();
// The 65-byte uncompressed point (0x04 || X || Y) of a P-256 key.
std::string public_point(EVP_PKEY* key);
// A public key from a 65-byte uncompressed point; throws PushError if it is not on P-256.
Pkey public_key_from_point(std::string_view point);
// ECDH on P-256: the 32-byte shared secret.
std::string ecdh(EVP_PKEY* own, EVP_PKEY* peer);
// HKDF-SHA-256 (extract and expand) of `length` bytes.
std::string hkdf_sha256(std::string_view salt, std::string_view ikm, std::string_view info, std::size_t length);
// `n` random bytes from OpenSSL's CSPRNG.
std::string random_bytes(std::size_t n);

// The server's VAPID key (RFC 8292): read from a PEM file, or generated and written there
// (mode 0600) when the file does not exist yet.
class VapidKey {
 public:
  static VapidKey load_or_create(const std::filesystem::path& file);
  static VapidKey generate();  // for tests, kept in memory

  // base64url of the public point: the browser's applicationServerKey and the "k" parameter.
  const std::string& public_key() const { return public_b64_; }
  // "vapid t=<JWT>, k=<public key>" for a push service at `audience` (scheme://host[:port]),
  // valid until `expires` (seconds since the epoch), with the contact `subject`.
  std::string authorization(const std::string& audience, std::int64_t expires, const std::string& subject) const;

 private:
  explicit VapidKey(Pkey key);
  Pkey key_;
  std::string public_b64_;
};

}  // namespace qt::push
