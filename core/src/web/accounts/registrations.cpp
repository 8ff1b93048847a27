// Pending registrations (registration mode "approval"): administration staff and admins list,
// approve and decline them. Moderators moderate content, not who may join, so they are refused
// although their role ranks above staff. Every decision goes to the audit log.
#include <cstdint>
#include <limits>

#include <boost/json/object.hpp>

#include "domain/accounts/accounts.hpp"
#include "domain/accounts/audit.hpp"
#include "domain/accounts/mails.hpp"
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

void require_staff_or_admin(const Request& req) {
  if (req.role != http::Role::staff && req.role != http::Role::admin)
    throw HttpError(403, "forbidden",
                    "Registrierungen schalten nur die Verwaltung (staff) und Admins frei. / Only administration staff "
                    "and admins decide on registrations.");
}

User awaiting(Accounts& a, std::int64_t id) {
  auto u = a.user(id);
  if (!u || u->status != "pending" || !u->email_confirmed_at)
    throw HttpError(409, "not_awaiting_approval",
                    "Dieses Konto wartet nicht auf Freischaltung (E-Mail unbestätigt, schon entschieden oder gelöscht). "
                    "Bitte die Liste neu laden.");
  return *u;
}

// Oldest first by id, a page at a time: `limit` (1-200, default 50) entries after the id `after`;
// `next_after` is the cursor for the next page, null on the last one.
Response pending(Accounts& a, Request& req) {
  require_staff_or_admin(req);
  const long long limit = query_int(req, "limit", 50, 1, 200);
  const long long after = query_int(req, "after", 0, 0, std::numeric_limits<std::int64_t>::max());
  const long long fetch = limit + 1;  // one more than shown tells whether there is a next page
  boost::json::array out;
  auto lease = a.db().read();
  long long id = 0, created = 0, confirmed = 0, nb = 0;
  soci::indicator nb_ind = soci::i_ok, nb_name_ind = soci::i_ok;
  std::string email, name, nb_name;
  soci::statement st =
      (lease.session().prepare << "SELECT u.id, u.email, u.display_name, u.neighbourhood_id, n.name, u.created_at, "
                                  "u.email_confirmed_at FROM users u LEFT JOIN neighbourhoods n ON n.id = u.neighbourhood_id "
                                  "WHERE u.status = 'pending' AND u.email_confirmed_at IS NOT NULL AND u.id > :after "
                                  "ORDER BY u.id LIMIT :fetch",
       soci::use(after), soci::use(fetch), soci::into(id), soci::into(email), soci::into(name), soci::into(nb, nb_ind),
       soci::into(nb_name, nb_name_ind), soci::into(created), soci::into(confirmed));
  st.execute();
  bool more = false;
  long long last = 0;
  while (st.fetch()) {
    if (static_cast<long long>(out.size()) == limit) {
      more = true;
      break;
    }
    const bool has_nb = nb_ind == soci::i_ok;
    out.push_back(boost::json::object{
        {"id", id},
        {"email", email},
        {"display_name", name},
        {"neighbourhood_id", has_nb ? boost::json::value(nb) : boost::json::value(nullptr)},
        {"neighbourhood_name",
         has_nb && nb_name_ind == soci::i_ok ? boost::json::value(nb_name) : boost::json::value(nullptr)},
        {"created_at", created},
        {"email_confirmed_at", confirmed}});
    last = id;
  }
  auto r = Response::json(boost::json::object{
      {"registrations", out}, {"next_after", more ? boost::json::value(last) : boost::json::value(nullptr)}});
  r.set_header("Cache-Control", "no-store");
  return r;
}

Response approve(Accounts& a, Request& req) {
  require_staff_or_admin(req);
  const auto id = req.id_param("id");
  const auto u = awaiting(a, id);
  a.change_status(req.user_id, id, "active");
  {
    auto lease = a.db().write();
    auto& s = lease.session();
    db::Transaction tx(s);
    audit(s, req.user_id, "registration.approved", "user", id, {{"by_role", std::string(role_name(req.role))}}, now_ms());
    a.outbox().queue(s, mails::approved(u.email, a.settings().municipality, base_url(a) + "/login"));
    tx.commit();
  }
  auto after = a.user(id);
  return Response::json(self_json(*after));
}

Response decline(Accounts& a, Request& req) {
  require_staff_or_admin(req);
  const auto id = req.id_param("id");
  auto body = json_body(req, "reason");
  const std::string reason = optional_string(body, "reason", "Begründung", 2000).value_or("");
  const auto u = awaiting(a, id);
  {
    auto lease = a.db().write();
    auto& s = lease.session();
    db::Transaction tx(s);
    // The reason stays out of the audit log: it may name the person.
    audit(s, req.user_id, "registration.declined", "user", id,
          {{"by_role", std::string(role_name(req.role))}, {"with_reason", !reason.empty()}}, now_ms());
    tx.commit();
  }
  // Nobody else holds anything of a person who never got in: erase everything personal. The
  // erasure drops queued mail to the address, so the answer is queued after it.
  a.erase_user(id);
  a.outbox().queue(mails::declined(u.email, a.settings().municipality, reason));
  log::info("registration declined", {{"user_id", id}});
  return Response::json(boost::json::object{{"id", id}, {"status", "declined"}});
}

}  // namespace

void add_registration_routes(Accounts& a, http::Router& r) {
  // The gate lets staff and above through; the handlers then refuse moderators.
  const http::RouteOptions staff{http::Access::staff, true, "core"};
  r.get("/api/registrations/pending", [&a](Request& q) { return pending(a, q); }, staff);
  r.post("/api/registrations/{id}/approve", [&a](Request& q) { return approve(a, q); }, staff);
  r.post("/api/registrations/{id}/decline", [&a](Request& q) { return decline(a, q); }, staff);
  // The admin pages' older path, same rules.
  r.post("/api/admin/users/{id}/approve", [&a](Request& q) { return approve(a, q); }, staff);
}

}  // namespace qt::accounts
