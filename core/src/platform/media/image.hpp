#pragma once
// The image upload pipeline: size limit, type sniffed from the content (JPEG, PNG, WebP, GIF;
// GIF and WebP animations give their first frame), a pixel limit read from the header before
// anything is decoded, then decoded by libvips, turned upright by its EXIF orientation,
// cropped square, scaled to fixed sizes and re-encoded without any metadata (EXIF, GPS, XMP,
// ICC, comments). Only the re-encoded pixels ever reach the disk.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "platform/media/upload_error.hpp"

namespace qt::media {

enum class ImageFormat { webp, jpeg };

ImageFormat image_format_from(std::string_view name);  // "webp" | "jpeg"; throws std::invalid_argument
std::string_view mime_of(ImageFormat f);               // "image/webp" | "image/jpeg"
std::string_view extension_of(ImageFormat f);          // "webp" | "jpg"

struct ImageLimits {
  std::int64_t max_bytes = 5 * 1024 * 1024;
  std::int64_t max_pixels = 40'000'000;  // width x height of the source, before decoding
};

struct Rendition {
  int size = 0;  // the size asked for: width = height when square, else the longer side at most
  std::string bytes;
  int width = 0, height = 0;  // of the encoded picture
};

struct SquareImages {
  std::string source_type;  // sniffed, e.g. "image/jpeg"
  int source_width = 0, source_height = 0;
  ImageFormat format = ImageFormat::webp;
  std::vector<Rendition> renditions;  // in the order of the sizes asked for
};

// Throws UploadError (too large, unsupported type, corrupt, too many pixels, empty).
SquareImages square_images(std::string_view upload, const std::vector<int>& sizes, ImageFormat format,
                           const ImageLimits& limits);

// The same pipeline keeping the picture's proportions: each rendition fits within size x size
// (its longer side at most `size`, never enlarged), e.g. previews of photos in a file store.
SquareImages fitted_images(std::string_view upload, const std::vector<int>& sizes, ImageFormat format,
                           const ImageLimits& limits);

// The accepted types, as libmagic names them.
bool accepted_image_type(std::string_view mime);

}  // namespace qt::media
