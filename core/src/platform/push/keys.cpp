#include "platform/push/keys.hpp"

#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <system_error>

#include <boost/json.hpp>
#include <fcntl.h>
#include <openssl/bio.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/kdf.h>
#include <openssl/params.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <sodium.h>
#include <unistd.h>

namespace qt::push {
namespace {

std::string openssl_error(std::string_view what) {
  char buf[256] = {};
  const unsigned long e = ERR_get_error();
  ERR_clear_error();
  if (e) ERR_error_string_n(e, buf, sizeof buf);
  return std::string(what) + (e ? std::string(": ") + buf : std::string());
}

struct CtxFree {
  void operator()(EVP_PKEY_CTX* c) const { EVP_PKEY_CTX_free(c); }
  void operator()(EVP_KDF_CTX* c) const { EVP_KDF_CTX_free(c); }
  void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
  void operator()(BIO* b) const { BIO_free(b); }
  void operator()(ECDSA_SIG* s) const { ECDSA_SIG_free(s); }
};
template <class T>
using Owned = std::unique_ptr<T, CtxFree>;

const unsigned char* bytes(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }
void* mut(std::string_view s) { return const_cast<char*>(s.data()); }

bool is_p256(EVP_PKEY* key) {
  if (!EVP_PKEY_is_a(key, "EC")) return false;
  char group[64] = {};
  std::size_t len = 0;
  if (EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group, &len) != 1) return false;
  return std::string_view(group, len) == "prime256v1";
}

std::string read_all(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

Pkey parse_pem(const std::string& pem, const std::filesystem::path& file) {
  Owned<BIO> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  Pkey key(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr);
  ERR_clear_error();
  if (!key || !is_p256(key.get()))
    throw PushError("The VAPID key file " + file.string() + " holds no P-256 private key in PEM form. Move it away "
                    "(a new key is then made at the next start; every browser must subscribe again) or restore "
                    "the file from the backup. / Die VAPID-Schlüsseldatei ist unbrauchbar.");
  return key;
}

std::string to_pem(EVP_PKEY* key) {
  Owned<BIO> bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1)
    throw PushError(openssl_error("cannot encode the VAPID key"));
  char* data = nullptr;
  const long len = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(len));
}

// Writes the key next to `file` and links it into place, so a second process starting at the
// same moment either wins or reads the first one's complete file.
bool write_new(const std::filesystem::path& file, const std::string& pem) {
  std::error_code ec;
  if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path(), ec);
  const std::string tmp = file.string() + ".tmp-" + std::to_string(::getpid());
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0)
    throw PushError("cannot create the VAPID key file " + file.string() + ": " + std::strerror(errno) +
                    "; check [push] vapid_key_file and the folder's permissions");
  const bool ok = ::write(fd, pem.data(), pem.size()) == static_cast<ssize_t>(pem.size()) && ::fsync(fd) == 0;
  ::close(fd);
  const bool linked = ok && ::link(tmp.c_str(), file.c_str()) == 0;
  const int link_errno = errno;
  ::unlink(tmp.c_str());
  if (!ok) throw PushError("cannot write the VAPID key file " + file.string() + "; check the disk and permissions");
  if (!linked && link_errno != EEXIST)
    throw PushError("cannot create the VAPID key file " + file.string() + ": " + std::strerror(link_errno));
  return linked;
}

}  // namespace

std::string b64url(std::string_view in) {
  std::string out(sodium_base64_ENCODED_LEN(in.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), bytes(in), in.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(std::strlen(out.c_str()));
  return out;
}

std::string b64url_decode(std::string_view text, std::string_view what) {
  std::string t;
  for (char c : text) {
    if (c == '=') break;
    t.push_back(c == '+' ? '-' : c == '/' ? '_' : c);
  }
  std::string out(t.size() * 3 / 4 + 3, '\0');
  std::size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), t.data(), t.size(), nullptr, &len,
                        nullptr, sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0)
    throw PushError(std::string(what) + " is not base64url");
  out.resize(len);
  return out;
}

Pkey generate_p256() {
  Pkey key(EVP_EC_gen("P-256"));
  if (!key) throw PushError(openssl_error("cannot generate a P-256 key"));
  return key;
}

std::string public_point(EVP_PKEY* key) {
  unsigned char* buf = nullptr;
  const std::size_t len = EVP_PKEY_get1_encoded_public_key(key, &buf);
  std::string out(reinterpret_cast<const char*>(buf), len);
  OPENSSL_free(buf);
  if (len != 65) throw PushError(openssl_error("cannot encode a P-256 public key"));
  return out;
}

