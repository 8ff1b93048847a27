// Web Push building blocks: the payload encryption against the example of RFC 8291 appendix A,
// the VAPID token's form, the endpoint rules (https, public hosts only) and the address classes
// that keep the server from being sent into its own network.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include <unistd.h>
#include <boost/json.hpp>
#include <openssl/core_names.h>
#include <openssl/param_build.h>

#include "platform/fetch/public_address.hpp"
#include "platform/push/endpoint.hpp"
#include "platform/push/keys.hpp"
#include "platform/push/payload.hpp"

using namespace qt::push;

namespace {

// An EVP_PKEY from the RFC's raw private scalar and public point.
Pkey key_pair(const std::string& priv_b64, const std::string& pub_b64) {
  const auto priv = b64url_decode(priv_b64, "priv"), pub = b64url_decode(pub_b64, "pub");
  BIGNUM* d = BN_bin2bn(reinterpret_cast<const unsigned char*>(priv.data()), static_cast<int>(priv.size()), nullptr);
  OSSL_PARAM_BLD* bld = OSSL_PARAM_BLD_new();
  OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0);
  OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_PRIV_KEY, d);
  OSSL_PARAM_BLD_push_octet_string(bld, OSSL_PKEY_PARAM_PUB_KEY, pub.data(), pub.size());
  OSSL_PARAM* params = OSSL_PARAM_BLD_to_param(bld);
  EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr);
  EVP_PKEY* key = nullptr;
  REQUIRE(EVP_PKEY_fromdata_init(ctx) == 1);
  REQUIRE(EVP_PKEY_fromdata(ctx, &key, EVP_PKEY_KEYPAIR, params) == 1);
  EVP_PKEY_CTX_free(ctx);
  OSSL_PARAM_free(params);
  OSSL_PARAM_BLD_free(bld);
  BN_free(d);
  return Pkey(key);
}

}  // namespace

TEST_CASE("push: the encryption gives RFC 8291's example message byte for byte") {
  const auto as = key_pair("yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw",
                           "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8");
  const auto ua_public = b64url_decode(
      "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4", "ua");
  const auto auth = b64url_decode("BTBZMqHH6r4Tts7J_aSIgg", "auth");
  const auto salt = b64url_decode("DGv6ra1nlYgDCS1FRnbzlw", "salt");
  const auto body = encrypt_with("When I grow up, I want to be a watermelon", ua_public, auth, as.get(), salt, false);
  CHECK(b64url(body) ==
        "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_"
        "yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN");
  // Shared secret of the example (checks the ECDH step on its own).
  const auto ua = public_key_from_point(ua_public);
  CHECK(b64url(ecdh(as.get(), ua.get())) == "kyrL1jIIOHEzg3sM2ZWRHDRB62YACZhhSlknJ672kSs");
}

TEST_CASE("push: padded messages hide their length in 64-byte steps, fresh keys and salt each time") {
  const auto ua = generate_p256();
  const auto point = public_point(ua.get());
  const auto auth = random_bytes(16);
  const auto a = encrypt("kurz", point, auth), b = encrypt("etwas länger als kurz", point, auth);
  CHECK(a.size() == b.size());
  CHECK(a.size() == 16 + 4 + 1 + 65 + 64 + 16);
  CHECK(a.substr(0, 16) != b.substr(0, 16));    // salt
  CHECK(a.substr(21, 65) != b.substr(21, 65));  // ephemeral key
  CHECK_THROWS_AS(encrypt(std::string(kMaxPlaintext + 1, 'x'), point, auth), PushError);
  CHECK_THROWS_AS(encrypt("x", point, auth.substr(0, 8)), PushError);
}

TEST_CASE("push: a p256dh that is no P-256 point is refused") {
  std::string not_on_curve(65, '\0');
  not_on_curve[0] = 0x04;
  not_on_curve[64] = 0x07;
  CHECK_THROWS_AS(public_key_from_point(not_on_curve), PushError);
  CHECK_THROWS_AS(public_key_from_point(std::string(33, '\x02')), PushError);
  CHECK_THROWS_AS(b64url_decode("no*base64", "p256dh"), PushError);
}

