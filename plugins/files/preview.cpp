#include "preview.hpp"

#include <quartier/plugin.hpp>

#include "blobs.hpp"

namespace files {

bool picture(std::string_view mime) {
  return mime == "image/jpeg" || mime == "image/png" || mime == "image/webp" || mime == "image/gif";
}

std::string render_preview(const std::string& blob_key, std::string_view mime) {
  if (!picture(mime)) return {};
  auto preview = quartier::render_image(blob_key, 1024, false);
  return preview ? preview->key : std::string();
}

void add_preview(const Item& it) {
  const auto key = render_preview(it.blob_key, it.mime);
  if (key.empty()) return;
  quartier::Statement s("UPDATE files_items SET preview_key = :p WHERE id = :id");
  s.bind("p", key).bind("id", it.id);
  s.run();
  if (s.changes() == 0) drop_if_unused(key);  // the item went meanwhile
}

}  // namespace files
