// POST /api/auth/*: register, confirm, login, logout, password reset. These are public routes
// (no session yet), so CSRF is the Origin / Sec-Fetch-Site check each handler makes itself.
#include <boost/json/object.hpp>

#include "domain/accounts/accounts.hpp"
#include "domain/accounts/display_name.hpp"
#include "domain/accounts/audit.hpp"
#include "domain/credentials/devices.hpp"
#include "domain/accounts/mails.hpp"
#include "domain/credentials/one_time_tokens.hpp"
#include "domain/credentials/password.hpp"
#include "domain/credentials/sessions.hpp"
#include "domain/credentials/tokens.hpp"
#include "domain/municipality/instance_settings.hpp"
#include "domain/municipality/legal.hpp"
#include "domain/push/subscriptions.hpp"
#include "platform/log/log.hpp"
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

Response accepted(const char* status, const char* message) {
  return Response::json(boost::json::object{{"status", status}, {"message", message}}, 202);
}

// What a registration asks for, read and checked before the writer is taken.
struct Registration {
  std::string email, password, display_name, language;
  std::optional<std::int64_t> neighbourhood;
  bool accept = false;
  std::optional<std::string> invitation;
};

Registration read_registration(Accounts& a, const Request& req) {
  auto body = json_body(req, "email,password,display_name,neighbourhood_id,language,accept_terms,invitation");
  Registration r;
  r.email = normalise_email(required_string(body, "email", "E-Mail-Adresse", 254));
  r.password = required_string(body, "password", "Passwort", 4096);
  r.display_name = required_string(body, "display_name", "Anzeigename", 240);
  r.neighbourhood = optional_int(body, "neighbourhood_id", "Quartier");
  r.language = optional_string(body, "language", "Sprache", 10).value_or("");
  r.accept = optional_bool(body, "accept_terms", "Zustimmung").value_or(false);
  r.invitation = optional_string(body, "invitation", "Einladung", 100);

  if (!mail::plausible_address(r.email))
    throw HttpError(400, "invalid_email", "Bitte eine gültige E-Mail-Adresse angeben. / Please enter a valid e-mail address.");
  r.display_name = checked_display_name(r.display_name);
  if (auto problem = password_problem(r.password, r.email, r.display_name)) throw HttpError(400, "weak_password", *problem);
  const auto& languages = a.settings().languages;
  if (!r.language.empty() && std::find(languages.begin(), languages.end(), r.language) == languages.end())
    throw HttpError(400, "invalid_language", "Diese Sprache wird hier nicht angeboten.");
  return r;
}

// The invitation a registration carries; it decides role and proves the address.
struct Invitation {
  long long id = 0;
  std::string role = "resident", department;
};

Invitation check_invitation(soci::session& s, const Registration& r, std::int64_t now) {
  Invitation inv;
  if (!r.invitation) return inv;
  const std::string h = hash_token(*r.invitation);
  std::string inv_email;
  long long expires = 0;
  soci::indicator accepted_ind = soci::i_ok;
  long long accepted = 0;
  s << "SELECT id, email, role, department, expires_at, accepted_at FROM invitations WHERE token_hash = :h",
      soci::use(h), soci::into(inv.id), soci::into(inv_email), soci::into(inv.role), soci::into(inv.department),
      soci::into(expires), soci::into(accepted, accepted_ind);
  if (!s.got_data() || accepted_ind == soci::i_ok || expires <= now)
    throw HttpError(400, "invitation_invalid",
                    "Die Einladung ist ungültig, abgelaufen oder wurde schon benutzt. Bitten Sie um eine neue Einladung.");
  if (inv_email != r.email)
    throw HttpError(400, "invitation_email", "Bitte mit der E-Mail-Adresse registrieren, an die die Einladung ging.");
  return inv;
}

