#include "test_images.hpp"

#include <stdexcept>

namespace qt::test {
namespace {

void ok(int rc) {
  if (rc != 0) throw std::runtime_error("libvips: " + media::vips_error_text());
}

void put16(std::string& s, unsigned v) {
  s.push_back(static_cast<char>(v & 0xff));
  s.push_back(static_cast<char>((v >> 8) & 0xff));
}
void put32(std::string& s, unsigned v) {
  put16(s, v & 0xffff);
  put16(s, v >> 16);
}

// A minimal little-endian EXIF block whose IFD0 points at a GPS IFD.
std::string exif_with_gps() {
  std::string t("Exif\0\0", 6);
  std::string tiff = "II";
  put16(tiff, 42);
  put32(tiff, 8);
  put16(tiff, 1);  // IFD0: one entry, the GPS IFD at offset 26
  put16(tiff, 0x8825), put16(tiff, 4), put32(tiff, 1), put32(tiff, 26);
  put32(tiff, 0);
  put16(tiff, 5);  // GPS IFD: 5 entries, rationals at 26 + 2 + 60 + 4 = 92
  put16(tiff, 0x0000), put16(tiff, 1), put32(tiff, 4), tiff += std::string("\x02\x02\x00\x00", 4);
  put16(tiff, 0x0001), put16(tiff, 2), put32(tiff, 2), tiff += std::string("N\0\0\0", 4);
  put16(tiff, 0x0002), put16(tiff, 5), put32(tiff, 3), put32(tiff, 92);
  put16(tiff, 0x0003), put16(tiff, 2), put32(tiff, 2), tiff += std::string("E\0\0\0", 4);
  put16(tiff, 0x0004), put16(tiff, 5), put32(tiff, 3), put32(tiff, 116);
  put32(tiff, 0);
  for (unsigned v : {52u, 31u, 12u, 13u, 24u, 36u}) put32(tiff, v), put32(tiff, 1);
  return t + tiff;
}

}  // namespace

media::VImage test_picture(int width, int height) {
  media::ensure_vips();
  media::VImage xyz, x, y, bands, img, srgb;
  ok(vips_xyz(xyz.out(), width, height, nullptr));
  ok(vips_extract_band(xyz.get(), x.out(), 0, nullptr));
  ok(vips_extract_band(xyz.get(), y.out(), 1, nullptr));
  VipsImage* parts[3] = {x.get(), y.get(), x.get()};
  ok(vips_bandjoin(parts, bands.out(), 3, nullptr));
  ok(vips_cast_uchar(bands.get(), img.out(), nullptr));
  ok(vips_copy(img.get(), srgb.out(), "interpretation", VIPS_INTERPRETATION_sRGB, nullptr));
  return srgb;
}

std::string encode_picture(const media::VImage& img, const char* suffix) {
  void* buf = nullptr;
  std::size_t len = 0;
  ok(vips_image_write_to_buffer(img.get(), suffix, &buf, &len, nullptr));
  std::string out(static_cast<const char*>(buf), len);
  g_free(buf);
  return out;
}

std::string picture_file(int width, int height, const char* suffix) {
  return encode_picture(test_picture(width, height), suffix);
}

std::string jpeg_with_gps(int width, int height) {
  auto img = test_picture(width, height);
  media::VImage copy;
  ok(vips_copy(img.get(), copy.out(), nullptr));
  const auto exif = exif_with_gps();
  vips_image_set_blob_copy(copy.get(), "exif-data", exif.data(), exif.size());
  vips_image_set_string(copy.get(), "exif-ifd0-Artist", "Anna Schmidt (Anna Schmidt, ASCII, 13 components, 13 bytes)");
  void* buf = nullptr;
  std::size_t len = 0;
  ok(vips_jpegsave_buffer(copy.get(), &buf, &len, "Q", 90, nullptr));
  std::string out(static_cast<const char*>(buf), len);
  g_free(buf);
  return out;
}

media::VImage decode(const std::string& bytes) {
  media::ensure_vips();
  media::VImage img(vips_image_new_from_buffer(bytes.data(), bytes.size(), "", nullptr));
  if (!img) throw std::runtime_error("libvips cannot decode: " + media::vips_error_text());
  return img;
}

std::vector<std::string> metadata_fields(const media::VImage& img) {
  std::vector<std::string> out;
  gchar** fields = vips_image_get_fields(img.get());
  for (gchar** f = fields; *f; ++f) out.emplace_back(*f);
  g_strfreev(fields);
  return out;
}

bool has_field_starting(const std::vector<std::string>& fields, const std::string& prefix) {
  for (const auto& f : fields)
    if (f.rfind(prefix, 0) == 0) return true;
  return false;
}

}  // namespace qt::test
