#pragma once
// Real images for upload tests, made by libvips: a gradient picture in any format, and a JPEG
// that carries EXIF with GPS coordinates and an author name (to prove the pipeline drops them).
#include <string>
#include <vector>

#include "platform/media/vips.hpp"

namespace qt::test {

media::VImage test_picture(int width, int height);  // sRGB, 3 bands
std::string encode_picture(const media::VImage& img, const char* suffix);  // ".png", ".gif", ...
std::string picture_file(int width, int height, const char* suffix);
// JPEG with an EXIF block: GPS 52°31'12" N 13°24'36" E and Artist "Anna Schmidt".
std::string jpeg_with_gps(int width, int height);
// Decodes bytes (throws std::runtime_error if libvips cannot).
media::VImage decode(const std::string& bytes);
// The metadata field names libvips sees (e.g. "exif-ifd3-GPSLatitude", "icc-profile-data").
std::vector<std::string> metadata_fields(const media::VImage& img);
bool has_field_starting(const std::vector<std::string>& fields, const std::string& prefix);

}  // namespace qt::test
