#include "platform/media/sniff.hpp"

#include <magic.h>

#include <mutex>
#include <stdexcept>

namespace qt::media {
namespace {

// One libmagic handle for the process: loading the database costs milliseconds, and a handle
// must not be used by two threads at once, hence the mutex.
class Magic {
 public:
  Magic() : cookie_(magic_open(MAGIC_MIME_TYPE | MAGIC_ERROR)) {
    if (!cookie_ || magic_load(cookie_, nullptr) != 0) {
      const std::string why = cookie_ ? magic_error(cookie_) : "magic_open failed";
      if (cookie_) magic_close(cookie_);
      throw std::runtime_error("libmagic could not load its database (Debian package libmagic-mgc): " + why);
    }
  }
  ~Magic() { magic_close(cookie_); }
  Magic(const Magic&) = delete;
  Magic& operator=(const Magic&) = delete;

  std::string type(std::string_view bytes) {
    std::lock_guard lock(mu_);
    const char* t = magic_buffer(cookie_, bytes.data(), bytes.size());
    return t ? std::string(t) : std::string("application/octet-stream");
  }

 private:
  magic_t cookie_;
  std::mutex mu_;
};

}  // namespace

std::string sniff_mime(std::string_view bytes) {
  if (bytes.empty()) return "application/x-empty";
  static Magic magic;
  return magic.type(bytes);
}

}  // namespace qt::media
