#pragma once
// Guest tokens (ABI 1.3 guest_issue / guest_check and ?guest= on plugin WebSockets): who a guest
// without an account is, for a short while. "g1." + base64url(JSON {p: plugin, g: guest id,
// n: name, x: expiry ms}) + "." + base64url(HMAC-SHA-256 of the first two parts). The key is the
// instance's (instance_settings), so every node of a cluster checks every node's tokens.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace qt::plugin_host {

struct GuestIdentity {
  std::string plugin;
  std::string guest_id;  // "g" + 22 base64url characters
  std::string name;
  std::int64_t expires_at = 0;  // UTC ms
};

enum class GuestCheck { ok, invalid, expired };

std::string issue_guest_token(std::string_view key, const GuestIdentity& guest);
// Checks signature, shape, plugin and expiry; fills `out` on ok.
GuestCheck check_guest_token(std::string_view key, std::string_view token, std::string_view plugin, std::int64_t now_ms,
                             GuestIdentity& out);
std::string new_guest_id();

}  // namespace qt::plugin_host
