#pragma once
// The headers every response carries (shared/reference/security-baseline.md, ASVS V14.4).
#include "http/response.hpp"

namespace qt::http {

struct SecurityPolicy {
  bool hsts = false;  // only when served over TLS (public_url is https)
};

// Adds the baseline headers unless the handler already set that header (a plugin page, e.g.
// video rooms, may widen Permissions-Policy for itself).
void apply_security_headers(Response& res, const SecurityPolicy& policy);

}  // namespace qt::http
