#pragma once
// Why an upload was refused, and the answer a person gets (German first, English after): the
// same words for every place that takes files (avatars now, the files plugin later).
#include <cstdint>
#include <stdexcept>
#include <string>

#include "http/response.hpp"

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

  // The HTTP answer: status, a stable code ("upload_too_large", ...) and a message saying what to do.
  http::HttpError to_http() const;

 private:
  UploadProblem problem_;
  std::int64_t limit_;
};

}  // namespace qt::media
