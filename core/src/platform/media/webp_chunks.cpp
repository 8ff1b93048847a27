#include "platform/media/webp_chunks.hpp"

#include <cstdint>
#include <stdexcept>
#include <string_view>

namespace qt::media {
namespace {

std::uint32_t le32(std::string_view s, std::size_t at) {
  return static_cast<std::uint32_t>(static_cast<unsigned char>(s[at])) |
         static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + 1])) << 8 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + 2])) << 16 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + 3])) << 24;
}

void put_le32(std::string& s, std::size_t at, std::uint32_t v) {
  for (std::size_t i = 0; i < 4; ++i) s[at + i] = static_cast<char>((v >> (8 * i)) & 0xff);
}

// VP8X flags (RIFF container spec): ICC profile, EXIF, XMP.
constexpr unsigned char kIccFlag = 0x20, kExifFlag = 0x08, kXmpFlag = 0x04;

}  // namespace

std::string without_webp_metadata(const std::string& webp) {
  const std::string_view in = webp;
  if (in.size() < 12 || in.substr(0, 4) != "RIFF" || in.substr(8, 4) != "WEBP")
    throw std::runtime_error("not a WebP file");
  std::string out(in.substr(0, 12));
  std::size_t pos = 12;
  while (pos + 8 <= in.size()) {
    const auto fourcc = in.substr(pos, 4);
    const std::size_t size = le32(in, pos + 4);
    const std::size_t padded = size + (size & 1);
    if (pos + 8 + padded > in.size() && pos + 8 + size != in.size()) throw std::runtime_error("truncated WebP chunk");
    const std::size_t take = std::min(padded, in.size() - pos - 8);
    if (fourcc != "EXIF" && fourcc != "XMP " && fourcc != "ICCP") {
      std::string chunk(in.substr(pos, 8 + take));
      if (fourcc == "VP8X" && size >= 1)
        chunk[8] = static_cast<char>(static_cast<unsigned char>(chunk[8]) & ~(kIccFlag | kExifFlag | kXmpFlag));
      out += chunk;
    }
    pos += 8 + take;
  }
  put_le32(out, 4, static_cast<std::uint32_t>(out.size() - 8));
  return out;
}

}  // namespace qt::media
