#include "platform/push/payload.hpp"

#include <memory>

#include <openssl/err.h>

namespace qt::push {
namespace {

constexpr std::uint32_t kRecordSize = 4096;
constexpr std::size_t kTag = 16;

struct CipherFree {
  void operator()(EVP_CIPHER_CTX* c) const { EVP_CIPHER_CTX_free(c); }
};

// Pads to a multiple of 64 bytes, so the length says little about the text (RFC 8291 section 4).
std::string padded_record(std::string_view plaintext, bool pad) {
  std::string rec(plaintext);
  rec.push_back('\x02');  // the last (and only) record's delimiter
  if (!pad) return rec;
  const std::size_t target = std::min<std::size_t>((rec.size() + 63) / 64 * 64, kRecordSize - kTag);
  rec.resize(target, '\0');
  return rec;
}

std::string aes128gcm(std::string_view key, std::string_view nonce, std::string_view plain) {
  std::unique_ptr<EVP_CIPHER_CTX, CipherFree> ctx(EVP_CIPHER_CTX_new());
  std::string out(plain.size() + kTag, '\0');
  int len = 0, fin = 0;
  auto* o = reinterpret_cast<unsigned char*>(out.data());
  if (!ctx || EVP_EncryptInit_ex(ctx.get(), EVP_aes_128_gcm(), nullptr, nullptr, nullptr) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, static_cast<int>(nonce.size()), nullptr) != 1 ||
      EVP_EncryptInit_ex(ctx.get(), nullptr, nullptr, reinterpret_cast<const unsigned char*>(key.data()),
                         reinterpret_cast<const unsigned char*>(nonce.data())) != 1 ||
      EVP_EncryptUpdate(ctx.get(), o, &len, reinterpret_cast<const unsigned char*>(plain.data()),
                        static_cast<int>(plain.size())) != 1 ||
      EVP_EncryptFinal_ex(ctx.get(), o + len, &fin) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, static_cast<int>(kTag), o + len + fin) != 1) {
    ERR_clear_error();
    throw PushError("AES-128-GCM encryption failed");
  }
  out.resize(static_cast<std::size_t>(len + fin) + kTag);
  return out;
}

}  // namespace

std::string encrypt_with(std::string_view plaintext, std::string_view ua_public, std::string_view auth_secret,
                         EVP_PKEY* ephemeral, std::string_view salt, bool pad) {
  if (plaintext.size() > kMaxPlaintext)
    throw PushError("the push message is " + std::to_string(plaintext.size()) + " bytes; at most " +
                    std::to_string(kMaxPlaintext) + " fit");
  if (auth_secret.size() != 16) throw PushError("auth must be 16 bytes");
  if (salt.size() != 16) throw PushError("salt must be 16 bytes");
  const auto ua_key = public_key_from_point(ua_public);
  const std::string as_public = public_point(ephemeral);
  // RFC 8291 section 3.4: the input keying material from the ECDH secret and the auth secret,
  // then RFC 8188's content key and nonce from it and the salt.
  const std::string shared = ecdh(ephemeral, ua_key.get());
  const std::string key_info = std::string("WebPush: info") + '\0' + std::string(ua_public) + as_public;
  const std::string ikm = hkdf_sha256(auth_secret, shared, key_info, 32);
  const std::string cek = hkdf_sha256(salt, ikm, std::string("Content-Encoding: aes128gcm") + '\0', 16);
  const std::string nonce = hkdf_sha256(salt, ikm, std::string("Content-Encoding: nonce") + '\0', 12);
  std::string body(salt);
  body.push_back(static_cast<char>((kRecordSize >> 24) & 0xff));
  body.push_back(static_cast<char>((kRecordSize >> 16) & 0xff));
  body.push_back(static_cast<char>((kRecordSize >> 8) & 0xff));
  body.push_back(static_cast<char>(kRecordSize & 0xff));
  body.push_back(static_cast<char>(as_public.size()));
  body += as_public;
  body += aes128gcm(cek, nonce, padded_record(plaintext, pad));
  return body;
}

std::string encrypt(std::string_view plaintext, std::string_view ua_public, std::string_view auth_secret) {
  const auto ephemeral = generate_p256();
  return encrypt_with(plaintext, ua_public, auth_secret, ephemeral.get(), random_bytes(16));
}

}  // namespace qt::push
