#pragma once
// Small HTTP helpers for the accounts routes: JSON bodies, cookies, origins, 429 answers.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>

#include "platform/http/query_int.hpp"
#include "platform/http/request.hpp"
#include "platform/http/response.hpp"
#include "platform/http/router.hpp"

namespace qt::accounts {

// 429 with Retry-After. Derives from HttpError so it is still a 429 if thrown past with_retry_after.
class TooManyRequests : public http::HttpError {
 public:
  explicit TooManyRequests(std::int64_t seconds);
  // A refusal of its own kind (e.g. "login_locked"), still a 429 with Retry-After.
  TooManyRequests(std::int64_t seconds, std::string code, const std::string& message);
  std::int64_t seconds() const { return seconds_; }

 private:
  std::int64_t seconds_;
};

// Wraps a handler so TooManyRequests becomes a 429 response carrying Retry-After.
http::Handler with_retry_after(http::Handler h);

// The body as a JSON object; 400 with a message otherwise. Refuses fields not in `allowed`
// (comma-separated), so no field can be mass-assigned by accident (ASVS V5.1.2).
boost::json::object json_body(const http::Request& req, std::string_view allowed);

std::string required_string(const boost::json::object& o, std::string_view key, std::string_view label,
                            std::size_t max_len = 1000);
std::optional<std::string> optional_string(const boost::json::object& o, std::string_view key,
                                           std::string_view label, std::size_t max_len = 10000);
std::optional<std::int64_t> optional_int(const boost::json::object& o, std::string_view key, std::string_view label);
std::optional<bool> optional_bool(const boost::json::object& o, std::string_view key, std::string_view label);

using http::query_int;  // http/query_int.hpp

// Value of a cookie in the Cookie header.
std::optional<std::string> cookie(const http::Request& req, std::string_view name);

// The server's own origin: public_url's scheme://host[:port], else from the Host header.
std::string own_origin(const http::Request& req, const std::string& public_url);

// Refuses cross-site requests (Sec-Fetch-Site: cross-site, or an Origin that is not ours) with 403.
std::optional<http::Response> cross_site_refusal(const http::Request& req, const std::string& public_url);

// The best language: the person's setting, else Accept-Language among `languages`, else default.
std::string pick_language(const http::Request& req, const std::string& user_language,
                          const std::vector<std::string>& languages, const std::string& default_language);

}  // namespace qt::accounts
