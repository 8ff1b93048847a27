#include "web/gate.hpp"

#include "domain/accounts/accounts.hpp"
#include "domain/credentials/tokens.hpp"
#include "platform/util/clock.hpp"
#include "web/http_util.hpp"

namespace qt::web {
namespace {

bool unsafe_method(const std::string& m) { return m == "POST" || m == "PUT" || m == "PATCH" || m == "DELETE"; }

bool allowed(http::Access access, Role role) {
  switch (access) {
    case http::Access::public_: return true;
    case http::Access::user: return role != Role::none;
    case http::Access::staff: return role >= Role::staff;
    case http::Access::moderator: return role >= Role::moderator;
    case http::Access::admin: return role == Role::admin;
  }
  return false;
}

std::optional<accounts::ActiveSession> sign_in(accounts::Accounts& a, http::Request& req) {
  const auto& settings = a.settings();
  req.language = accounts::pick_language(req, "", settings.languages, settings.default_language);
  auto token = accounts::cookie(req, settings.cookie_name);
  if (!token) return std::nullopt;
  auto session = a.session_for(*token, now_ms());
  if (!session) return std::nullopt;
  req.user_id = session->user_id;
  req.role = accounts::role_from_string(session->role);
  req.session_id = std::to_string(session->id);
  req.language = accounts::pick_language(req, session->language, settings.languages, settings.default_language);
  return session;
}

std::optional<http::Response> gate(accounts::Accounts& a, http::Request& req, const http::Route& route) {
  const auto session = sign_in(a, req);

  // Authenticated API use per person (the baseline's 1,500 per 5 minutes): stops a runaway client.
  if (session)
    if (auto wait = a.spend_api_budget(session->user_id)) {
      auto r = http::Response::error(429, "rate_limited",
                                     "Zu viele Anfragen. Bitte in " + std::to_string(*wait) +
                                         " Sekunden erneut versuchen. / Too many requests.");
      r.set_header("Retry-After", std::to_string(*wait));
      return r;
    }

  const bool unsafe = unsafe_method(req.method);
  const bool upgrade = req.header("upgrade").has_value();  // WebSocket: refuse cross-site hijacking
  if ((unsafe && route.options.csrf) || upgrade)
    if (auto refusal = accounts::cross_site_refusal(req, a.settings().public_url)) return refusal;

  if (!allowed(route.options.access, req.role)) {
    if (req.user_id == 0) return http::Response::error(401, "not_logged_in", "Bitte melden Sie sich an. / Please log in.");
    return http::Response::error(403, "forbidden",
                                 "Dafür fehlt Ihrem Konto die Berechtigung. / Your account may not do this.");
  }

  if (unsafe && route.options.csrf && session) {
    const auto sent = req.header("x-csrf-token");
    if (!sent || !accounts::secrets_equal(*sent, session->csrf_token))
      return http::Response::error(403, "csrf",
                                   "Sicherheitsmerkmal (X-CSRF-Token) fehlt oder passt nicht. Bitte die Seite neu "
                                   "laden und es erneut versuchen. / CSRF token missing or wrong; reload and retry.");
  }
  return std::nullopt;
}

}  // namespace

Gate accounts_gate(accounts::Accounts& accounts) {
  return [&accounts](http::Request& req, const http::Route& route) { return gate(accounts, req, route); };
}

std::optional<http::Response> default_gate(http::Request&, const http::Route& route) {
  if (route.options.access == http::Access::public_) return std::nullopt;
  return http::Response::error(401, "not_logged_in", "Bitte melden Sie sich an. / Please log in.");
}

}  // namespace qt::web
