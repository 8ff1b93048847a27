// The HTTP request parser and router: raw bytes go through Beast's request parser with the
// server's header and body limits (as platform/http/session.cpp sets them), then the path is
// decoded and matched against a router holding the route forms the server uses (static,
// {param}, {rest*} and a plugin's /api/p/<name>/ prefix), and the query string and forwarding
// headers are read as handlers read them. Input that Beast refuses still drives the router from
// its first line ("METHOD target"), so the router is not only reached through valid HTTP.
#include <string>

#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include "fuzz_check.hpp"
#include "platform/http/forwarded.hpp"
#include "platform/http/query_int.hpp"
#include "platform/http/request.hpp"
#include "platform/http/response.hpp"
#include "platform/http/router.hpp"
#include "platform/http/url_decode.hpp"
#include "platform/json/utf8.hpp"

namespace {

namespace bhttp = boost::beast::http;
using qt::fuzz::check;
using namespace qt::http;
using qt::json::first_invalid_utf8;

const Router& router() {
  static Router* r = [] {
    auto* out = new Router();
    const Handler none = [](Request&) { return Response::no_content(); };
    for (const char* p : {"/healthz", "/api/stream", "/api/content/{id}", "/api/content/{id}/comments",
                          "/api/groups/{slug}/members/{user}", "/media/{file*}", "/api/p/market/listings/{id}",
                          "/api/p/files/{path*}"})
      out->get(p, none);
    out->post("/api/content", none);
    out->patch("/api/content/{id}", none);
    out->del("/api/content/{id}", none);
    return out;
  }();
  return *r;
}

// What a handler does with a matched request: parameters, the query and the client address.
void use_request(Request& req, const Match& m) {
  req.path_params = m.params;
  if (m.kind == Match::Kind::found) {
    check(m.route != nullptr, "a found match carries its route");
    try {
      check(req.id_param("id") > 0, "id_param answers a positive id or throws");
    } catch (const HttpError& e) {
      check(e.status() == 400, "a bad id is a 400");
    }
  }
  if (m.kind == Match::Kind::method_not_allowed) check(!m.allow.empty(), "405 names the allowed methods");
  try {
    if (const auto q = req.query_param("q")) check(!first_invalid_utf8(*q), "a query parameter is valid UTF-8");
  } catch (const HttpError& e) {
    check(e.status() == 400 && e.code() == "invalid_parameter", "a query parameter that is not UTF-8 is a 400");
  }
  try {
    const auto limit = query_int(req, "limit", 20, 1, 50);
    check(limit >= 1 && limit <= 50, "query_int stays in its range");
  } catch (const HttpError& e) {
    check(e.status() == 400, "a bad number is a 400");
  }
  static const TrustedProxies proxies({"127.0.0.1", "10.0.0.0/8", "::1"});
  std::string forwarded(req.header("x-forwarded-for").value_or(""));
  if (forwarded.empty()) forwarded = TrustedProxies::forwarded_for_of(req.header("forwarded").value_or(""));
  (void)proxies.client_address("10.1.2.3", forwarded);
}

void route(std::string_view method, std::string_view target, Request& req) {
  req.method = std::string(method);
  req.target = std::string(target);
  const auto q = target.find('?');
  if (q != std::string_view::npos) req.query = std::string(target.substr(q + 1));
  const auto path = decode_path(target.substr(0, q));
  if (path) {
    check(path->find('\0') == std::string::npos, "a decoded path holds no NUL");
    if (path->starts_with("/api/")) check(!first_invalid_utf8(*path), "a decoded API path is valid UTF-8");
    req.path = *path;
    use_request(req, router().match(method, *path));
  }
  (void)percent_decode(target, true);
}

void parse_http(std::string_view bytes) {
  bhttp::request_parser<bhttp::string_body> parser;
  parser.header_limit(16 * 1024);
  parser.body_limit(1024 * 1024);
  parser.eager(true);
  boost::beast::error_code ec;
  std::size_t used = 0;
  while (used < bytes.size() && !parser.is_done()) {
    const auto n = parser.put(boost::asio::buffer(bytes.data() + used, bytes.size() - used), ec);
    if (ec || n == 0) break;
    used += n;
  }
  if (!parser.is_header_done()) return;
  const auto& msg = parser.get();
  Request req;
  for (const auto& f : msg) req.headers.push_back({std::string(f.name_string()), std::string(f.value())});
  for (auto& h : req.headers)
    for (auto& c : h.name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (parser.is_done()) check(msg.body().size() <= 1024 * 1024, "the body limit holds");
  route(msg.method_string(), msg.target(), req);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto text = qt::fuzz::as_text(data, size);
  parse_http(text);
  const auto line = qt::fuzz::split_line(text).first;
  const auto space = line.find(' ');
  if (space != std::string_view::npos) {
    Request req;
    route(line.substr(0, space), line.substr(space + 1), req);
  }
  return 0;
}
