#pragma once
// The headers every response carries (shared/reference/security-baseline.md, ASVS V14.4).
#include <string>
#include <string_view>
#include <vector>

#include "platform/http/response.hpp"

namespace qt::http {

// Pages (paths outside /api) under `prefix` that may use the camera and the microphone (a
// plugin's video room asks for it through page_policy_add, ABI 1.3); every other page keeps
// them off. connect_src: extra CSP connect-src sources for these pages (the TURN/STUN servers).
struct PagePolicy {
  std::string prefix;  // "/video/room/"
  bool camera = false;
  bool microphone = false;
  bool display_capture = false;
  std::string connect_src;  // "stun:stun.example.de:3478 turn:turn.example.de:3478", may be empty
};

struct SecurityPolicy {
  bool hsts = false;  // only when served over TLS (public_url is https)
  std::vector<PagePolicy> pages;
};

// Adds the baseline headers unless the handler already set that header. `path` (the request's)
// selects a PagePolicy for pages outside /api.
void apply_security_headers(Response& res, const SecurityPolicy& policy, std::string_view path = {});

}  // namespace qt::http
