#include "platform/media/image.hpp"

#include <algorithm>
#include <stdexcept>

#include "platform/log/log.hpp"
#include "platform/media/sniff.hpp"
#include "platform/media/vips.hpp"
#include "platform/media/webp_chunks.hpp"

namespace qt::media {
namespace {

// libmagic's name for each accepted type, and the libvips loader that must agree with it: the
// two are asked separately so that a file cannot pass as one type and be decoded as another.
struct Accepted {
  std::string_view mime;
  std::string_view loader;
};
constexpr Accepted kAccepted[] = {
    {"image/jpeg", "VipsForeignLoadJpegBuffer"},
    {"image/png", "VipsForeignLoadPngBuffer"},
    {"image/webp", "VipsForeignLoadWebpBuffer"},
    {"image/gif", "VipsForeignLoadNsgifBuffer"},
};

const Accepted* accepted(std::string_view mime) {
  for (const auto& a : kAccepted)
    if (a.mime == mime) return &a;
  return nullptr;
}

[[noreturn]] void corrupt(const std::string& why) {
  log::info("image refused as corrupt", {{"reason", why}});
  throw UploadError(UploadProblem::corrupt, why);
}

// Decodes fully into memory so that any decoding error shows here, with fail_on=error, rather
// than half-way through writing a file.
// square: cropped around the centre; else the whole picture within size x size, never enlarged.
VImage load_thumbnail(std::string_view upload, int size, bool square) {
  VImage out;
  const int rc = square ? vips_thumbnail_buffer(const_cast<char*>(upload.data()), upload.size(), out.out(), size, "height",
                                                size, "crop", VIPS_INTERESTING_CENTRE, "option_string", "fail_on=error",
                                                nullptr)
                        : vips_thumbnail_buffer(const_cast<char*>(upload.data()), upload.size(), out.out(), size, "height",
                                                size, "size", VIPS_SIZE_DOWN, "option_string", "fail_on=error", nullptr);
  if (rc != 0) corrupt(vips_error_text());
  return out;
}

VImage to_srgb(VImage in) {
  if (vips_image_get_interpretation(in.get()) == VIPS_INTERPRETATION_sRGB && vips_image_get_format(in.get()) == VIPS_FORMAT_UCHAR)
    return in;
  VImage out;
  if (vips_colourspace(in.get(), out.out(), VIPS_INTERPRETATION_sRGB, nullptr) != 0) corrupt(vips_error_text());
  if (vips_image_get_format(out.get()) != VIPS_FORMAT_UCHAR) {
    VImage cast;
    if (vips_cast_uchar(out.get(), cast.out(), nullptr) != 0) corrupt(vips_error_text());
    return cast;
  }
  return out;
}

VImage flatten_white(VImage in) {
  if (!vips_image_hasalpha(in.get())) return in;
  VipsArrayDouble* white = vips_array_double_newv(3, 255.0, 255.0, 255.0);
  VImage out;
  const int rc = vips_flatten(in.get(), out.out(), "background", white, nullptr);
  vips_area_unref(reinterpret_cast<VipsArea*>(white));
  if (rc != 0) corrupt(vips_error_text());
  return out;
}

std::string encode(const VImage& img, ImageFormat format) {
  void* buf = nullptr;
  std::size_t len = 0;
  int rc = 0;
  if (format == ImageFormat::webp)
    rc = vips_webpsave_buffer(img.get(), &buf, &len, "Q", 80, "strip", TRUE, nullptr);
  else
    rc = vips_jpegsave_buffer(img.get(), &buf, &len, "Q", 85, "strip", TRUE, "optimize_coding", TRUE, "interlace", TRUE,
                              nullptr);
  if (rc != 0) throw std::runtime_error("image encoding failed: " + vips_error_text());
  std::string out(static_cast<const char*>(buf), len);
  g_free(buf);
  return format == ImageFormat::webp ? without_webp_metadata(out) : out;
}

// Pixels only: a new image built from the raw pixel memory carries no metadata at all, whatever
// a saver's "strip" does (libvips 8.14's WebP saver kept EXIF despite it).
VImage pixels_only(const VImage& in) {
  std::size_t size = 0;
  void* mem = vips_image_write_to_memory(in.get(), &size);
  if (!mem) corrupt(vips_error_text());
  VImage out(vips_image_new_from_memory_copy(mem, size, vips_image_get_width(in.get()), vips_image_get_height(in.get()),
                                             vips_image_get_bands(in.get()), vips_image_get_format(in.get())));
  g_free(mem);
  if (!out) corrupt(vips_error_text());
  VImage tagged;
  if (vips_copy(out.get(), tagged.out(), "interpretation", VIPS_INTERPRETATION_sRGB, nullptr) != 0)
    corrupt(vips_error_text());
  return tagged;
}

VImage resized(const VImage& from, int size, bool square) {
  VImage out;
  const int rc = square ? vips_thumbnail_image(from.get(), out.out(), size, "height", size, "crop", VIPS_INTERESTING_CENTRE,
                                               nullptr)
                        : vips_thumbnail_image(from.get(), out.out(), size, "height", size, "size", VIPS_SIZE_DOWN, nullptr);
  if (rc != 0) corrupt(vips_error_text());
  return pixels_only(out);
}

}  // namespace

ImageFormat image_format_from(std::string_view name) {
  if (name == "webp") return ImageFormat::webp;
  if (name == "jpeg" || name == "jpg") return ImageFormat::jpeg;
  throw std::invalid_argument("image format must be webp or jpeg");
}

std::string_view mime_of(ImageFormat f) { return f == ImageFormat::webp ? "image/webp" : "image/jpeg"; }
std::string_view extension_of(ImageFormat f) { return f == ImageFormat::webp ? "webp" : "jpg"; }

bool accepted_image_type(std::string_view mime) { return accepted(mime) != nullptr; }

namespace {

SquareImages render(std::string_view upload, const std::vector<int>& sizes, ImageFormat format, const ImageLimits& limits,
                    bool square) {
  if (upload.empty()) throw UploadError(UploadProblem::empty, "empty upload");
  if (static_cast<std::int64_t>(upload.size()) > limits.max_bytes)
    throw UploadError(UploadProblem::too_large, "upload larger than the limit", limits.max_bytes);
  if (sizes.empty()) throw std::invalid_argument("square_images: no sizes");

  SquareImages result;
  result.format = format;
  result.source_type = sniff_mime(upload);
  const Accepted* kind = accepted(result.source_type);
  if (!kind) throw UploadError(UploadProblem::unsupported_type, "sniffed as " + result.source_type);

  ensure_vips();
  const char* loader = vips_foreign_find_load_buffer(upload.data(), upload.size());
  if (!loader) corrupt("no loader recognises it: " + vips_error_text());
  if (kind->loader != loader) corrupt(std::string("libmagic and libvips disagree: ") + loader);

  // The header alone (nothing decoded yet) tells the size: refuse decompression bombs here.
  {
    VImage header(vips_image_new_from_buffer(upload.data(), upload.size(), "", "access", VIPS_ACCESS_SEQUENTIAL, nullptr));
    if (!header) corrupt(vips_error_text());
    result.source_width = vips_image_get_width(header.get());
    result.source_height = vips_image_get_height(header.get());
    const auto pixels = static_cast<std::int64_t>(result.source_width) * result.source_height;
    if (result.source_width <= 0 || result.source_height <= 0) corrupt("no pixels");
    if (pixels > limits.max_pixels)
      throw UploadError(UploadProblem::too_many_pixels, "too many pixels", limits.max_pixels);
  }

  // Decode once at the largest size (shrink-on-load keeps that cheap for JPEG), then scale down.
  const int largest = *std::max_element(sizes.begin(), sizes.end());
  VImage base = load_thumbnail(upload, largest, square);
  base = to_srgb(std::move(base));
  if (format == ImageFormat::jpeg) base = flatten_white(std::move(base));
  VImage base_mem = pixels_only(base);

  for (int size : sizes) {
    Rendition r;
    r.size = size;
    VImage scaled = size == largest ? VImage() : resized(base_mem, size, square);
    const VImage& img = scaled ? scaled : base_mem;
    r.bytes = encode(img, format);
    r.width = vips_image_get_width(img.get());
    r.height = vips_image_get_height(img.get());
    result.renditions.push_back(std::move(r));
  }
  return result;
}

}  // namespace

SquareImages square_images(std::string_view upload, const std::vector<int>& sizes, ImageFormat format,
                           const ImageLimits& limits) {
  return render(upload, sizes, format, limits, true);
}

SquareImages fitted_images(std::string_view upload, const std::vector<int>& sizes, ImageFormat format,
                           const ImageLimits& limits) {
  return render(upload, sizes, format, limits, false);
}

}  // namespace qt::media
