// Public reads: profiles (privacy by default), neighbourhoods, legal texts, registration mode.
#include <boost/json/object.hpp>

#include "domain/accounts/accounts.hpp"
#include "domain/municipality/legal.hpp"
#include "domain/municipality/neighbourhoods.hpp"
#include "web/http_util.hpp"

namespace qt::accounts {
namespace {

using http::HttpError;
using http::Request;
using http::Response;

Response profile(Accounts& a, Request& req) {
  const auto id = req.id_param("id");
  auto u = a.user(id);
  const bool exists = u && u->status == "active";
  // Art. 25(2): only logged-in people see a profile unless its owner made it public. Anonymous
  // visitors get the same answer for a missing account, so ids cannot be used to count accounts.
  if (req.user_id == 0 && (!exists || u->profile_visibility != "public"))
    throw HttpError(401, "not_logged_in", "Dieses Profil sehen nur angemeldete Nachbarinnen und Nachbarn. Bitte melden Sie sich an.");
  if (!exists) throw HttpError(404, "user_not_found", "Dieses Profil gibt es nicht (mehr).");
  const bool own = req.user_id == id;
  auto r = Response::json(own ? self_json(*u) : profile_json(*u));
  if (!u->search_indexable) r.set_header("X-Robots-Tag", "noindex, nofollow");
  r.set_header("Cache-Control", "private, no-store");
  return r;
}

Response neighbourhoods(Accounts& a, Request&) {
  auto lease = a.db().read();
  return Response::json(boost::json::object{{"neighbourhoods", list_neighbourhoods(lease.session())}});
}

Response neighbourhood(Accounts& a, Request& req) {
  auto lease = a.db().read();
  auto n = load_neighbourhood(lease.session(), req.id_param("id"));
  if (!n) throw HttpError(404, "neighbourhood_not_found", "Dieses Quartier gibt es nicht.");
  return Response::json(neighbourhood_json(*n));
}

Response legal_all(Accounts& a, Request&) {
  auto lease = a.db().read();
  boost::json::object out;
  for (const char* kind : {"imprint", "privacy", "terms", "accessibility"}) {
    auto t = current_legal_text(lease.session(), kind);
    out[kind] = t ? boost::json::value(legal_json(*t)) : boost::json::value(nullptr);
  }
  return Response::json(out);
}

Response legal_one(Accounts& a, Request& req) {
  const std::string kind(req.param("kind").value_or(""));
  if (!valid_legal_kind(kind))
    throw HttpError(404, "unknown_legal_text", "Es gibt imprint, privacy, terms und accessibility.");
  auto lease = a.db().read();
  auto t = current_legal_text(lease.session(), kind);
  if (!t) throw HttpError(404, "no_legal_text", "Dieser Text ist noch nicht veröffentlicht. Die Verwaltung kann ihn festlegen.");
  return Response::json(legal_json(*t));
}

Response registration(Accounts& a, Request&) {
  return Response::json(boost::json::object{{"mode", a.registration_mode()}});
}

}  // namespace

void add_public_routes(Accounts& a, http::Router& r) {
  const http::RouteOptions open{http::Access::public_, true, "core"};
  r.get("/api/users/{id}", [&a](Request& q) { return profile(a, q); }, open);
  r.get("/api/neighbourhoods", [&a](Request& q) { return neighbourhoods(a, q); }, open);
  r.get("/api/neighbourhoods/{id}", [&a](Request& q) { return neighbourhood(a, q); }, open);
  r.get("/api/legal", [&a](Request& q) { return legal_all(a, q); }, open);
  r.get("/api/legal/{kind}", [&a](Request& q) { return legal_one(a, q); }, open);
  r.get("/api/auth/registration", [&a](Request& q) { return registration(a, q); }, open);
}

}  // namespace qt::accounts
