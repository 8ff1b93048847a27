#pragma once
// Message encryption for Web Push (RFC 8291) in the aes128gcm content coding (RFC 8188): a fresh
// ECDH P-256 key and salt per message, keys derived with HKDF-SHA-256, one AES-128-GCM record.
// The push service sees only the result; the browser decrypts it with the subscription's key.
#include <cstddef>
#include <string>
#include <string_view>

#include "platform/push/keys.hpp"

namespace qt::push {

// The most plaintext one message may carry (push services accept 4096-byte bodies).
constexpr std::size_t kMaxPlaintext = 3800;

// ua_public: the subscription's p256dh (65-byte point), auth_secret: its 16-byte auth.
// Returns the request body: salt, record size, key id (our ephemeral public key), ciphertext.
// Throws PushError for a bad key or secret, or a plaintext over kMaxPlaintext.
std::string encrypt(std::string_view plaintext, std::string_view ua_public, std::string_view auth_secret);
// The same with a given ephemeral key and salt; pad = false leaves out the padding to 64-byte
// steps (tests compare with the example of RFC 8291 appendix A, which has none).
std::string encrypt_with(std::string_view plaintext, std::string_view ua_public, std::string_view auth_secret,
                         EVP_PKEY* ephemeral, std::string_view salt, bool pad = true);

}  // namespace qt::push