// Invitation or mode, consent, neighbourhood: what the database must say yes to.
Invitation check_admission(soci::session& s, const Registration& r, const std::string& mode, std::int64_t now) {
  if (!r.invitation && mode == "invite")
    throw HttpError(403, "invite_only",
                    "Registrieren ist hier nur mit einer Einladung möglich. Bitte wenden Sie sich an die Verwaltung.");
  auto inv = check_invitation(s, r, now);
  if (!consent_required(s, 0).empty() && !r.accept)
    throw HttpError(400, "consent_required",
                    "Bitte stimmen Sie den Nutzungsbedingungen und der Datenschutzerklärung zu (accept_terms). / "
                    "Please accept the terms and the privacy statement.");
  if (r.neighbourhood) {
    long long found = 0;
    const long long nb = *r.neighbourhood;
    s << "SELECT COUNT(*) FROM neighbourhoods WHERE id = :id", soci::use(nb), soci::into(found);
    if (found == 0) throw HttpError(400, "unknown_neighbourhood", "Dieses Quartier gibt es nicht. Bitte eins aus der Liste wählen.");
  }
  return inv;
}

const char* kConfirmationSent =
    "Wir haben Ihnen eine E-Mail geschickt. Bitte bestätigen Sie Ihre Adresse mit dem Link darin.";

std::int64_t insert_registered_user(soci::session& s, const Registration& r, const Invitation& inv,
                                    const std::string& hash, std::int64_t now) {
  User u;
  u.email = r.email;
  u.display_name = r.display_name;
  u.password_hash = hash;
  u.role = inv.role;
  u.department = inv.department;
  u.neighbourhood_id = r.neighbourhood;
  u.language = r.language;
  u.created_at = u.updated_at = now;
  if (r.invitation) {
    u.status = "active";
    u.email_confirmed_at = now;
  }
  const auto id = insert_user(s, u);
  consent_to_current(s, id, now);
  return id;
}

void accept_invitation(soci::session& s, const Invitation& inv, std::int64_t user_id, std::int64_t now) {
  const long long uid = user_id, t = now, inv_id = inv.id;
  s << "UPDATE invitations SET accepted_at = :t, accepted_user_id = :u WHERE id = :id", soci::use(t), soci::use(uid),
      soci::use(inv_id);
  audit(s, 0, "invitation.accepted", "user", user_id, {{"role", inv.role}, {"invitation_id", inv.id}}, now);
}

Response do_register(Accounts& a, Request& req) {
  refuse_cross_site(a, req);
  limit(a, "register-ip:" + client_ip(req), a.settings().register_per_ip);
  const auto r = read_registration(a, req);
  const std::string hash = hash_password(r.password);  // before taking the writer: hashing is slow
  const auto now = now_ms();
  const std::string base = base_url(a);
  auto lease = a.db().write();
  auto& s = lease.session();
  db::Transaction tx(s);
  const std::string mode = registration_mode(s, a.settings().registration_default);
  const auto inv = check_admission(s, r, mode, now);

  if (auto existing = load_user_by_email(s, r.email)) {
    // Same answer as for a new address, so nobody learns who is registered; the owner gets a hint.
    if (existing->status != "deleted" && !r.invitation)
      a.outbox().queue(s, mails::already_registered(r.email, a.settings().municipality, base + "/password-reset"));
    tx.commit();
    if (r.invitation) throw HttpError(409, "email_taken", "Für diese E-Mail-Adresse gibt es schon ein Konto. Bitte anmelden.");
    return accepted("confirmation_sent", kConfirmationSent);
  }
  const auto id = insert_registered_user(s, r, inv, hash, now);
  if (r.invitation) {
    accept_invitation(s, inv, id, now);
    tx.commit();
    return Response::json(boost::json::object{{"status", "active"},
                                              {"message", "Ihr Konto ist angelegt. Sie können sich jetzt anmelden."}},
                          201);
  }
  send_confirmation_mail(a, s, base, id, r.email, now);
  tx.commit();
  log::info("registration", {{"user_id", id}, {"mode", mode}});
  return accepted("confirmation_sent", kConfirmationSent);
}

