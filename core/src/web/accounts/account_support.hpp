#pragma once
// Pieces the route files share.
#include <cstdint>
#include <optional>
#include <string>

#include <boost/json/object.hpp>
#include <soci/soci.h>

#include "domain/accounts/settings.hpp"
#include "domain/accounts/users.hpp"
#include "platform/http/request.hpp"
#include "platform/http/router.hpp"

namespace qt::accounts {

// {"user": {...}, "csrf_token": "...", "consent_required": [...]} for login and GET /api/me.
// upload_limit: the largest profile picture accepted, in bytes (for the settings page's hint).
boost::json::object me_payload(soci::session& s, const User& u, const std::string& csrf_token,
                               std::int64_t upload_limit);

// The client address as the limiter keys it.
std::string client_ip(const http::Request& req);

std::int64_t session_id_of(const http::Request& req);

class Accounts;

// Base URL for links in mails: public_url, else from the request's Host header.
// Where links in mails point (public_url, or the development server's own address): never the
// request's Host header, which a client chooses.
std::string base_url(const Accounts& a);
// The session cookie carrying token, and the one that clears it.
std::string session_cookie(const Accounts& a, const std::string& token);
std::string clear_cookie(const Accounts& a);
// The known-device cookie (domain/accounts/devices.hpp): <cookie_name>_device, kept 400 days (the
// longest browsers allow), sent only to this site.
std::string device_cookie_name(const Accounts& a);
std::string device_cookie(const Accounts& a, const std::string& token);

// 403 cross_site for a request another site made (the public auth routes have no session yet).
void refuse_cross_site(Accounts& a, const http::Request& req);
// Counts one attempt under key; 429 with Retry-After (TooManyRequests) beyond l.
void limit(Accounts& a, const std::string& key, Limit l);
// The e-mail address a "send me a link" request names, with its limits per client address and per
// e-mail address (key + "-ip:" / key + ":"). Refuses cross-site requests.
std::string link_request_address(Accounts& a, const http::Request& req, const std::string& key, Limit per_ip,
                                 Limit per_address);

// The answer to a mail link's token that is unknown, expired or used (400 token_invalid).
extern const char* const kBadToken;
// The limiter key that failed logins count under: the known device's own, or (nullopt) the one
// that all devices the account has not seen share.
std::string login_lock_key(const std::string& email, std::optional<std::int64_t> known_device);

// The accounts routes, by area (one file each in web/).
void add_auth_routes(Accounts& a, http::Router& r);
void add_unlock_routes(Accounts& a, http::Router& r);
void add_me_routes(Accounts& a, http::Router& r);
void add_public_routes(Accounts& a, http::Router& r);
void add_admin_routes(Accounts& a, http::Router& r);
void add_email_routes(Accounts& a, http::Router& r);
void add_registration_routes(Accounts& a, http::Router& r);
void add_avatar_routes(Accounts& a, http::Router& r);
// Asks for the password again before a sensitive change (password, e-mail, deletion): 403
// wrong_password, with growing delays after repeated failures (429).
void check_password_again(Accounts& a, const User& u, const std::string& password);

}  // namespace qt::accounts