TEST_CASE("push: the VAPID authorization carries an ES256 token for the push service's origin") {
  const auto key = VapidKey::generate();
  const auto header = key.authorization("https://push.example.net", 1'900'000'000, "mailto:it@musterstadt.de");
  REQUIRE(header.rfind("vapid t=", 0) == 0);
  const auto k = header.substr(header.find(", k=") + 4);
  CHECK(k == key.public_key());
  CHECK(b64url_decode(k, "k").size() == 65);
  const auto token = header.substr(8, header.find(", k=") - 8);
  const auto dot1 = token.find('.'), dot2 = token.rfind('.');
  const auto claims = boost::json::parse(b64url_decode(token.substr(dot1 + 1, dot2 - dot1 - 1), "claims")).as_object();
  CHECK(claims.at("aud").as_string() == "https://push.example.net");
  CHECK(claims.at("exp").as_int64() == 1'900'000'000);
  CHECK(claims.at("sub").as_string() == "mailto:it@musterstadt.de");
  CHECK(b64url_decode(token.substr(dot2 + 1), "sig").size() == 64);
}

TEST_CASE("push: the VAPID key is made once and read back") {
  const auto dir = std::filesystem::temp_directory_path() / ("qt-vapid-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  const auto file = dir / "sub" / "vapid.pem";
  const auto first = VapidKey::load_or_create(file);
  CHECK((std::filesystem::status(file).permissions() & std::filesystem::perms::others_read) == std::filesystem::perms::none);
  CHECK(VapidKey::load_or_create(file).public_key() == first.public_key());
  { std::ofstream(file) << "not a key"; }
  CHECK_THROWS_AS(VapidKey::load_or_create(file), PushError);
  std::filesystem::remove_all(dir);
}

TEST_CASE("push: endpoints must be https on a public host") {
  CHECK_NOTHROW(check_endpoint("https://fcm.googleapis.com/fcm/send/abc", false));
  CHECK_NOTHROW(check_endpoint("https://updates.push.services.mozilla.com/wpush/v2/x", false));
  for (const char* bad : {"http://fcm.googleapis.com/x", "https://127.0.0.1/x", "https://localhost/x",
                          "https://a.localhost/x", "https://10.1.2.3/x", "https://192.168.0.1/x", "https://172.16.5.5/x",
                          "https://169.254.169.254/latest", "https://[::1]/x", "https://[fd00::1]/x",
                          "https://[::ffff:127.0.0.1]/x", "https://0.0.0.0/x", "https://user:pw@push.example.net/x",
                          "ftp://push.example.net/x", "not a url", ""})
    CHECK_THROWS_AS(check_endpoint(bad, false), PushError);
  CHECK_NOTHROW(check_endpoint("http://127.0.0.1:4000/push/a", true));
  CHECK(audience_of("https://push.example.net:8443/a/b?c") == "https://push.example.net:8443");
  CHECK(audience_of("http://127.0.0.1:4000/push/a") == "http://127.0.0.1:4000");
}

TEST_CASE("push: address classes for outbound requests") {
  using qt::fetch::is_public_address;
  auto addr = [](const char* s) { return boost::asio::ip::make_address(s); };
  for (const char* pub : {"8.8.8.8", "142.250.185.74", "2a00:1450:4001:82b::200a"}) CHECK(is_public_address(addr(pub)));
  for (const char* local : {"127.0.0.1", "10.0.0.1", "100.64.0.1", "169.254.1.1", "172.31.255.255", "192.168.1.1",
                            "224.0.0.1", "255.255.255.255", "0.0.0.0", "::1", "::", "fe80::1", "fc00::1", "ff02::1",
                            "::ffff:10.0.0.1", "2001:db8::1"})
    CHECK_FALSE(is_public_address(addr(local)));
}
