#include "web/errors.hpp"

namespace qt::web {

int status_of(domain::ErrorKind kind) {
  switch (kind) {
    case domain::ErrorKind::invalid: return 400;
    case domain::ErrorKind::unauthenticated: return 401;
    case domain::ErrorKind::denied: return 403;
    case domain::ErrorKind::not_found: return 404;
    case domain::ErrorKind::conflict: return 409;
    case domain::ErrorKind::rate_limited: return 429;
  }
  return 500;
}

http::Response to_response(const domain::Error& e) {
  return http::Response::error(status_of(e.kind()), e.code(), e.what(), e.details());
}

}  // namespace qt::web
