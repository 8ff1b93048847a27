// The image upload pipeline with real images made by libvips: metadata (EXIF GPS) is gone after
// re-encoding, types come from the content, corrupt files and decompression bombs are refused.
#include <catch2/catch.hpp>

#include <cstring>
#include <string>
#include <vector>

#include "platform/media/image.hpp"
#include "platform/media/sniff.hpp"
#include "platform/media/vips.hpp"
#include "test_images.hpp"
#include "web/upload_errors.hpp"

using namespace qt::media;

namespace {

VImage picture(int width, int height) { return qt::test::test_picture(width, height); }
std::string save(const VImage& img, const char* suffix) { return qt::test::encode_picture(img, suffix); }
VImage load(const std::string& bytes) { return qt::test::decode(bytes); }
using qt::test::has_field_starting;
using qt::test::jpeg_with_gps;
using qt::test::metadata_fields;

UploadProblem problem_of(const std::string& bytes, ImageLimits limits = {}) {
  try {
    square_images(bytes, {64, 256}, ImageFormat::webp, limits);
  } catch (const UploadError& e) {
    return e.problem();
  }
  FAIL("accepted");
  return UploadProblem::empty;
}

std::uint32_t crc32(const std::string& data) {
  std::uint32_t crc = 0xffffffffu;
  for (unsigned char c : data) {
    crc ^= c;
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

}  // namespace

TEST_CASE("a JPEG with EXIF GPS comes out as square WebPs with no metadata at all", "[unit][media]") {
  const auto jpeg = jpeg_with_gps(640, 480);
  // The test picture really carries the location (so the assertion below means something).
  const auto in_fields = metadata_fields(load(jpeg));
  REQUIRE(has_field_starting(in_fields, "exif-ifd3-GPSLatitude"));
  REQUIRE(has_field_starting(in_fields, "exif-data"));
  REQUIRE(sniff_mime(jpeg) == "image/jpeg");

  auto out = square_images(jpeg, {64, 256}, ImageFormat::webp, ImageLimits{});
  CHECK(out.source_type == "image/jpeg");
  CHECK(out.source_width == 640);
  CHECK(out.source_height == 480);
  REQUIRE(out.renditions.size() == 2);
  for (const auto& r : out.renditions) {
    INFO("size " << r.size);
    CHECK(sniff_mime(r.bytes) == "image/webp");
    auto img = load(r.bytes);
    CHECK(vips_image_get_width(img.get()) == r.size);
    CHECK(vips_image_get_height(img.get()) == r.size);
    const auto fields = metadata_fields(img);
    CHECK_FALSE(has_field_starting(fields, "exif"));
    CHECK_FALSE(has_field_starting(fields, "xmp"));
    CHECK_FALSE(has_field_starting(fields, "icc"));
    CHECK(r.bytes.find("Exif") == std::string::npos);
    CHECK(r.bytes.find("Anna Schmidt") == std::string::npos);
  }
}

TEST_CASE("JPEG output, PNG with alpha, GIF first frame and WebP input all work", "[unit][media]") {
  const auto jpeg = jpeg_with_gps(300, 500);
  auto as_jpeg = square_images(jpeg, {64, 256}, ImageFormat::jpeg, ImageLimits{});
  for (const auto& r : as_jpeg.renditions) {
    CHECK(sniff_mime(r.bytes) == "image/jpeg");
    const auto fields = metadata_fields(load(r.bytes));
    CHECK_FALSE(has_field_starting(fields, "exif"));
    CHECK(r.bytes.find("Exif") == std::string::npos);
  }

  VImage rgb = picture(120, 90), alpha, rgba;
  REQUIRE(vips_extract_band(rgb.get(), alpha.out(), 0, nullptr) == 0);
  REQUIRE(vips_bandjoin2(rgb.get(), alpha.get(), rgba.out(), nullptr) == 0);
  const auto png = save(rgba, ".png");
  CHECK(square_images(png, {64}, ImageFormat::webp, {}).source_type == "image/png");
  auto flat = square_images(png, {64}, ImageFormat::jpeg, {});  // alpha flattened for JPEG
  CHECK(vips_image_get_bands(load(flat.renditions[0].bytes).get()) == 3);

  const auto gif = save(picture(50, 40), ".gif");
  auto from_gif = square_images(gif, {64, 256}, ImageFormat::webp, {});
  CHECK(from_gif.source_type == "image/gif");
  CHECK(vips_image_get_width(load(from_gif.renditions[1].bytes).get()) == 256);  // small pictures scale up

  const auto webp = save(picture(200, 200), ".webp");
  CHECK(square_images(webp, {64}, ImageFormat::webp, {}).source_type == "image/webp");
}

TEST_CASE("a text file named .png and other types are refused by their content", "[unit][media]") {
  const std::string text = "Das ist kein Bild, nur Text in einer Datei namens foto.png.\n";
  CHECK(sniff_mime(text) == "text/plain");
  CHECK(problem_of(text) == UploadProblem::unsupported_type);
  const std::string svg = R"(<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>)";
  CHECK(problem_of(svg) == UploadProblem::unsupported_type);
  CHECK(problem_of(std::string("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")) == UploadProblem::unsupported_type);
  CHECK(problem_of("") == UploadProblem::empty);
  try {
    square_images(text, {64}, ImageFormat::webp, {});
  } catch (const UploadError& e) {
    const auto http = qt::web::upload_refusal(e);
    CHECK(http.status() == 415);
    CHECK(http.code() == "upload_unsupported_type");
    CHECK_THAT(std::string(http.what()), Catch::Contains("JPEG, PNG, WebP oder GIF"));
  }
}

TEST_CASE("corrupt and truncated images are refused as corrupt", "[unit][media]") {
  const auto jpeg = jpeg_with_gps(400, 300);
  // The JPEG signature followed by rubbish: libmagic says JPEG, decoding fails.
  std::string fake = jpeg.substr(0, 20) + std::string(2000, '\x5a');
  CHECK(problem_of(fake) == UploadProblem::corrupt);
  // Cut off half-way.
  CHECK(problem_of(jpeg.substr(0, jpeg.size() / 2)) == UploadProblem::corrupt);
  const auto png = save(picture(200, 200), ".png");
  CHECK(problem_of(png.substr(0, png.size() / 2)) == UploadProblem::corrupt);
  try {
    square_images(fake, {64}, ImageFormat::webp, {});
  } catch (const UploadError& e) {
    CHECK(qt::web::upload_refusal(e).status() == 422);
    CHECK(qt::web::upload_refusal(e).code() == "upload_corrupt");
  }
}

TEST_CASE("too many pixels and too many bytes are refused before decoding", "[unit][media]") {
  const auto png = save(picture(1200, 1000), ".png");
  ImageLimits small;
  small.max_pixels = 1'000'000;
  CHECK(problem_of(png, small) == UploadProblem::too_many_pixels);
  small.max_pixels = 1'200'000;
  CHECK_NOTHROW(square_images(png, {64}, ImageFormat::webp, small));

  // A decompression bomb: a tiny PNG whose header claims 60000 x 60000 pixels (3.6 gigapixels).
  std::string bomb = save(picture(16, 16), ".png");
  REQUIRE(bomb.substr(12, 4) == "IHDR");
  auto be32 = [&](std::size_t at, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) bomb[at + static_cast<std::size_t>(i)] = static_cast<char>((v >> (24 - 8 * i)) & 0xff);
  };
  be32(16, 60000);
  be32(20, 60000);
  be32(29, crc32(bomb.substr(12, 17)));  // the IHDR chunk's CRC over type + data
  CHECK(problem_of(bomb) == UploadProblem::too_many_pixels);

  ImageLimits tiny;
  tiny.max_bytes = 1000;
  CHECK(problem_of(png, tiny) == UploadProblem::too_large);
  try {
    square_images(png, {64}, ImageFormat::webp, tiny);
  } catch (const UploadError& e) {
    CHECK(qt::web::upload_refusal(e).status() == 413);
    CHECK_THAT(std::string(qt::web::upload_refusal(e).what()), Catch::Contains("zu groß"));
  }
}