Pkey public_key_from_point(std::string_view point) {
  if (point.size() != 65 || point[0] != 0x04)
    throw PushError("p256dh must be an uncompressed P-256 point (65 bytes starting with 0x04)");
  Owned<EVP_PKEY_CTX> ctx(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
  char group[] = "prime256v1";
  OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME, group, 0),
                         OSSL_PARAM_construct_octet_string(OSSL_PKEY_PARAM_PUB_KEY, mut(point), point.size()),
                         OSSL_PARAM_construct_end()};
  EVP_PKEY* raw = nullptr;
  if (!ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 || EVP_PKEY_fromdata(ctx.get(), &raw, EVP_PKEY_PUBLIC_KEY, params) != 1) {
    ERR_clear_error();
    throw PushError("p256dh is not a point on the P-256 curve");
  }
  Pkey key(raw);
  Owned<EVP_PKEY_CTX> check(EVP_PKEY_CTX_new(key.get(), nullptr));
  if (!check || EVP_PKEY_public_check(check.get()) != 1) {
    ERR_clear_error();
    throw PushError("p256dh is not a valid P-256 public key");
  }
  return key;
}

std::string ecdh(EVP_PKEY* own, EVP_PKEY* peer) {
  Owned<EVP_PKEY_CTX> ctx(EVP_PKEY_CTX_new(own, nullptr));
  std::size_t len = 0;
  if (!ctx || EVP_PKEY_derive_init(ctx.get()) != 1 || EVP_PKEY_derive_set_peer(ctx.get(), peer) != 1 ||
      EVP_PKEY_derive(ctx.get(), nullptr, &len) != 1)
    throw PushError(openssl_error("ECDH failed"));
  std::string out(len, '\0');
  if (EVP_PKEY_derive(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &len) != 1)
    throw PushError(openssl_error("ECDH failed"));
  out.resize(len);
  return out;
}

std::string hkdf_sha256(std::string_view salt, std::string_view ikm, std::string_view info, std::size_t length) {
  EVP_KDF* kdf = EVP_KDF_fetch(nullptr, "HKDF", nullptr);
  Owned<EVP_KDF_CTX> ctx(kdf ? EVP_KDF_CTX_new(kdf) : nullptr);
  EVP_KDF_free(kdf);
  char digest[] = "SHA256";
  OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, digest, 0),
                         OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, mut(ikm), ikm.size()),
                         OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, mut(salt), salt.size()),
                         OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, mut(info), info.size()),
                         OSSL_PARAM_construct_end()};
  std::string out(length, '\0');
  if (!ctx || EVP_KDF_derive(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), length, params) != 1)
    throw PushError(openssl_error("HKDF failed"));
  return out;
}

std::string random_bytes(std::size_t n) {
  std::string out(n, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(n)) != 1)
    throw PushError(openssl_error("no random bytes"));
  return out;
}

VapidKey::VapidKey(Pkey key) : key_(std::move(key)), public_b64_(b64url(public_point(key_.get()))) {}

VapidKey VapidKey::generate() { return VapidKey(generate_p256()); }

VapidKey VapidKey::load_or_create(const std::filesystem::path& file) {
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) {
    auto key = generate_p256();
    if (write_new(file, to_pem(key.get()))) return VapidKey(std::move(key));
  }
  return VapidKey(parse_pem(read_all(file), file));
}

std::string VapidKey::authorization(const std::string& audience, std::int64_t expires, const std::string& subject) const {
  const std::string header = b64url(R"({"typ":"JWT","alg":"ES256"})");
  const std::string claims =
      b64url(boost::json::serialize(boost::json::object{{"aud", audience}, {"exp", expires}, {"sub", subject}}));
  const std::string input = header + "." + claims;
  Owned<EVP_MD_CTX> md(EVP_MD_CTX_new());
  std::size_t len = 0;
  if (!md || EVP_DigestSignInit(md.get(), nullptr, EVP_sha256(), nullptr, key_.get()) != 1 ||
      EVP_DigestSign(md.get(), nullptr, &len, bytes(input), input.size()) != 1)
    throw PushError(openssl_error("cannot sign the VAPID token"));
  std::string der(len, '\0');
  if (EVP_DigestSign(md.get(), reinterpret_cast<unsigned char*>(der.data()), &len, bytes(input), input.size()) != 1)
    throw PushError(openssl_error("cannot sign the VAPID token"));
  const unsigned char* p = bytes(der);
  Owned<ECDSA_SIG> sig(d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(len)));
  if (!sig) throw PushError(openssl_error("cannot read the ECDSA signature"));
  const BIGNUM *r = nullptr, *s = nullptr;
  ECDSA_SIG_get0(sig.get(), &r, &s);
  std::array<unsigned char, 64> raw{};
  BN_bn2binpad(r, raw.data(), 32);  // JWS ES256: R || S, 32 bytes each (RFC 7518 3.4)
  BN_bn2binpad(s, raw.data() + 32, 32);
  const std::string signature = b64url(std::string_view(reinterpret_cast<const char*>(raw.data()), raw.size()));
  return "vapid t=" + input + "." + signature + ", k=" + public_b64_;
}

}  // namespace qt::push
