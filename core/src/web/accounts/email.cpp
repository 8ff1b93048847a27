// Changing one's e-mail address: POST /api/me/email (password again, link to the new address,
// notice to the old one) and POST /api/auth/email-change/confirm (the link; switches the address).
#include <boost/json/object.hpp>

#include "domain/accounts/accounts.hpp"
#include "domain/accounts/audit.hpp"
#include "domain/accounts/email_change.hpp"
#include "domain/accounts/mails.hpp"
#include "platform/log/log.hpp"
#include "platform/mail/message.hpp"
#include "platform/mail/outbox.hpp"
#include "platform/util/clock.hpp"
#include "web/accounts/account_support.hpp"
#include "web/accounts/token_mail.hpp"
#include "web/http_util.hpp"
#include "platform/db/transaction.hpp"

namespace qt::accounts {
namespace {

using http::HttpError;
using http::Request;
using http::Response;

const char* kBadLink =
    "Der Link ist ungültig, abgelaufen oder wurde schon benutzt. Bitte die Änderung in den Einstellungen neu "
    "anfordern. / The link is invalid, expired or already used; please request the change again.";

Response request_change(Accounts& a, Request& req) {
  if (auto wait = a.limiter().hit("email-change:" + std::to_string(req.user_id), a.settings().email_change_per_user))
    throw TooManyRequests(*wait);
  auto body = json_body(req, "new_email,current_password");
  const std::string email = normalise_email(required_string(body, "new_email", "Neue E-Mail-Adresse", 254));
  const std::string password = required_string(body, "current_password", "Aktuelles Passwort", 4096);
  if (!mail::plausible_address(email))
    throw HttpError(400, "invalid_email",
                    "Bitte eine gültige E-Mail-Adresse angeben. / Please enter a valid e-mail address.");
  std::optional<User> u;
  {
    auto lease = a.db().read();
    u = load_user(lease.session(), req.user_id);
  }
  if (!u) throw HttpError(401, "not_logged_in", "Bitte melden Sie sich an. / Please log in.");
  check_password_again(a, *u, password);
  if (email == u->email)
    throw HttpError(400, "same_email",
                    "Das ist schon Ihre E-Mail-Adresse. / This is already your e-mail address.");

  const auto now = now_ms();
  const std::string base = base_url(a);
  auto lease = a.db().write();
  auto& s = lease.session();
  db::Transaction tx(s);
  if (load_user_by_email(s, email)) {
    // Taken: the answer is the same as for a free address, so nobody learns who has an account
    // here; the address's owner is told that someone tried.
    a.outbox().queue(s, mails::email_change_taken(email, a.settings().municipality));
  } else {
    send_token_mail(
        a, s, base, "/email-change?token=",
        [&] { return issue_email_change(s, u->id, email, now, a.settings().confirm_token_ms); },
        [&](const std::string& link) { return mails::email_change_confirm(email, a.settings().municipality, link); });
  }
  a.outbox().queue(s, mails::email_change_requested(u->email, a.settings().municipality, email, base + "/password-reset"));
  audit(s, u->id, "user.email_change_requested", "user", u->id, {}, now);
  tx.commit();
  return Response::json(
      boost::json::object{{"status", "confirmation_sent"},
                          {"message", "Wir haben einen Bestätigungslink an " + email +
                                          " geschickt. Ihre Adresse ändert sich erst, wenn Sie ihn öffnen. / We sent a "
                                          "confirmation link to the new address; it changes only once you open it."}},
      202);
}

Response confirm_change(Accounts& a, Request& req) {
  if (auto r = cross_site_refusal(req, a.settings().public_url))
    throw HttpError(403, "cross_site",
                    "Anfragen von fremden Websites sind nicht erlaubt. Bitte Quartier direkt aufrufen. / "
                    "Cross-site requests are refused.");
  if (auto wait = a.limiter().hit("email-change-confirm-ip:" + client_ip(req), {60, std::chrono::minutes(30)}))
    throw TooManyRequests(*wait);
  auto body = json_body(req, "token");
  const std::string token = required_string(body, "token", "Bestätigungscode", 200);
  const auto now = now_ms();
  auto lease = a.db().write();
  auto& s = lease.session();
  db::Transaction tx(s);
  const auto change = consume_email_change(s, token, now);
  if (!change) throw HttpError(400, "token_invalid", kBadLink);
  auto u = load_user(s, change->user_id);
  if (!u || u->status == "deleted" || u->status == "disabled" || u->status == "suspended")
    throw HttpError(400, "token_invalid", kBadLink);
  // Taken since the request (or by a race): refused; the link has proved the address, so
  // saying so tells its owner nothing new.
  if (auto other = load_user_by_email(s, change->new_email); other && other->id != u->id)
    throw HttpError(409, "email_taken",
                    "Diese E-Mail-Adresse gehört inzwischen zu einem anderen Konto. Bitte eine andere wählen. / "
                    "This address now belongs to another account.");
  const long long id = u->id, t = now;
  s << "UPDATE users SET email = :e, email_confirmed_at = :t, updated_at = :t2 WHERE id = :id",
      soci::use(change->new_email), soci::use(t), soci::use(t), soci::use(id);
  a.outbox().queue(s, mails::email_changed(u->email, a.settings().municipality, change->new_email,
                                           base_url(a) + "/password-reset"));
  audit(s, u->id, "user.email_changed", "user", u->id, {}, now);
  tx.commit();
  log::info("e-mail address changed", {{"user_id", u->id}});
  return Response::json(boost::json::object{
      {"status", "email_changed"},
      {"email", change->new_email},
      {"message", "Ihre E-Mail-Adresse ist geändert. Melden Sie sich künftig mit der neuen Adresse an. / Your e-mail "
                  "address has been changed."}});
}

}  // namespace

void add_email_routes(Accounts& a, http::Router& r) {
  const http::RouteOptions user{http::Access::user, true, "core"};
  const http::RouteOptions open{http::Access::public_, false, "core"};
  r.post("/api/me/email", with_retry_after([&a](Request& q) { return request_change(a, q); }), user);
  r.post("/api/auth/email-change/confirm", with_retry_after([&a](Request& q) { return confirm_change(a, q); }), open);
}

}  // namespace qt::accounts
