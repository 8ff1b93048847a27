#include "web/dispatch.hpp"

#include "platform/db/outage.hpp"
#include "platform/http/response.hpp"
#include "platform/log/log.hpp"
#include "web/errors.hpp"

namespace qt::web {

namespace {

bool api_path(std::string_view p) {
  return p.rfind("/api/", 0) == 0 || p == "/api" || p == "/healthz" || p == "/readyz" || p == "/metrics";
}

http::Response outage_response(const http::Request& req, const http::Route& route, const std::exception& e,
                               db::Outage outage) {
  log::error("database unavailable", {{"route", route.pattern}, {"request_id", req.request_id},
                                      {"what_to_do", std::string(db::outage_hint(outage))}, {"error", e.what()}});
  auto r = outage == db::Outage::disk_full
               ? http::Response::error(503, "storage_full",
                                       "Quartier kann gerade nichts speichern; bitte in einer Minute erneut versuchen. / "
                                       "Quartier cannot store anything right now; please try again in a minute.")
               : http::Response::error(503, "database_unavailable",
                                       "Quartier ist kurz nicht erreichbar; bitte gleich erneut versuchen. / Quartier is "
                                       "briefly unavailable; please try again in a moment.");
  r.set_header("Retry-After", outage == db::Outage::disk_full ? "60" : "5");
  return r;
}

http::Response run_handler(const Gate& gate, http::Request& req, const http::Route& route) {
  try {
    if (auto refusal = gate ? gate(req, route) : default_gate(req, route)) return std::move(*refusal);
    return route.handler(req);
  } catch (const domain::Error& e) {
    return to_response(e);
  } catch (const http::HttpError& e) {
    return e.to_response();
  } catch (const std::exception& e) {
    // The database down or restarting, or its disk full: it passes, so 503 and when to retry.
    if (const auto outage = db::classify_outage(e); outage != db::Outage::none) return outage_response(req, route, e, outage);
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

http::Dispatcher make_dispatcher(const Gate& gate, const http::StaticFiles& static_files) {
  return [&gate, &static_files](http::Request& req, http::Match& m) -> http::Response {
    if (m.kind == http::Match::Kind::found) {
      req.route_pattern = m.route->pattern;
      req.path_params = std::move(m.params);
      return run_handler(gate, req, *m.route);
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

http::UpgradeHandler gated_upgrade(const Gate& gate, const std::string& path, http::UpgradeHandler handler,
                                   http::Access access) {
  // A synthetic route carries the access rule for the gate: live updates are for logged-in people.
  auto route = std::make_shared<http::Route>(http::Route{"GET", path, {}, {access, false, "core"}});
  return [&gate, route, handler = std::move(handler)](http::Request& req) -> http::UpgradeResult {
    try {
      if (auto refusal = gate ? gate(req, *route) : default_gate(req, *route)) return std::move(*refusal);
      return handler(req);
    } catch (const domain::Error& e) {
      return to_response(e);
    } catch (const http::HttpError& e) {
      return e.to_response();
    } catch (const std::exception& e) {
      log::error("websocket upgrade failed", {{"route", route->pattern}, {"error", e.what()}});
      return http::Response::error(500, "internal", "Interner Fehler. / Internal error.");
    }
  };
}

}  // namespace qt::web
