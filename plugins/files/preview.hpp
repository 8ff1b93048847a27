#pragma once
// Previews of pictures, re-encoded by the core's image pipeline (no EXIF, no GPS).
#include <string>
#include <string_view>

#include "item.hpp"

namespace files {

bool picture(std::string_view mime);
// The preview's blob key for a picture blob, "" for anything else or what the pipeline refuses.
std::string render_preview(const std::string& blob_key, std::string_view mime);
// Renders and records the preview of a stored item (after its scan said "clean").
void add_preview(const Item& it);

}  // namespace files
