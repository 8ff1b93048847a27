#pragma once
// Why an upload was refused (web/upload_errors.hpp turns it into the answer a person gets).
#include <cstdint>
#include <stdexcept>
#include <string>

namespace qt::media {

enum class UploadProblem {
  too_large,         // more bytes than allowed (413)
  unsupported_type,  // the content is not one of the accepted types, whatever its name says (415)
  corrupt,           // claims to be an image but cannot be decoded (422)
  too_many_pixels,   // decoding would need too much memory: a decompression bomb (422)
  empty,             // no content at all (400)
};

class UploadError : public std::runtime_error {
 public:
  UploadError(UploadProblem problem, std::string detail, std::int64_t limit = 0)
      : std::runtime_error(detail), problem_(problem), limit_(limit) {}
  UploadProblem problem() const { return problem_; }
  std::int64_t limit() const { return limit_; }  // bytes or pixels, where it applies

 private:
  UploadProblem problem_;
  std::int64_t limit_;
};

}  // namespace qt::media
