#pragma once
// What a file is, from its content (libmagic), never from its name or a Content-Type header.
#include <string>
#include <string_view>

namespace qt::media {

// The MIME type libmagic reads from the bytes, e.g. "image/png", "text/plain";
// "application/octet-stream" when it cannot tell. Thread-safe.
std::string sniff_mime(std::string_view bytes);

}  // namespace qt::media
