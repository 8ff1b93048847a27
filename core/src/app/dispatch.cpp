#include "app/dispatch.hpp"

#include "http/response.hpp"
#include "log/log.hpp"

namespace qt::app {

namespace {

bool api_path(std::string_view p) {
  return p.rfind("/api/", 0) == 0 || p == "/api" || p == "/healthz" || p == "/readyz" || p == "/metrics";
}

// Without the accounts gate nothing non-public may pass.
std::optional<http::Response> default_gate(http::Request&, const http::Route& route) {
  if (route.options.access == http::Access::public_) return std::nullopt;
  return http::Response::error(401, "not_logged_in",
                               "Bitte melden Sie sich an. / Please log in.");
}

http::Response run_handler(Services& services, http::Request& req, const http::Route& route) {
  try {
    if (auto refusal = services.gate ? services.gate(req, route) : default_gate(req, route)) return std::move(*refusal);
    return route.handler(req);
  } catch (const http::HttpError& e) {
    return e.to_response();
  } catch (const std::exception& e) {
    // The reason goes to the log with the request id, never to the client.
    log::error("handler failed", {{"route", route.pattern}, {"owner", route.options.owner},
                                  {"request_id", req.request_id}, {"error", e.what()}});
  } catch (...) {
    log::error("handler failed", {{"route", route.pattern}, {"request_id", req.request_id}, {"error", "unknown"}});
  }
  return http::Response::error(500, "internal",
                               "Ein interner Fehler ist aufgetreten; bitte später erneut versuchen. Kennung: " +
                                   req.request_id + " / An internal error occurred; please try again later.");
}

}  // namespace

http::Dispatcher make_dispatcher(Services& services, const http::StaticFiles& static_files) {
  return [&services, &static_files](http::Request& req) -> http::Response {
    auto m = services.router.match(req.method, req.path);
    if (m.kind == http::Match::Kind::found) {
      req.route_pattern = m.route->pattern;
      req.path_params = std::move(m.params);
      return run_handler(services, req, *m.route);
    }
    if (m.kind == http::Match::Kind::method_not_allowed) {
      req.route_pattern = "method_not_allowed";
      auto r = http::Response::error(405, "method_not_allowed",
                                     "Diese Methode ist hier nicht erlaubt; erlaubt: " + m.allow +
                                         " / Method not allowed here; allowed: " + m.allow);
      r.set_header("Allow", m.allow);
      return r;
    }
    if (!api_path(req.path)) {
      if (req.method != "GET" && req.method != "HEAD") {
        req.route_pattern = "method_not_allowed";
        auto r = http::Response::error(405, "method_not_allowed",
                                       "Hier sind nur GET und HEAD erlaubt. / Only GET and HEAD are allowed here.");
        r.set_header("Allow", "GET, HEAD");
        return r;
      }
      req.route_pattern = "static";
      if (auto r = static_files.serve(req, req.path)) return std::move(*r);
    }
    req.route_pattern = "not_found";
    return http::Response::error(404, "not_found",
                                 "Diese Adresse gibt es nicht. / There is nothing at this address.");
  };
}

http::UpgradeHandler gated_upgrade(Services& services, const std::string& path, http::UpgradeHandler handler) {
  // A synthetic route carries the access rule for the gate: live updates are for logged-in people.
  auto route = std::make_shared<http::Route>(http::Route{"GET", path, {}, {http::Access::user, false, "core"}});
  return [&services, route, handler = std::move(handler)](http::Request& req) -> http::UpgradeResult {
    try {
      if (auto refusal = services.gate ? services.gate(req, *route) : default_gate(req, *route))
        return std::move(*refusal);
      return handler(req);
    } catch (const http::HttpError& e) {
      return e.to_response();
    } catch (const std::exception& e) {
      log::error("websocket upgrade failed", {{"route", route->pattern}, {"error", e.what()}});
      return http::Response::error(500, "internal", "Interner Fehler. / Internal error.");
    }
  };
}

}  // namespace qt::app
