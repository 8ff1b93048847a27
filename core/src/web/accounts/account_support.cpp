#include "web/accounts/account_support.hpp"

#include "domain/accounts/accounts.hpp"
#include "domain/accounts/email_change.hpp"
#include "domain/credentials/password.hpp"
#include "domain/municipality/legal.hpp"
#include "platform/util/clock.hpp"
#include "web/http_util.hpp"

namespace qt::accounts {

boost::json::object me_payload(soci::session& s, const User& u, const std::string& csrf_token,
                               std::int64_t upload_limit) {
  boost::json::object o;
  o["user"] = self_json(u);
  o["csrf_token"] = csrf_token;
  o["consent_required"] = consent_required(s, u.id);
  const auto pending = pending_email_change(s, u.id, now_ms());
  o["pending_email"] = pending ? boost::json::value(pending->new_email) : boost::json::value(nullptr);
  o["avatar_max_bytes"] = upload_limit;
  return o;
}

std::string client_ip(const http::Request& req) {
  return req.remote_address.empty() ? std::string("unknown") : req.remote_address;
}

std::int64_t session_id_of(const http::Request& req) {
  try {
    return req.session_id.empty() ? 0 : std::stoll(req.session_id);
  } catch (...) {
    return 0;
  }
}

void check_password_again(Accounts& a, const User& u, const std::string& password) {
  const std::string key = "reauth:" + std::to_string(u.id);
  if (auto wait = a.limiter().delay(key)) throw TooManyRequests(*wait);
  if (!verify_password(password, u.password_hash)) {
    a.limiter().fail(key, a.settings().login_backoff);
    throw http::HttpError(403, "wrong_password", "Das Passwort stimmt nicht. Bitte das aktuelle Passwort eingeben.");
  }
  a.limiter().succeed(key);
}

const char* const kBadToken =
    "Der Link ist ungültig, abgelaufen oder wurde schon benutzt. Bitte einen neuen anfordern. / "
    "The link is invalid, expired or already used; please request a new one.";

std::string login_lock_key(const std::string& email, std::optional<std::int64_t> known_device) {
  return known_device ? "login-fail-device:" + std::to_string(*known_device) : "login-fail:" + email;
}

void refuse_cross_site(Accounts& a, const http::Request& req) {
  if (auto r = cross_site_refusal(req, a.settings().public_url))
    throw http::HttpError(403, "cross_site",
                          "Anfragen von fremden Websites sind nicht erlaubt. Bitte Quartier direkt aufrufen. / "
                          "Cross-site requests are refused.");
}

void limit(Accounts& a, const std::string& key, Limit l) {
  if (auto wait = a.limiter().hit(key, l)) throw TooManyRequests(*wait);
}

std::string link_request_address(Accounts& a, const http::Request& req, const std::string& key, Limit per_ip,
                                 Limit per_address) {
  refuse_cross_site(a, req);
  auto body = json_body(req, "email");
  const std::string email = normalise_email(required_string(body, "email", "E-Mail-Adresse", 254));
  limit(a, key + "-ip:" + client_ip(req), per_ip);
  limit(a, key + ":" + email, per_address);
  return email;
}

std::string base_url(const Accounts& a) { return a.settings().link_base; }

std::string session_cookie(const Accounts& a, const std::string& token) {
  const auto& s = a.settings();
  std::string c = s.cookie_name + "=" + token + "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" +
                  std::to_string(s.absolute_ms / 1000);
  if (s.secure_cookie) c += "; Secure";
  return c;
}

std::string clear_cookie(const Accounts& a) {
  const auto& s = a.settings();
  std::string c = s.cookie_name + "=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0";
  if (s.secure_cookie) c += "; Secure";
  return c;
}

std::string device_cookie_name(const Accounts& a) { return a.settings().cookie_name + "_device"; }

std::string device_cookie(const Accounts& a, const std::string& token) {
  std::string c = device_cookie_name(a) + "=" + token + "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" +
                  std::to_string(400LL * 24 * 60 * 60);
  if (a.settings().secure_cookie) c += "; Secure";
  return c;
}

}  // namespace qt::accounts
