#pragma once
// The web layer's one mapping of a domain error to an HTTP answer (status, code, message,
// details in the one error shape).
#include "domain/errors/error.hpp"
#include "platform/http/response.hpp"

namespace qt::web {

int status_of(domain::ErrorKind kind);
http::Response to_response(const domain::Error& e);

}  // namespace qt::web
