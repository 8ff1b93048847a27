#pragma once
// Standard base64 (with padding) for putting stored files into JSON exports.
#include <string>
#include <string_view>

namespace qt::media {

std::string base64(std::string_view bytes);

}  // namespace qt::media