Response do_confirm(Accounts& a, Request& req) {
  refuse_cross_site(a, req);
  limit(a, "confirm-ip:" + client_ip(req), {60, std::chrono::minutes(30)});
  auto body = json_body(req, "token");
  const std::string token = required_string(body, "token", "Bestätigungscode", 200);
  const auto now = now_ms();
  auto lease = a.db().write();
  auto& s = lease.session();
  db::Transaction tx(s);
  const auto uid = consume_token(s, token, "confirm", now);
  if (!uid) throw HttpError(400, "token_invalid", kBadToken);
  auto u = load_user(s, *uid);
  if (!u || u->status == "deleted") throw HttpError(400, "token_invalid", kBadToken);
  const long long id = *uid, t = now;
  std::string status = u->status;
  if (u->status == "pending") {
    status = registration_mode(s, a.settings().registration_default) == "approval" ? "pending" : "active";
    s << "UPDATE users SET email_confirmed_at = :t, status = :s, updated_at = :t2 WHERE id = :id", soci::use(t),
        soci::use(status), soci::use(t), soci::use(id);
    if (status == "pending") {
      // Tell the admins, so nobody waits unnoticed.
      std::vector<std::string> admins;
      std::string email;
      soci::statement st = (s.prepare << "SELECT email FROM users WHERE role = 'admin' AND status = 'active' ORDER BY id",
                            soci::into(email));
      st.execute();
      while (st.fetch()) admins.push_back(email);
      for (const auto& to : admins)
        a.outbox().queue(s, mails::awaiting_approval(to, a.settings().municipality, u->display_name,
                                                     base_url(a) + "/admin/people"));
    }
  }
  tx.commit();
  if (status == "pending")
    return Response::json(boost::json::object{
        {"status", "awaiting_approval"},
        {"message", "Danke! Ihre Adresse ist bestätigt. Die Verwaltung schaltet Ihr Konto bald frei; Sie bekommen dann eine E-Mail."}});
  return Response::json(boost::json::object{{"status", "active"},
                                            {"message", "Danke! Ihre Adresse ist bestätigt. Sie können sich jetzt anmelden."}});
}

// The address a new mail link is asked for (confirmation resend, password reset), within the
// limits per client address ("<key>-ip:") and per e-mail address ("<key>:").
Response do_resend(Accounts& a, Request& req) {
  const auto& limits = a.settings();
  const std::string email =
      link_request_address(a, req, "confirm-mail", limits.confirm_mail_per_address, limits.confirm_mail_per_address);
  const auto now = now_ms();
  auto lease = a.db().write();
  auto& s = lease.session();
  db::Transaction tx(s);
  if (auto u = load_user_by_email(s, email); u && u->status == "pending" && !u->email_confirmed_at) {
    send_confirmation_mail(a, s, base_url(a), u->id, email, now);
  }
  tx.commit();
  return accepted("confirmation_sent",
                  "Wenn zu dieser Adresse eine unbestätigte Registrierung gehört, ist eine neue E-Mail unterwegs.");
}

// Who signed in, and from which known device (nullopt: a device the account has not seen).
struct SignIn {
  User user;
  std::optional<std::int64_t> device;
};

[[noreturn]] void refuse_locked(std::int64_t wait) {
  throw TooManyRequests(
      wait, "login_locked",
      "Zu viele falsche Passwörter für dieses Konto. Auf einem Gerät, mit dem Sie sich hier schon angemeldet haben, "
      "geht die Anmeldung weiter. Sonst schicken wir Ihnen einen Link, der dieses Gerät freischaltet, oder Sie "
      "versuchen es in " + std::to_string(wait) + " Sekunden erneut. / Too many wrong passwords for this account: "
      "sign in from a device you used before, ask for an unlock link by e-mail, or try again in " +
      std::to_string(wait) + " seconds.");
}

// The account behind email and password, with the delays and limits that slow down guessing;
// 401 for a wrong pair, whether or not the address is known. Only failures count against the
// client address: behind a proxy or a town hall's NAT many residents share one, and their right
// passwords must not lock each other out. Failures from a device the account knows count against
// that device alone, so strangers guessing lock out unknown devices, never the owner's.
SignIn check_credentials(Accounts& a, const Request& req, const std::string& email, const std::string& password) {
  const std::string ip = client_ip(req);
  const std::string delay_key = "login-delay:" + email + "|" + ip;
  const std::string ip_key = "login-ip:" + ip;
  if (auto wait = a.limiter().check(ip_key, a.settings().login_per_ip)) throw TooManyRequests(*wait);
  if (auto wait = a.limiter().delay(delay_key)) throw TooManyRequests(*wait);

  SignIn in;
  std::optional<User> u;
  {
    auto lease = a.db().read();
    u = load_user_by_email(lease.session(), email);
    if (auto token = cookie(req, device_cookie_name(a)); token && u) in.device = find_known_device(lease.session(), *token, u->id);
  }
  const std::string lock_key = login_lock_key(email, in.device);
  if (auto wait = a.limiter().check(lock_key, a.settings().login_per_account)) refuse_locked(*wait);

  bool ok = false;
  if (u && u->status != "deleted")
    ok = verify_password(password, u->password_hash);
  else
    verify_dummy_password(password);
  if (!ok) {
    a.limiter().hit(ip_key, a.settings().login_per_ip);
    a.limiter().hit(lock_key, a.settings().login_per_account);
    a.limiter().fail(delay_key, a.settings().login_backoff);
    log::info("login failed", {{"user_known", u.has_value()}, {"known_device", in.device.has_value()}});
    throw HttpError(401, "invalid_credentials",
                    "E-Mail-Adresse oder Passwort stimmen nicht. Bitte erneut versuchen oder das Passwort "
                    "zurücksetzen. / Wrong e-mail address or password.");
  }
  a.limiter().succeed(delay_key);
  in.user = *u;
  return in;
}

