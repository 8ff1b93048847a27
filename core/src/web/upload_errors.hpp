#pragma once
// The HTTP answer to a refused upload: status (413, 415, 422, 400), a stable code
// ("upload_too_large", ...) and a message saying what to do, German first, English after: the
// same words for every place that takes files.
#include "platform/http/response.hpp"
#include "platform/media/upload_error.hpp"

namespace qt::web {

http::HttpError upload_refusal(const media::UploadError& e);

}  // namespace qt::web
