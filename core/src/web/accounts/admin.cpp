// Admin: neighbourhoods, users (roles, status, approval), invitations, registration mode,
// residence codes, legal texts, audit log. Every route needs the admin role (the gate checks).
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "domain/accounts/accounts.hpp"
#include "domain/accounts/audit.hpp"
#include "domain/accounts/mails.hpp"
#include "domain/credentials/tokens.hpp"
#include "domain/municipality/instance_settings.hpp"
#include "domain/municipality/legal.hpp"
#include "domain/municipality/neighbourhoods.hpp"
#include "platform/geo/geojson.hpp"
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

// --- neighbourhoods
void read_neighbourhood_fields(const boost::json::object& body, Neighbourhood& n) {
  if (auto v = optional_string(body, "slug", "Kurzname (slug)", 60)) n.slug = *v;
  if (auto v = optional_string(body, "name", "Name", 200)) n.name = *v;
  if (auto v = optional_string(body, "description", "Beschreibung", 4000)) n.description = *v;
  if (auto it = body.find("postcodes"); it != body.end()) {
    if (!it->value().is_array())
      throw HttpError(400, "invalid_field", "Postleitzahlen bitte als Liste angeben, z. B. [\"10115\", \"10117\"].");
    std::string joined;
    for (const auto& p : it->value().as_array()) {
      if (!p.is_string() || p.as_string().size() > 10)
        throw HttpError(400, "invalid_field", "Jede Postleitzahl muss ein kurzer Text sein.");
      if (!joined.empty()) joined += ",";
      joined += std::string(p.as_string());
    }
    n.postcodes = joined;
  }
  if (auto it = body.find("polygon"); it != body.end()) {
    if (it->value().is_null())
      n.polygon.clear();
    else if (auto problem = polygon_problem(it->value()))
      throw HttpError(400, "invalid_polygon", "Umriss (polygon) ungültig – " + problem->message, problem->details());
    else
      n.polygon = boost::json::serialize(it->value());
  }
  if (!valid_slug(n.slug))
    throw HttpError(400, "invalid_slug", "Der Kurzname (slug) darf nur a-z, 0-9 und - enthalten (1 bis 60 Zeichen).");
  if (n.name.empty()) throw HttpError(400, "missing_field", "Bitte einen Namen für das Quartier angeben.");
}

bool slug_taken(soci::session& s, const std::string& slug, std::int64_t except_id) {
  long long n = 0;
  const long long ex = except_id;
  s << "SELECT COUNT(*) FROM neighbourhoods WHERE slug = :s AND id <> :e", soci::use(slug), soci::use(ex), soci::into(n);
  return n > 0;
}

Response create_neighbourhood(Accounts& a, Request& req) {
  auto body = json_body(req, "slug,name,description,postcodes,polygon");
  Neighbourhood n;
  read_neighbourhood_fields(body, n);
  n.created_at = now_ms();
  auto lease = a.db().write();
  auto& s = lease.session();
  db::Transaction tx(s);
  if (slug_taken(s, n.slug, 0)) throw HttpError(409, "slug_taken", "Diesen Kurznamen hat schon ein anderes Quartier.");
  n.id = insert_neighbourhood(s, n);
  audit(s, req.user_id, "neighbourhood.created", "neighbourhood", n.id, {{"slug", n.slug}}, n.created_at);
  tx.commit();
  return Response::json(neighbourhood_json(n), 201);
}

Response update_neighbourhood(Accounts& a, Request& req) {
  auto body = json_body(req, "slug,name,description,postcodes,polygon");
  const auto id = req.id_param("id");
  auto lease = a.db().write();
  auto& s = lease.session();
  db::Transaction tx(s);
  auto n = load_neighbourhood(s, id);
  if (!n) throw HttpError(404, "neighbourhood_not_found", "Dieses Quartier gibt es nicht.");
  read_neighbourhood_fields(body, *n);
  if (slug_taken(s, n->slug, id)) throw HttpError(409, "slug_taken", "Diesen Kurznamen hat schon ein anderes Quartier.");
  const long long key = id;
  soci::indicator poly_ind = n->polygon.empty() ? soci::i_null : soci::i_ok;
  s << "UPDATE neighbourhoods SET slug = :s, name = :n, description = :d, postcodes = :p, polygon = :poly WHERE id = :id",
      soci::use(n->slug), soci::use(n->name), soci::use(n->description), soci::use(n->postcodes),
      soci::use(n->polygon, poly_ind), soci::use(key);
  audit(s, req.user_id, "neighbourhood.updated", "neighbourhood", id, {{"slug", n->slug}}, now_ms());
  tx.commit();
  return Response::json(neighbourhood_json(*n));
}

