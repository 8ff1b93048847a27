#include "platform/http/security_headers.hpp"

namespace qt::http {

namespace {
const PagePolicy* page_policy(const SecurityPolicy& policy, std::string_view path) {
  if (path.empty() || path.rfind("/api", 0) == 0) return nullptr;
  for (const auto& p : policy.pages)
    if (path.rfind(p.prefix, 0) == 0) return &p;
  return nullptr;
}

std::string csp(const PagePolicy* page) {
  std::string connect = "'self'";
  if (page && !page->connect_src.empty()) connect += " " + page->connect_src;
  return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
         "font-src 'self'; connect-src " + connect + "; media-src 'self' blob:; manifest-src 'self'; worker-src 'self'; "
         "object-src 'none'; "
         "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
}

std::string permissions(const PagePolicy* page) {
  auto allow = [](bool on) { return on ? std::string("(self)") : std::string("()"); };
  std::string out = "camera=" + allow(page && page->camera) + ", microphone=" + allow(page && page->microphone);
  if (page && page->display_capture) out += ", display-capture=(self)";
  return out + ", geolocation=(), payment=(), usb=(), interest-cohort=()";
}
}  // namespace

void apply_security_headers(Response& res, const SecurityPolicy& policy, std::string_view path) {
  auto set_default = [&](std::string_view name, std::string_view value) {
    if (!res.header(name)) res.set_header(name, value);
  };
  const PagePolicy* page = page_policy(policy, path);
  set_default("Content-Security-Policy", csp(page));
  set_default("X-Content-Type-Options", "nosniff");
  set_default("Referrer-Policy", "strict-origin-when-cross-origin");
  set_default("X-Frame-Options", "DENY");
  set_default("Cross-Origin-Opener-Policy", "same-origin");
  set_default("Cross-Origin-Resource-Policy", "same-origin");
  set_default("Permissions-Policy", permissions(page));
  if (policy.hsts) set_default("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
}

}  // namespace qt::http
