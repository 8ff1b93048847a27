// POST /api/auth/unlock and /api/auth/unlock/confirm: when strangers' wrong passwords have locked
// an account for unknown devices (web/accounts/auth.cpp), its owner asks for a link by mail; opening
// it makes that browser a known device, which signs in while the lock goes on for everyone else.
#include <boost/json/object.hpp>

#include "domain/accounts/accounts.hpp"
#include "domain/credentials/devices.hpp"
#include "domain/credentials/one_time_tokens.hpp"
#include "platform/db/transaction.hpp"
#include "platform/log/log.hpp"
#include "platform/util/clock.hpp"
#include "web/accounts/account_support.hpp"
#include "web/accounts/token_mail.hpp"
#include "web/http_util.hpp"

namespace qt::accounts {
namespace {

using http::HttpError;
using http::Request;
using http::Response;

// Answers alike for every address (known, unknown, locked or not), so it tells nobody whether an
// account exists; the mail goes out only while the account is locked for unknown devices.
Response do_unlock_request(Accounts& a, Request& req) {
  const std::string email =
      link_request_address(a, req, "unlock", a.settings().reset_per_ip, a.settings().reset_per_address);
  const bool locked = a.limiter().check(login_lock_key(email, std::nullopt), a.settings().login_per_account).has_value();
  const auto now = now_ms();
  if (locked) {
    auto lease = a.db().write();
    auto& s = lease.session();
    db::Transaction tx(s);
    if (auto u = load_user_by_email(s, email); u && (u->status == "active" || u->status == "pending"))
      send_unlock_mail(a, s, base_url(a), u->id, email, now);
    tx.commit();
  }
  return Response::json(
      boost::json::object{{"status", "unlock_sent"},
                          {"message", "Wenn dieses Konto gesperrt ist, ist eine E-Mail mit einem Link unterwegs, der "
                                      "dieses Gerät freischaltet. / If this account is locked, an e-mail with an "
                                      "unlock link is on its way."}},
      202);
}

Response do_unlock_confirm(Accounts& a, Request& req) {
  refuse_cross_site(a, req);
  limit(a, "unlock-confirm-ip:" + client_ip(req), a.settings().reset_per_ip);
  auto body = json_body(req, "token");
  const std::string token = required_string(body, "token", "Code", 200);
  const auto now = now_ms();
  auto lease = a.db().write();
  auto& s = lease.session();
  db::Transaction tx(s);
  const auto uid = consume_token(s, token, "unlock", now);
  const auto u = uid ? load_user(s, *uid) : std::nullopt;
  if (!u || (u->status != "active" && u->status != "pending"))
    throw HttpError(400, "token_invalid", kBadToken);
  const std::string device = remember_device(s, u->id, now, std::string(req.header("user-agent").value_or("")));
  tx.commit();
  log::info("device unlocked by mail", {{"user_id", u->id}});
  auto r = Response::json(boost::json::object{
      {"status", "device_known"},
      {"message", "Dieses Gerät ist jetzt freigeschaltet. Sie können sich hier wieder anmelden. / This device is "
                  "unlocked; you can sign in here again."}});
  r.headers.push_back({"Set-Cookie", device_cookie(a, device)});
  r.set_header("Cache-Control", "no-store");
  return r;
}

}  // namespace

void add_unlock_routes(Accounts& a, http::Router& r) {
  const http::RouteOptions open{http::Access::public_, false, "core"};
  r.post("/api/auth/unlock", with_retry_after([&a](Request& q) { return do_unlock_request(a, q); }), open);
  r.post("/api/auth/unlock/confirm", with_retry_after([&a](Request& q) { return do_unlock_confirm(a, q); }), open);
}

}  // namespace qt::accounts
