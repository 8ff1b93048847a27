#pragma once
// The request gate, run before every routed handler and on WebSocket upgrades: resolves the
// session cookie into req.user_id/role/session_id/language, spends the person's API budget,
// refuses cross-site requests, enforces the route's access rule and the CSRF token. Returns a
// response to stop the request (401/403/429), nothing to let it pass.
#include <functional>
#include <optional>

#include "platform/http/request.hpp"
#include "platform/http/response.hpp"
#include "platform/http/router.hpp"

namespace qt::accounts {
class Accounts;
}

namespace qt::web {

using Gate = std::function<std::optional<http::Response>(http::Request&, const http::Route&)>;

Gate accounts_gate(accounts::Accounts& accounts);

// Without the accounts gate nothing non-public may pass.
std::optional<http::Response> default_gate(http::Request& req, const http::Route& route);

}  // namespace qt::web
