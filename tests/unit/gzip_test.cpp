// gzip for answers: which clients take it, that the bytes inflate back, and which answers stay as
// they are (small, binary, secret, already tagged strongly).
#include <catch2/catch.hpp>

#include <string>

#include "gunzip.hpp"
#include "platform/http/encoding/gzip.hpp"

using namespace qt::http;
using qt::test::gunzip;

namespace {

std::string json_text(std::size_t items) {
  std::string s = "[";
  for (std::size_t i = 0; i < items; ++i) s += (i ? "," : "") + std::string("{\"id\":") + std::to_string(i) + ",\"title\":\"Flohmarkt im Hof\"}";
  return s + "]";
}

}  // namespace

TEST_CASE("gzip: Accept-Encoding is read as RFC 9110 says", "[gzip]") {
  CHECK(accepts_gzip("gzip"));
  CHECK(accepts_gzip("gzip, deflate, br"));
  CHECK(accepts_gzip("br;q=1.0, GZIP;q=0.5"));
  CHECK(accepts_gzip(" deflate , x-gzip "));
  CHECK(accepts_gzip("*"));
  CHECK_FALSE(accepts_gzip(""));
  CHECK_FALSE(accepts_gzip("br, deflate"));
  CHECK_FALSE(accepts_gzip("gzip;q=0"));
  CHECK_FALSE(accepts_gzip("gzip; q=0.000"));
  CHECK_FALSE(accepts_gzip("*, gzip;q=0"));
  CHECK_FALSE(accepts_gzip("*;q=0"));
  CHECK(accepts_gzip("gzip;q=0.001"));
  CHECK_FALSE(accepts_gzip("gzipped"));
}

TEST_CASE("gzip: the packed bytes inflate to the original", "[gzip]") {
  const std::string text = json_text(500);
  const std::string packed = gzip(text, 4);
  CHECK(packed.size() < text.size() / 4);
  CHECK(static_cast<unsigned char>(packed[0]) == 0x1f);
  CHECK(static_cast<unsigned char>(packed[1]) == 0x8b);
  CHECK(gunzip(packed) == text);
  CHECK(gunzip(gzip("", 1)).empty());
}

TEST_CASE("gzip: only answers worth it and safe to compress are compressed", "[gzip]") {
  const std::string text = json_text(200);
  auto answer = [&] { return Response::json_text(text); };

  auto plain = answer();
  compress_answer(plain, std::nullopt);
  CHECK_FALSE(plain.header("content-encoding"));
  CHECK(plain.body == text);

  auto packed = answer();
  compress_answer(packed, "gzip, br");
  CHECK(packed.header("content-encoding") == std::optional<std::string_view>("gzip"));
  CHECK(packed.header("vary") == std::optional<std::string_view>("Accept-Encoding"));
  CHECK(gunzip(packed.body) == text);

  auto refused = answer();
  compress_answer(refused, "br, gzip;q=0");
  CHECK(refused.body == text);

  auto small = Response::json_text("{\"ok\":true}");
  compress_answer(small, "gzip");
  CHECK_FALSE(small.header("content-encoding"));

  // Secrets (the CSRF token, the export) are never compressed: BREACH.
  auto secret = answer();
  secret.set_header("Cache-Control", "no-store");
  compress_answer(secret, "gzip");
  CHECK(secret.body == text);

  auto strong = answer();
  strong.set_header("ETag", "\"abc\"");
  compress_answer(strong, "gzip");
  CHECK(strong.body == text);
  auto weak = answer();
  weak.set_header("ETag", "W/\"abc\"");
  weak.set_header("Vary", "Cookie");
  compress_answer(weak, "gzip");
  CHECK(weak.header("content-encoding"));
  CHECK(weak.header("vary") == std::optional<std::string_view>("Cookie, Accept-Encoding"));

  auto image = answer();
  image.set_header("Content-Type", "image/png");
  compress_answer(image, "gzip");
  CHECK(image.body == text);

  auto error = answer();
  error.status = 404;
  compress_answer(error, "gzip");
  CHECK(error.body == text);
}
