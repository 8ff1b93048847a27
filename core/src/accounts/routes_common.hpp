#pragma once
// Pieces the route files share.
#include <cstdint>
#include <string>

#include <boost/json/object.hpp>
#include <soci/soci.h>

#include "accounts/users.hpp"
#include "http/request.hpp"

namespace qt::accounts {

// {"user": {...}, "csrf_token": "...", "consent_required": [...]} for login and GET /api/me.
// upload_limit: the largest profile picture accepted, in bytes (for the settings page's hint).
boost::json::object me_payload(soci::session& s, const User& u, const std::string& csrf_token,
                               std::int64_t upload_limit);

// The client address as the limiter keys it.
std::string client_ip(const http::Request& req);

std::int64_t session_id_of(const http::Request& req);

class Accounts;
// Asks for the password again before a sensitive change (password, e-mail, deletion): 403
// wrong_password, with growing delays after repeated failures (429).
void check_password_again(Accounts& a, const User& u, const std::string& password);

}  // namespace qt::accounts