Response delete_neighbourhood(Accounts& a, Request& req) {
  const auto id = req.id_param("id");
  auto lease = a.db().write();
  auto& s = lease.session();
  db::Transaction tx(s);
  if (!load_neighbourhood(s, id)) throw HttpError(404, "neighbourhood_not_found", "Dieses Quartier gibt es nicht.");
  const long long key = id;
  // Residents keep their accounts; their home neighbourhood becomes unset (FK ON DELETE SET NULL).
  s << "UPDATE users SET neighbourhood_id = NULL WHERE neighbourhood_id = :id", soci::use(key);
  s << "DELETE FROM neighbourhoods WHERE id = :id", soci::use(key);
  audit(s, req.user_id, "neighbourhood.deleted", "neighbourhood", id, {}, now_ms());
  tx.commit();
  return Response::no_content();
}

// --- users
Response list_users(Accounts& a, Request& req) {
  const auto status = req.query_param("status").value_or("");
  const auto role = req.query_param("role").value_or("");
  const auto q = req.query_param("q").value_or("");
  long long before = 1LL << 62;
  if (auto b = req.query_param("before")) {
    try {
      before = std::stoll(*b);
    } catch (...) {
      throw HttpError(400, "invalid_query", "before muss eine Zahl sein.");
    }
  }
  const std::string like = "%" + normalise_email(q) + "%";
  const long long all_status = status.empty() ? 1 : 0, all_role = role.empty() ? 1 : 0, all_q = q.empty() ? 1 : 0;
  boost::json::array users;
  auto lease = a.db().read();
  auto& s = lease.session();
  long long id = 0;
  std::vector<long long> ids;
  soci::statement st =
      (s.prepare << "SELECT id FROM users WHERE id < :b AND (:sa = 1 OR status = :s) AND (:ra = 1 OR role = :r) "
                    "AND (:qa = 1 OR LOWER(email) LIKE :q1 OR LOWER(display_name) LIKE :q2) ORDER BY id DESC LIMIT 50",
       soci::use(before), soci::use(all_status), soci::use(status), soci::use(all_role), soci::use(role),
       soci::use(all_q), soci::use(like), soci::use(like), soci::into(id));
  st.execute();
  while (st.fetch()) ids.push_back(id);
  for (auto uid : ids)
    if (auto u = load_user(s, uid)) users.push_back(self_json(*u));
  boost::json::object out{{"users", users}};
  if (ids.size() == 50) out["next_before"] = ids.back();
  return Response::json(out);
}

Response patch_user(Accounts& a, Request& req) {
  auto body = json_body(req, "role,department,status");
  const auto id = req.id_param("id");
  if (id == req.user_id && (body.contains("role") || body.contains("status")))
    throw HttpError(400, "own_account",
                    "Die eigene Rolle und den eigenen Status kann man nicht selbst ändern. Bitte ein anderes Admin-Konto fragen.");
  const auto role = optional_string(body, "role", "Rolle", 20);
  const auto department = optional_string(body, "department", "Abteilung", 200);
  const auto status = optional_string(body, "status", "Status", 20);
  if (role || department) {
    auto current = a.user(id);
    if (!current) throw HttpError(404, "user_not_found", "Dieses Konto gibt es nicht.");
    a.change_role(req.user_id, id, role.value_or(current->role), department);
  }
  if (status) a.change_status(req.user_id, id, *status);
  auto u = a.user(id);
  if (!u) throw HttpError(404, "user_not_found", "Dieses Konto gibt es nicht.");
  return Response::json(self_json(*u));
}

