#pragma once
// The request as handlers see it: plain data, independent of Boost.Beast so handlers and the
// plugin host compile without it.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "platform/util/role.hpp"

namespace qt::http {

using Role = qt::Role;  // platform/util/role.hpp

struct Header {
  std::string name;  // lower-case
  std::string value;
};

// A request body streamed to disk (RouteOptions::body_dir) instead of memory. The temporary
// file is removed with the last Request holding it, unless a handler moved it away first.
struct BodyFile {
  std::filesystem::path path;
  std::uint64_t size = 0;
  BodyFile() = default;
  BodyFile(const BodyFile&) = delete;
  BodyFile& operator=(const BodyFile&) = delete;
  ~BodyFile();
};

struct Request {
  std::string method;  // "GET", ...
  std::string target;  // as received: path and query
  std::string path;    // percent-decoded path without query
  std::string query;   // raw query string without '?'
  std::vector<Header> headers;
  std::string body;
  std::shared_ptr<BodyFile> body_file;  // set instead of body on routes with a body_dir
  std::string remote_address;
  std::string request_id;
  bool tls = false;  // true when public_url is https (TLS ends at a proxy)

  // Filled by the router.
  std::vector<std::pair<std::string, std::string>> path_params;
  std::string route_pattern;  // e.g. "/api/content/{id}" (used in logs and metrics)

  // Filled by the session gate (accounts) before the handler runs.
  std::int64_t user_id = 0;  // 0 = anonymous
  Role role = Role::none;
  std::string session_id;    // opaque id of the session row (never the token)
  std::string language;      // "de" or "en": the person's setting, else Accept-Language

  std::optional<std::string_view> header(std::string_view lower_name) const;
  std::optional<std::string_view> param(std::string_view name) const;  // path parameter
  std::optional<std::string> query_param(std::string_view name) const;  // decoded
  // Path parameter as a positive id; throws HttpError 400 naming the parameter otherwise.
  std::int64_t id_param(std::string_view name) const;
};

}  // namespace qt::http
