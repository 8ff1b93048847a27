#include "platform/media/vips.hpp"

#include <mutex>
#include <stdexcept>
#include <string>

namespace qt::media {

void ensure_vips() {
  static std::once_flag once;
  static bool ok = false;
  std::call_once(once, [] {
    if (vips_init("quartier") != 0) return;
    vips_cache_set_max(0);
    vips_cache_set_max_mem(0);
    vips_concurrency_set(1);
    // Loaders and savers that are not meant for untrusted input (ImageMagick, matio, ...) are off.
    vips_block_untrusted_set(TRUE);
    // libvips warns on stderr about every damaged upload; the pipeline logs its own refusal.
    g_log_set_handler("VIPS", static_cast<GLogLevelFlags>(G_LOG_LEVEL_WARNING | G_LOG_LEVEL_MESSAGE),
                      [](const gchar*, GLogLevelFlags, const gchar*, gpointer) {}, nullptr);
    ok = true;
  });
  if (!ok) throw std::runtime_error("libvips could not start (Debian package libvips42): " + vips_error_text());
}

std::string vips_error_text() {
  std::string s = vips_error_buffer();
  vips_error_clear();
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

}  // namespace qt::media