// --- invitations
Response invite(Accounts& a, Request& req) {
  auto body = json_body(req, "email,role,department");
  const std::string email = normalise_email(required_string(body, "email", "E-Mail-Adresse", 254));
  const std::string role = optional_string(body, "role", "Rolle", 20).value_or("resident");
  const std::string department = optional_string(body, "department", "Abteilung", 200).value_or("");
  if (!mail::plausible_address(email)) throw HttpError(400, "invalid_email", "Bitte eine gültige E-Mail-Adresse angeben.");
  if (!valid_role(role)) throw HttpError(400, "invalid_role", "Rolle muss resident, staff, moderator oder admin sein.");
  const auto now = now_ms();
  const long long t = now, exp = now + a.settings().invitation_ms, by = req.user_id;
  long long id = 0;
  auto lease = a.db().write();
  auto& s = lease.session();
  db::Transaction tx(s);
  if (auto existing = load_user_by_email(s, email); existing && existing->status != "deleted")
    throw HttpError(409, "email_taken",
                    "Für diese Adresse gibt es schon ein Konto. Rolle bitte in der Benutzerliste ändern.");
  const auto issue = [&] {
    const std::string token = random_token();
    const std::string hash = hash_token(token);
    s << "INSERT INTO invitations (email, role, department, token_hash, invited_by, created_at, expires_at) "
         "VALUES (:e, :r, :d, :h, :b, :t, :x) RETURNING id",
        soci::use(email), soci::use(role), soci::use(department), soci::use(hash), soci::use(by), soci::use(t),
        soci::use(exp), soci::into(id);
    return token;
  };
  send_token_mail(a, s, base_url(a), "/register?invitation=", issue, [&](const std::string& link) {
    return mails::invitation(email, a.settings().municipality, role, link);
  });
  audit(s, req.user_id, "invitation.created", "invitation", id, {{"role", role}, {"department", department}}, now);
  tx.commit();
  return Response::json(boost::json::object{{"id", id}, {"email", email}, {"role", role}, {"department", department},
                                            {"expires_at", exp}},
                        201);
}

Response list_invitations(Accounts& a, Request&) {
  boost::json::array out;
  auto lease = a.db().read();
  long long id = 0, created = 0, expires = 0, accepted = 0;
  soci::indicator acc_ind = soci::i_ok;
  std::string email, role, department;
  soci::statement st = (lease.session().prepare
                            << "SELECT id, email, role, department, created_at, expires_at, accepted_at FROM invitations "
                               "ORDER BY id DESC LIMIT 200",
                        soci::into(id), soci::into(email), soci::into(role), soci::into(department), soci::into(created),
                        soci::into(expires), soci::into(accepted, acc_ind));
  st.execute();
  while (st.fetch())
    out.push_back(boost::json::object{
        {"id", id}, {"email", email}, {"role", role}, {"department", department}, {"created_at", created},
        {"expires_at", expires},
        {"accepted_at", acc_ind == soci::i_ok ? boost::json::value(accepted) : boost::json::value(nullptr)}});
  return Response::json(boost::json::object{{"invitations", out}});
}

// --- registration mode
Response get_registration(Accounts& a, Request&) {
  return Response::json(boost::json::object{{"mode", a.registration_mode()}});
}

Response put_registration(Accounts& a, Request& req) {
  auto body = json_body(req, "mode");
  const std::string mode = required_string(body, "mode", "Modus", 20);
  if (!valid_registration_mode(mode))
    throw HttpError(400, "invalid_mode", "Modus muss open, invite oder approval sein.");
  const auto now = now_ms();
  auto lease = a.db().write();
  auto& s = lease.session();
  db::Transaction tx(s);
  const auto before = registration_mode(s, a.settings().registration_default);
  put_setting(s, "accounts.registration", mode, now);
  audit(s, req.user_id, "registration.mode_changed", "", 0, {{"from", before}, {"to", mode}}, now);
  tx.commit();
  return Response::json(boost::json::object{{"mode", mode}});
}

