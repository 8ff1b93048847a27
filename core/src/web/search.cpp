// GET /api/search: everything the person may read, ranked.
#include <boost/json.hpp>

#include "platform/http/response.hpp"
#include "web/routes.hpp"
#include "web/stream_json.hpp"

namespace qt::stream {
namespace {

using http::Request;
using http::Response;

Response search_all(const RouteDeps& d, Request& req) {
  const auto q = req.query_param("q").value_or("");
  if (q.size() > 200) throw http::HttpError(400, "invalid_query", "Die Suche darf höchstens 200 Zeichen haben. / The query may have at most 200 characters.");
  const auto limit = static_cast<int>(web::query_int(req, "limit", 20, 1, 50));
  const auto offset = static_cast<int>(web::query_int(req, "offset", 0, 0, 1000));
  auto lease = d.db.read_snapshot();  // one lease, one read transaction: viewer and search
  const auto v = d.store.viewer(*lease, req.user_id, req.role);
  return Response::json(search::to_json(d.search.all(*lease, v, q, limit, offset)));
}

}  // namespace

void add_search_routes(http::Router& r, const RouteDeps& d) {
  r.get("/api/search", route_handler(d, search_all), http::RouteOptions{http::Access::user});
}

}  // namespace qt::stream