// 403 unless the account may log in now.
void require_active(const User& u) {
  if (u.status == "pending" && !u.email_confirmed_at)
    throw HttpError(403, "email_not_confirmed",
                    "Bitte bestätigen Sie zuerst Ihre E-Mail-Adresse mit dem Link aus unserer E-Mail. Keine E-Mail "
                    "bekommen? Sie können sie neu anfordern. / Please confirm your e-mail address first.");
  if (u.status == "pending")
    throw HttpError(403, "awaiting_approval",
                    "Ihr Konto wartet noch auf die Freischaltung durch die Verwaltung. Sie bekommen eine E-Mail, "
                    "sobald es so weit ist. / Your account awaits approval.");
  if (u.status != "active")
    throw HttpError(403, "account_disabled",
                    "Dieses Konto ist gesperrt. Bitte wenden Sie sich an die Verwaltung. / This account is disabled.");
}

Response do_login(Accounts& a, Request& req) {
  refuse_cross_site(a, req);
  const std::string ip = client_ip(req);
  auto body = json_body(req, "email,password");
  const std::string email = normalise_email(required_string(body, "email", "E-Mail-Adresse", 254));
  const std::string password = required_string(body, "password", "Passwort", 4096);
  const SignIn in = check_credentials(a, req, email, password);
  const User& u = in.user;
  require_active(u);

  std::string new_hash;
  if (password_needs_rehash(u.password_hash)) new_hash = hash_password(password);
  const auto now = now_ms();
  auto lease = a.db().write();
  auto& s = lease.session();
  db::Transaction tx(s);
  // A new token at every login (ASVS V3.2.1); the session the browser came with ends.
  if (auto old = cookie(req, a.settings().cookie_name); old && old->size() < 100) {
    const std::string h = hash_token(*old);
    s << "DELETE FROM sessions WHERE token_hash = :h", soci::use(h);
  }
  if (!new_hash.empty()) {
    const long long id = u.id;
    s << "UPDATE users SET password_hash = :h WHERE id = :id", soci::use(new_hash), soci::use(id);
  }
  const auto ip_hash = hash_ip(ip, ip_hash_salt(s, now));
  const auto session = create_session(s, u.id, now, a.settings().absolute_ms,
                                      std::string(req.header("user-agent").value_or("")), ip_hash);
  auto payload = me_payload(s, u, session.csrf_token, a.settings().avatars.limits.max_bytes);
  std::string new_device;
  if (in.device)
    touch_device(s, *in.device, now);
  else
    new_device = remember_device(s, u.id, now, std::string(req.header("user-agent").value_or("")));
  tx.commit();
  log::info("login", {{"user_id", u.id}});
  auto r = Response::json(payload);
  r.headers.push_back({"Set-Cookie", session_cookie(a, session.token)});
  if (!new_device.empty()) r.headers.push_back({"Set-Cookie", device_cookie(a, new_device)});
  r.set_header("Cache-Control", "no-store");
  return r;
}

Response do_logout(Accounts& a, Request& req) {
  {
    auto lease = a.db().write();
    delete_session(lease.session(), session_id_of(req));
  }
  auto r = Response::no_content();
  r.headers.push_back({"Set-Cookie", clear_cookie(a)});
  return r;
}

Response do_logout_all(Accounts& a, Request& req) {
  std::int64_t n = 0;
  {
    auto lease = a.db().write();
    db::Transaction tx(lease.session());
    n = delete_user_sessions(lease.session(), req.user_id);
    // A lost phone must stop showing their notifications too: every push device goes.
    qt::push::Subscriptions::erase_person(lease.session(), req.user_id);
    tx.commit();
  }
  auto r = Response::json(boost::json::object{{"revoked", n}});
  r.headers.push_back({"Set-Cookie", clear_cookie(a)});
  return r;
}