// --- residence codes
Response create_codes(Accounts& a, Request& req) {
  auto body = json_body(req, "neighbourhood_id,count");
  const auto nb_id = optional_int(body, "neighbourhood_id", "Quartier");
  const auto count = optional_int(body, "count", "Anzahl").value_or(10);
  if (!nb_id) throw HttpError(400, "missing_field", "Bitte das Quartier (neighbourhood_id) angeben.");
  if (count < 1 || count > 500) throw HttpError(400, "invalid_count", "Bitte 1 bis 500 Codes auf einmal erzeugen.");
  const auto now = now_ms();
  const std::string batch = random_code(2);
  auto lease = a.db().write();
  auto& s = lease.session();
  db::Transaction tx(s);
  auto n = load_neighbourhood(s, *nb_id);
  if (!n) throw HttpError(404, "neighbourhood_not_found", "Dieses Quartier gibt es nicht.");
  boost::json::array codes;
  std::string letters;
  const long long nb = *nb_id, t = now, exp = now + a.settings().residence_code_ms, by = req.user_id;
  const std::string base = base_url(a);
  for (std::int64_t i = 0; i < count; ++i) {
    const std::string code = random_code(4);
    const std::string hash = hash_token(normalise_code(code));
    s << "INSERT INTO residence_codes (neighbourhood_id, code_hash, batch, created_by, created_at, expires_at) "
         "VALUES (:n, :h, :b, :by, :t, :x)",
        soci::use(nb), soci::use(hash), soci::use(batch), soci::use(by), soci::use(t), soci::use(exp);
    codes.emplace_back(code);
    letters += "Quartier " + a.settings().municipality + " – Nachbarschaft " + n->name +
               "\n\nLiebe Nachbarin, lieber Nachbar,\n\nmit diesem Code bestätigen Sie, dass Sie im Quartier " + n->name +
               " wohnen. Melden Sie sich bei " + base + " an und geben Sie ihn unter \"Mein Konto\" ein:\n\n    " +
               code + "\n\nDer Code ist einmal verwendbar und ein Jahr gültig.\n\f\n";
  }
  audit(s, req.user_id, "residence_codes.created", "neighbourhood", nb, {{"batch", batch}, {"count", count}}, now);
  tx.commit();
  return Response::json(boost::json::object{{"batch", batch}, {"neighbourhood", neighbourhood_json(*n)},
                                            {"codes", codes}, {"expires_at", exp}, {"letters", letters}},
                        201);
}

// --- legal texts
Response put_legal(Accounts& a, Request& req) {
  const std::string kind(req.param("kind").value_or(""));
  if (!valid_legal_kind(kind))
    throw HttpError(404, "unknown_legal_text", "Es gibt imprint, privacy, terms und accessibility.");
  auto body = json_body(req, "body");
  const std::string text = required_string(body, "body", "Text", 200000);
  const auto now = now_ms();
  auto lease = a.db().write();
  auto& s = lease.session();
  db::Transaction tx(s);
  const auto version = publish_legal_text(s, kind, text, req.user_id, now);
  audit(s, req.user_id, "legal.published", "legal", version, {{"kind", kind}, {"version", version}}, now);
  tx.commit();
  return Response::json(legal_json({kind, version, text, now}));
}

Response audit_log(Accounts& a, Request& req) {
  std::int64_t before = 0, target_id = 0;
  try {
    if (auto b = req.query_param("before")) before = std::stoll(*b);
    if (auto t = req.query_param("target_id")) target_id = std::stoll(*t);
  } catch (...) {
    throw HttpError(400, "invalid_query", "before und target_id müssen Zahlen sein.");
  }
  const auto type = req.query_param("target_type").value_or("");
  auto lease = a.db().read();
  return Response::json(boost::json::object{{"entries", audit_entries(lease.session(), before, 100, type, target_id)}});
}

}  // namespace

void add_admin_routes(Accounts& a, http::Router& r) {
  const http::RouteOptions admin{http::Access::admin, true, "core"};
  r.post("/api/neighbourhoods", [&a](Request& q) { return create_neighbourhood(a, q); }, admin);
  r.patch("/api/neighbourhoods/{id}", [&a](Request& q) { return update_neighbourhood(a, q); }, admin);
  r.del("/api/neighbourhoods/{id}", [&a](Request& q) { return delete_neighbourhood(a, q); }, admin);
  r.get("/api/admin/users", [&a](Request& q) { return list_users(a, q); }, admin);
  r.patch("/api/admin/users/{id}", [&a](Request& q) { return patch_user(a, q); }, admin);
  r.post("/api/admin/invitations", [&a](Request& q) { return invite(a, q); }, admin);
  r.get("/api/admin/invitations", [&a](Request& q) { return list_invitations(a, q); }, admin);
  r.get("/api/admin/registration", [&a](Request& q) { return get_registration(a, q); }, admin);
  r.put("/api/admin/registration", [&a](Request& q) { return put_registration(a, q); }, admin);
  r.post("/api/admin/residence-codes", [&a](Request& q) { return create_codes(a, q); }, admin);
  r.put("/api/admin/legal/{kind}", [&a](Request& q) { return put_legal(a, q); }, admin);
  r.get("/api/admin/audit", [&a](Request& q) { return audit_log(a, q); }, admin);
}

}  // namespace qt::accounts
