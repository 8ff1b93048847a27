#pragma once
// libvips, started once per process and set up for untrusted input: only the loaders Quartier
// asks for by name, no operation cache (it would keep other people's pictures in memory), and
// one worker thread per operation on a small shared machine.
#include <string>

#include <vips/vips.h>

namespace qt::media {

// Idempotent and thread-safe; throws std::runtime_error if libvips cannot start.
void ensure_vips();

// Owns one reference to a VipsImage.
class VImage {
 public:
  VImage() = default;
  explicit VImage(VipsImage* p) : p_(p) {}
  ~VImage() { reset(); }
  VImage(const VImage&) = delete;
  VImage& operator=(const VImage&) = delete;
  VImage(VImage&& o) noexcept : p_(o.p_) { o.p_ = nullptr; }
  VImage& operator=(VImage&& o) noexcept {
    if (this != &o) {
      reset();
      p_ = o.p_;
      o.p_ = nullptr;
    }
    return *this;
  }
  VipsImage* get() const { return p_; }
  VipsImage** out() {  // for vips_*(in, &out, ...) calls
    reset();
    return &p_;
  }
  explicit operator bool() const { return p_ != nullptr; }
  void reset() {
    if (p_) g_object_unref(p_);
    p_ = nullptr;
  }

 private:
  VipsImage* p_ = nullptr;
};

// The message libvips left (then cleared), for logs.
std::string vips_error_text();

}  // namespace qt::media