Response do_reset_request(Accounts& a, Request& req) {
  const std::string email =
      link_request_address(a, req, "reset", a.settings().reset_per_ip, a.settings().reset_per_address);
  const auto now = now_ms();
  auto lease = a.db().write();
  auto& s = lease.session();
  db::Transaction tx(s);
  if (auto u = load_user_by_email(s, email); u && (u->status == "active" || u->status == "pending")) {
    send_reset_mail(a, s, base_url(a), u->id, email, now);
  }
  tx.commit();
  return accepted("reset_sent",
                  "Wenn es zu dieser Adresse ein Konto gibt, ist eine E-Mail mit einem Link zum Zurücksetzen unterwegs.");
}

Response do_reset_confirm(Accounts& a, Request& req) {
  refuse_cross_site(a, req);
  limit(a, "reset-confirm-ip:" + client_ip(req), a.settings().reset_per_ip);
  auto body = json_body(req, "token,password");
  const std::string token = required_string(body, "token", "Code", 200);
  const std::string password = required_string(body, "password", "Passwort", 4096);
  if (auto problem = password_problem(password)) throw HttpError(400, "weak_password", *problem);
  const std::string hash = hash_password(password);
  const auto now = now_ms();
  auto lease = a.db().write();
  auto& s = lease.session();
  db::Transaction tx(s);
  const auto uid = consume_token(s, token, "reset", now);
  if (!uid) throw HttpError(400, "token_invalid", kBadToken);
  auto u = load_user(s, *uid);
  if (!u || u->status == "deleted" || u->status == "disabled" || u->status == "suspended")
    throw HttpError(400, "token_invalid", kBadToken);
  if (auto problem = password_problem(password, u->email, u->display_name))
    throw HttpError(400, "weak_password", *problem);  // rolls back: the link still works
  const long long id = *uid, t = now;
  s << "UPDATE users SET password_hash = :h, updated_at = :t WHERE id = :id", soci::use(hash), soci::use(t),
      soci::use(id);
  // The link proved the address.
  s << "UPDATE users SET email_confirmed_at = :t WHERE id = :id AND email_confirmed_at IS NULL", soci::use(t),
      soci::use(id);
  delete_user_sessions(s, *uid);
  forget_devices(s, *uid);
  qt::push::Subscriptions::erase_person(s, *uid);
  a.outbox().queue(s, mails::password_changed(u->email, a.settings().municipality, base_url(a) + "/password-reset"));
  tx.commit();
  log::info("password reset", {{"user_id", *uid}});
  return Response::json(boost::json::object{
      {"status", "password_changed"},
      {"message", "Ihr Passwort ist geändert. Bitte melden Sie sich mit dem neuen Passwort an; alle anderen Anmeldungen wurden beendet."}});
}

}  // namespace

void add_auth_routes(Accounts& a, http::Router& r) {
  using http::Access;
  const http::RouteOptions open{Access::public_, false, "core"};
  const http::RouteOptions user{Access::user, true, "core"};
  const http::RouteOptions hashing{Access::public_, false, "core", http::Lane::cpu};  // Argon2id: off the I/O threads
  r.post("/api/auth/register", with_retry_after([&a](Request& q) { return do_register(a, q); }), hashing);
  r.post("/api/auth/confirm", with_retry_after([&a](Request& q) { return do_confirm(a, q); }), open);
  r.post("/api/auth/confirm/resend", with_retry_after([&a](Request& q) { return do_resend(a, q); }), open);
  r.post("/api/auth/login", with_retry_after([&a](Request& q) { return do_login(a, q); }), hashing);
  r.post("/api/auth/logout", [&a](Request& q) { return do_logout(a, q); }, user);
  r.post("/api/auth/logout-all", [&a](Request& q) { return do_logout_all(a, q); }, user);
  r.post("/api/auth/password-reset", with_retry_after([&a](Request& q) { return do_reset_request(a, q); }), open);
  r.post("/api/auth/password-reset/confirm", with_retry_after([&a](Request& q) { return do_reset_confirm(a, q); }),
         hashing);
}

}  // namespace qt::accounts
