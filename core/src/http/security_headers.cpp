#include "http/security_headers.hpp"

namespace qt::http {

void apply_security_headers(Response& res, const SecurityPolicy& policy) {
  auto set_default = [&](std::string_view name, std::string_view value) {
    if (!res.header(name)) res.set_header(name, value);
  };
  set_default("Content-Security-Policy",
              "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
              "font-src 'self'; connect-src 'self'; media-src 'self' blob:; object-src 'none'; "
              "base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
  set_default("X-Content-Type-Options", "nosniff");
  set_default("Referrer-Policy", "strict-origin-when-cross-origin");
  set_default("X-Frame-Options", "DENY");
  set_default("Cross-Origin-Opener-Policy", "same-origin");
  set_default("Cross-Origin-Resource-Policy", "same-origin");
  set_default("Permissions-Policy",
              "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()");
  if (policy.hsts) set_default("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
}

}  // namespace qt::http
