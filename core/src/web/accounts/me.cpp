// /api/me: the person's own account, sessions, export, deletion, consent, residence code.
#include <boost/json/object.hpp>

#include "domain/accounts/accounts.hpp"
#include "domain/accounts/display_name.hpp"
#include "domain/accounts/audit.hpp"
#include "domain/accounts/mails.hpp"
#include "domain/credentials/password.hpp"
#include "domain/credentials/sessions.hpp"
#include "domain/credentials/tokens.hpp"
#include "domain/municipality/legal.hpp"
#include "platform/log/log.hpp"
#include "platform/mail/outbox.hpp"
#include "platform/util/clock.hpp"
#include "web/accounts/account_support.hpp"
#include "web/http_util.hpp"
#include "platform/db/transaction.hpp"

namespace qt::accounts {
namespace {

using http::HttpError;
using http::Request;
using http::Response;

User must_load(soci::session& s, std::int64_t id) {
  auto u = load_user(s, id);
  if (!u) throw HttpError(401, "not_logged_in", "Bitte melden Sie sich an. / Please log in.");
  return *u;
}

Response me(Accounts& a, Request& req) {
  auto lease = a.db().read();
  auto& s = lease.session();
  const auto u = must_load(s, req.user_id);
  std::string csrf;
  const long long sid = session_id_of(req);
  s << "SELECT csrf_token FROM sessions WHERE id = :id", soci::use(sid), soci::into(csrf);
  auto r = Response::json(me_payload(s, u, csrf, a.settings().avatars.limits.max_bytes));
  r.set_header("Cache-Control", "no-store");
  return r;
}

// Copies the profile fields the body carries onto u, each checked.
void apply_profile_fields(const Accounts& a, const boost::json::object& body, User& u) {
  if (auto v = optional_string(body, "display_name", "Anzeigename", 240)) {
    u.display_name = checked_display_name(*v);
  }
  if (auto v = optional_string(body, "real_name", "Name", 400)) u.real_name = *v;
  if (auto v = optional_string(body, "about", "Über mich", 8000)) {
    if (count_characters(*v) > 2000)
      throw HttpError(400, "invalid_about", "\"Über mich\" darf höchstens 2000 Zeichen lang sein.");
    u.about = *v;
  }
  if (body.contains("neighbourhood_id")) u.neighbourhood_id = optional_int(body, "neighbourhood_id", "Quartier");
  if (auto v = optional_string(body, "language", "Sprache", 10)) {
    const auto& langs = a.settings().languages;
    if (!v->empty() && std::find(langs.begin(), langs.end(), *v) == langs.end())
      throw HttpError(400, "invalid_language", "Diese Sprache wird hier nicht angeboten.");
    u.language = *v;
  }
  if (auto v = optional_string(body, "profile_visibility", "Sichtbarkeit", 20)) {
    if (*v != "residents" && *v != "public")
      throw HttpError(400, "invalid_visibility", "Sichtbarkeit muss \"residents\" oder \"public\" sein.");
    u.profile_visibility = *v;
  }
  if (auto v = optional_bool(body, "search_indexable", "Suchmaschinen")) u.search_indexable = *v;
  if (auto v = optional_string(body, "digest", "Zusammenfassung", 10)) {
    if (*v != "daily" && *v != "weekly" && *v != "off")
      throw HttpError(400, "invalid_digest", "Zusammenfassung muss daily, weekly oder off sein.");
    u.digest = *v;
  }
}

// The hash of a new password the body asks for (with the current one), or "" for none.
std::string new_password_hash(Accounts& a, const boost::json::object& body, const User& u) {
  auto np = optional_string(body, "new_password", "Neues Passwort", 4096);
  if (!np) return {};
  const auto cur = optional_string(body, "current_password", "Aktuelles Passwort", 4096);
  if (!cur) throw HttpError(400, "missing_field", "Bitte zum Ändern des Passworts auch das aktuelle Passwort angeben.");
  check_password_again(a, u, *cur);
  if (auto problem = password_problem(*np, u.email, u.display_name)) throw HttpError(400, "weak_password", *problem);
  return hash_password(*np);
}

void save_profile(soci::session& s, const User& u, std::int64_t now) {
  if (u.neighbourhood_id) {
    long long found = 0;
    const long long nb = *u.neighbourhood_id;
    s << "SELECT COUNT(*) FROM neighbourhoods WHERE id = :id", soci::use(nb), soci::into(found);
    if (found == 0) throw HttpError(400, "unknown_neighbourhood", "Dieses Quartier gibt es nicht.");
  }
  const long long id = u.id, t = now, idx = u.search_indexable ? 1 : 0, nb = u.neighbourhood_id.value_or(0);
  soci::indicator nb_ind = u.neighbourhood_id ? soci::i_ok : soci::i_null;
  s << "UPDATE users SET display_name = :dn, real_name = :rn, about = :ab, neighbourhood_id = :nb, language = :l, "
       "profile_visibility = :v, search_indexable = :i, digest = :d, updated_at = :t WHERE id = :id",
      soci::use(u.display_name), soci::use(u.real_name), soci::use(u.about), soci::use(nb, nb_ind),
      soci::use(u.language), soci::use(u.profile_visibility), soci::use(idx), soci::use(u.digest), soci::use(t),
      soci::use(id);
}

Response patch_me(Accounts& a, Request& req) {
  auto body = json_body(req, "display_name,real_name,about,neighbourhood_id,language,profile_visibility,"
                             "search_indexable,digest,current_password,new_password");
  User u;
  {
    auto lease = a.db().read();
    u = must_load(lease.session(), req.user_id);
  }
  apply_profile_fields(a, body, u);
  const std::string new_hash = new_password_hash(a, body, u);

  const auto now = now_ms();
  auto lease = a.db().write();
  auto& s = lease.session();
  db::Transaction tx(s);
  save_profile(s, u, now);
  if (!new_hash.empty()) {
    const long long id = u.id;
    s << "UPDATE users SET password_hash = :h WHERE id = :id", soci::use(new_hash), soci::use(id);
    delete_user_sessions(s, u.id, session_id_of(req));
    a.outbox().queue(s, mails::password_changed(u.email, a.settings().municipality, base_url(a) + "/password-reset"));
  }
  std::vector<std::string> changed;
  for (const auto& [key, value] : body)
    if (key != "current_password" && key != "new_password") changed.emplace_back(key);
  if (!changed.empty()) a.publish_user_updated(s, u.id, u.id, changed);
  tx.commit();
  return me(a, req);
}

Response delete_me(Accounts& a, Request& req) {
  auto body = json_body(req, "password");
  const std::string password = required_string(body, "password", "Passwort", 4096);
  User u;
  {
    auto lease = a.db().read();
    u = must_load(lease.session(), req.user_id);
  }
  check_password_again(a, u, password);
  if (u.role == "admin") {
    auto lease = a.db().read();
    long long admins = 0;
    lease.session() << "SELECT COUNT(*) FROM users WHERE role = 'admin' AND status = 'active'", soci::into(admins);
    if (admins <= 1)
      throw HttpError(409, "last_admin",
                      "Das ist das letzte Admin-Konto. Bitte zuerst ein anderes Konto zum Admin machen, dann löschen.");
  }
  a.erase_user(u.id);
  auto r = Response::json(boost::json::object{
      {"status", "deleted"},
      {"message", "Ihr Konto und Ihre persönlichen Daten sind gelöscht. Beiträge in Gesprächen anderer zeigen jetzt \"Gelöschtes Konto\"."}});
  r.headers.push_back({"Set-Cookie", clear_cookie(a)});
  return r;
}

Response export_me(Accounts& a, Request& req) {
  boost::json::object out;
  out["format"] = "quartier-export-1";
  out["generated_at"] = now_ms();
  out["user_id"] = req.user_id;
  out["data"] = a.export_user(req.user_id);
  auto r = Response::json(out);
  r.set_header("Content-Disposition", "attachment; filename=\"quartier-export.json\"");
  r.set_header("Cache-Control", "no-store");
  return r;
}

Response sessions(Accounts& a, Request& req) {
  auto lease = a.db().read();
  auto r = Response::json(boost::json::object{{"sessions", list_sessions(lease.session(), req.user_id, session_id_of(req))}});
  r.set_header("Cache-Control", "no-store");
  return r;
}

Response revoke_session(Accounts& a, Request& req) {
  const auto id = req.id_param("id");
  auto lease = a.db().write();
  if (!delete_own_session(lease.session(), req.user_id, id))
    throw HttpError(404, "session_not_found", "Diese Anmeldung gibt es nicht (mehr). Bitte die Liste neu laden.");
  auto r = Response::no_content();
  if (id == session_id_of(req)) r.headers.push_back({"Set-Cookie", clear_cookie(a)});
  return r;
}

Response consent(Accounts& a, Request& req) {
  auto body = json_body(req, "document,version");
  const std::string doc = required_string(body, "document", "Dokument", 20);
  const auto version = optional_int(body, "version", "Version");
  if (!consent_document(doc))
    throw HttpError(400, "invalid_document", "Zustimmen kann man nur zu \"privacy\" oder \"terms\".");
  auto lease = a.db().write();
  auto& s = lease.session();
  auto current = current_legal_text(s, doc);
  if (!current) throw HttpError(404, "no_legal_text", "Dieser Text ist noch nicht veröffentlicht.");
  if (!version || *version != current->version)
    throw HttpError(409, "outdated_version",
                    "Der Text wurde inzwischen geändert (aktuelle Version " + std::to_string(current->version) +
                        "). Bitte die aktuelle Fassung lesen und ihr zustimmen.",
                    boost::json::object{{"current_version", current->version}});
  record_consent(s, req.user_id, doc, current->version, now_ms());
  return Response::json(boost::json::object{{"consent_required", consent_required(s, req.user_id)}});
}

Response redeem_residence(Accounts& a, Request& req) {
  if (auto wait = a.limiter().hit("residence:" + std::to_string(req.user_id), {10, std::chrono::hours(1)}))
    throw TooManyRequests(*wait);
  auto body = json_body(req, "code");
  const std::string code = normalise_code(required_string(body, "code", "Code", 64));
  const std::string hash = hash_token(code);
  const auto now = now_ms();
  auto lease = a.db().write();
  auto& s = lease.session();
  db::Transaction tx(s);
  long long id = 0, nb = 0, t = now, uid = req.user_id;
  soci::statement st = (s.prepare << "UPDATE residence_codes SET redeemed_by = :u, redeemed_at = :t "
                                     "WHERE code_hash = :h AND redeemed_at IS NULL AND expires_at > :now",
                        soci::use(uid), soci::use(t), soci::use(hash), soci::use(t));
  st.execute(true);
  if (st.get_affected_rows() != 1)
    throw HttpError(400, "code_invalid",
                    "Dieser Code ist ungültig, abgelaufen oder wurde schon benutzt. Bitte den Code aus dem Brief genau "
                    "abtippen (Groß-/Kleinschreibung egal).");
  s << "SELECT id, neighbourhood_id FROM residence_codes WHERE code_hash = :h", soci::use(hash), soci::into(id),
      soci::into(nb);
  s << "UPDATE users SET residence_verified_at = :t, neighbourhood_id = :nb, updated_at = :t2 WHERE id = :u",
      soci::use(t), soci::use(nb), soci::use(t), soci::use(uid);
  audit(s, req.user_id, "residence.verified", "user", req.user_id, {{"neighbourhood_id", nb}, {"code_id", id}}, now);
  tx.commit();
  return Response::json(boost::json::object{{"verified_resident", true}, {"neighbourhood_id", nb}});
}

}  // namespace

void add_me_routes(Accounts& a, http::Router& r) {
  const http::RouteOptions user{http::Access::user, true, "core"};
  r.get("/api/me", [&a](Request& q) { return me(a, q); }, user);
  http::RouteOptions user_hashing = user;  // may check or hash a password (Argon2id): off the I/O threads
  user_hashing.lane = http::Lane::cpu;
  r.patch("/api/me", with_retry_after([&a](Request& q) { return patch_me(a, q); }), user_hashing);
  r.del("/api/me", with_retry_after([&a](Request& q) { return delete_me(a, q); }), user_hashing);
  r.get("/api/me/export", [&a](Request& q) { return export_me(a, q); }, user);
  r.get("/api/me/sessions", [&a](Request& q) { return sessions(a, q); }, user);
  r.del("/api/me/sessions/{id}", [&a](Request& q) { return revoke_session(a, q); }, user);
  r.post("/api/me/consent", [&a](Request& q) { return consent(a, q); }, user);
  r.post("/api/me/residence", with_retry_after([&a](Request& q) { return redeem_residence(a, q); }), user);
}

}  // namespace qt::accounts
