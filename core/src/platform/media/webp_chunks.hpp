#pragma once
// WebP files are RIFF containers; metadata lives in its own chunks (EXIF, XMP, ICCP). libvips
// 8.14.1 (Debian 12) writes a generated EXIF chunk even when asked to strip, so the pipeline
// removes those chunks itself and clears their flags in the VP8X header.
#include <string>

namespace qt::media {

// Returns the file without EXIF, XMP and ICCP chunks; throws std::runtime_error if it is not a
// well-formed WebP file.
std::string without_webp_metadata(const std::string& webp);

}  // namespace qt::media
