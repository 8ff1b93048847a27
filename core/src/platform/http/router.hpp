#pragma once
// Method + path routing with {param} segments and an optional trailing {name*} that takes the
// rest of the path. A path that matches with another method gets 405 and an Allow header.
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "platform/http/request.hpp"
#include "platform/http/response.hpp"

namespace qt::http {

// Who may call a route; checked by the gate before the handler runs.
enum class Access { public_, user, staff, moderator, admin };

// Where a route's handler runs, so that the few I/O threads keep serving everyone else:
//   io   - on the I/O thread (quick handlers: the default);
//   cpu  - slow on the CPU (Argon2id password hashing): a small pool at lower priority;
//   wait - mostly waiting for the disk (writes in a group commit): a larger pool, so that many
//          requests can wait for the same flush instead of two (one per I/O thread).
enum class Lane { io, cpu, wait };

using Handler = std::function<Response(Request&)>;

struct RouteOptions {
  Access access = Access::public_;
  bool csrf = true;  // state-changing methods need the CSRF token (unless public auth endpoints)
  std::string owner = "core";  // "core" or the plugin name
  Lane lane = Lane::io;
  // Largest request body this route takes; 0 = the server's [server] max_body_bytes. Uploads
  // need more than JSON, and the limit must be known before the body is read.
  std::uint64_t max_body_bytes = 0;
  // Non-empty: the body is streamed to a temporary file in this folder (Request::body_file),
  // never held in memory; for uploads of any size.
  std::filesystem::path body_dir{};
};

struct Route {
  std::string method;
  std::string pattern;
  Handler handler;
  RouteOptions options;
};

struct Match {
  enum class Kind { found, method_not_allowed, not_found } kind = Kind::not_found;
  const Route* route = nullptr;
  std::vector<std::pair<std::string, std::string>> params;
  std::string allow;  // for method_not_allowed: "GET, HEAD, POST"
};

class Router {
 public:
  Router();
  ~Router();
  Router(const Router&) = delete;
  Router& operator=(const Router&) = delete;

  // Throws std::invalid_argument on a malformed pattern or a duplicate (method, pattern).
  void add(std::string method, std::string pattern, Handler handler, RouteOptions options = {});
  void get(std::string pattern, Handler h, RouteOptions o = {}) { add("GET", std::move(pattern), std::move(h), std::move(o)); }
  void post(std::string pattern, Handler h, RouteOptions o = {}) { add("POST", std::move(pattern), std::move(h), std::move(o)); }
  void put(std::string pattern, Handler h, RouteOptions o = {}) { add("PUT", std::move(pattern), std::move(h), std::move(o)); }
  void patch(std::string pattern, Handler h, RouteOptions o = {}) { add("PATCH", std::move(pattern), std::move(h), std::move(o)); }
  void del(std::string pattern, Handler h, RouteOptions o = {}) { add("DELETE", std::move(pattern), std::move(h), std::move(o)); }

  // HEAD matches GET routes. Thread-safe for concurrent matching once routes are added.
  Match match(std::string_view method, std::string_view path) const;

  std::vector<const Route*> routes() const;

 private:
  struct Node;
  std::unique_ptr<Node> root_;
  std::vector<std::unique_ptr<Route>> routes_;
};

}  // namespace qt::http
