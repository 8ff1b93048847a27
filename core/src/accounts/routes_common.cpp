#include "accounts/routes_common.hpp"

#include "accounts/legal.hpp"

namespace qt::accounts {

boost::json::object me_payload(soci::session& s, const User& u, const std::string& csrf_token) {
  boost::json::object o;
  o["user"] = self_json(u);
  o["csrf_token"] = csrf_token;
  o["consent_required"] = consent_required(s, u.id);
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

}  // namespace qt::accounts
