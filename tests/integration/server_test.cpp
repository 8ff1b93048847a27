// The real server on a loopback port: routing, errors, limits, headers, static files,
// operations endpoints, access log, graceful shutdown.
#include <catch2/catch.hpp>

#include <csignal>
#include <thread>

#include <boost/asio.hpp>
#include <boost/json.hpp>

#include "http_client.hpp"
#include "pg_test_db.hpp"
#include "test_server.hpp"

using namespace qt::test;
using namespace std::chrono_literals;

namespace {

void check_error_shape(const HttpResponse& r, int status, const std::string& code) {
  INFO(r.body);
  CHECK(r.status == status);
  CHECK(r.header("content-type") == std::optional<std::string>("application/json; charset=utf-8"));
  const auto v = r.json();
  CHECK(v.at("error").at("code") == code.c_str());
  CHECK_FALSE(v.at("error").at("message").as_string().empty());
  CHECK(r.body.find("<html") == std::string::npos);
}

void check_security_headers(const HttpResponse& r) {
  CHECK(r.header("content-security-policy").value_or("").find("default-src 'self'") != std::string::npos);
  CHECK(r.header("content-security-policy").value_or("").find("frame-ancestors 'none'") != std::string::npos);
  CHECK(r.header("x-content-type-options") == std::optional<std::string>("nosniff"));
  CHECK(r.header("referrer-policy") == std::optional<std::string>("strict-origin-when-cross-origin"));
  CHECK(r.header("permissions-policy").value_or("").find("camera=()") != std::string::npos);
  CHECK_FALSE(r.header("strict-transport-security"));  // plain HTTP here
}

}  // namespace

TEST_CASE("health, readiness and metrics", "[server]") {
  TestServer server;
  auto c = server.client();
  auto h = c.get("/healthz");
  CHECK(h.status == 200);
  CHECK(h.json().at("status") == "ok");
  check_security_headers(h);

  auto r = c.get("/readyz");
  INFO(r.body);
  CHECK(r.status == 200);
  CHECK(r.json().at("checks").at("database") == "ok");
  CHECK(r.json().at("checks").at("migrations") == "current");

  c.get("/api/does-not-exist");
  auto m = c.get("/metrics");
  CHECK(m.status == 200);
  CHECK(m.header("content-type").value_or("").rfind("text/plain; version=0.0.4", 0) == 0);
  CHECK_THAT(m.body, Catch::Contains("quartier_http_requests_total{method=\"GET\",route=\"/healthz\",status=\"200\"} 1"));
  CHECK_THAT(m.body, Catch::Contains("route=\"not_found\",status=\"404\"} 1"));
  CHECK_THAT(m.body, Catch::Contains("quartier_http_request_duration_seconds_bucket{route=\"/readyz\""));
  CHECK_THAT(m.body, Catch::Contains("quartier_http_open_connections 1"));
  CHECK_THAT(m.body, Catch::Contains("quartier_db_pool_connections{state=\"in_use\"}"));
}

TEST_CASE("unknown paths, wrong methods and bad requests get the JSON error shape", "[server]") {
  TestServer server;
  auto c = server.client();
  auto nf = c.get("/api/nothing/here");
  check_error_shape(nf, 404, "not_found");
  check_security_headers(nf);

  auto na = c.request("POST", "/healthz", "{}");
  check_error_shape(na, 405, "method_not_allowed");
  CHECK(na.header("allow") == std::optional<std::string>("GET, HEAD"));

  auto put_static = c.request("PUT", "/index.html", "x");
  check_error_shape(put_static, 405, "method_not_allowed");

  // Garbage instead of HTTP: 400 with the JSON shape, then the connection closes.
  const auto raw = raw_exchange(server.port(), "THIS IS NOT HTTP\r\n\r\n");
  CHECK(raw.rfind("HTTP/1.1 400", 0) == 0);
  CHECK(raw.find("\"code\":\"bad_request\"") != std::string::npos);
}

TEST_CASE("body and header size limits", "[server][limits]") {
  ServerSetup setup;
  setup.server_toml = {"max_body_bytes = 1024", "max_header_bytes = 2048"};
  TestServer server(setup);
  auto c = server.client();

  auto big = c.request("POST", "/api/anything", std::string(4096, 'x'), {{"Content-Type", "application/json"}});
  check_error_shape(big, 413, "body_too_large");
  CHECK(big.json().at("error").at("details").at("limit").as_int64() == 1024);
  CHECK(big.body.find("1024 Bytes") != std::string::npos);

  // A client that sends a large body without waiting still reads the 413: the server drops the
  // rest of the body instead of resetting the connection under it.
  auto huge = server.client().request("POST", "/api/anything", std::string(8 * 1024 * 1024, 'x'),
                                      {{"Content-Type", "application/json"}});
  check_error_shape(huge, 413, "body_too_large");

  // Chunked bodies have no length up front; the limit still applies while reading.
  std::string chunked = "POST /api/anything HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 4; ++i) chunked += "200\r\n" + std::string(512, 'y') + "\r\n";
  chunked += "0\r\n\r\n";
  const auto raw = raw_exchange(server.port(), chunked);
  CHECK(raw.rfind("HTTP/1.1 413", 0) == 0);
  // A malformed chunk (a size that is not hex) is answered with a 400 that says so, not a
  // silently closed connection.
  const auto bad_chunk = raw_exchange(server.port(), "POST /api/anything HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: "
                                                     "chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n");
  CHECK(bad_chunk.rfind("HTTP/1.1 400", 0) == 0);
  CHECK(bad_chunk.find("\"code\":\"bad_request\"") != std::string::npos);
  CHECK(bad_chunk.find("Chunk") != std::string::npos);

  auto fat = raw_exchange(server.port(),
                          "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Fill: " + std::string(4096, 'z') + "\r\n\r\n");
  CHECK(fat.rfind("HTTP/1.1 431", 0) == 0);
  CHECK(fat.find("\"code\":\"headers_too_large\"") != std::string::npos);

  // Within the limits everything still works on a fresh connection.
  CHECK(server.client().get("/healthz").status == 200);
}

TEST_CASE("a client that sends too slowly is cut off", "[server][limits]") {
  ServerSetup setup;
  setup.server_toml = {"read_timeout_seconds = 1"};
  TestServer server(setup);
  // Headers promise a body that never comes: the server closes the connection after the read
  // timeout instead of holding it open.
  const auto start = std::chrono::steady_clock::now();
  const auto raw = raw_exchange(server.port(), "POST /api/x HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc", 10s);
  CHECK(std::chrono::steady_clock::now() - start < 8s);
  CHECK(raw.empty());
  // Headers that never finish are cut off the same way.
  const auto start2 = std::chrono::steady_clock::now();
  raw_exchange(server.port(), "GET /healthz HTTP/1.1\r\nHost: x\r\n", 10s);
  CHECK(std::chrono::steady_clock::now() - start2 < 8s);
  CHECK(server.client().get("/healthz").status == 200);
}

TEST_CASE("keep-alive and Expect: 100-continue", "[server]") {
  TestServer server;
  auto c = server.client();
  for (int i = 0; i < 5; ++i) CHECK(c.get("/healthz").status == 200);
  const auto m = c.get("/metrics");
  CHECK_THAT(m.body, Catch::Contains("quartier_http_open_connections 1"));

  const auto raw = raw_exchange(server.port(),
                                "POST /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nExpect: 100-continue\r\n"
                                "Connection: close\r\n\r\n{}");
  CHECK(raw.rfind("HTTP/1.1 100 Continue", 0) == 0);
  CHECK(raw.find("HTTP/1.1 405") != std::string::npos);
}

TEST_CASE("/metrics answers this machine, or anyone with the token", "[server][metrics]") {
  {
    // Behind a trusted proxy the client's address counts: a resident elsewhere gets 403.
    ServerSetup setup;
    setup.server_toml = {"trusted_proxies = [\"127.0.0.1\"]"};
    TestServer server(setup);
    CHECK(server.client().get("/metrics").status == 200);
    const auto away = server.client().get("/metrics", {{"X-Forwarded-For", "203.0.113.5"}});
    CHECK(away.status == 403);
    CHECK(away.error_code() == "metrics_forbidden");
    CHECK(server.client().get("/metrics", {{"X-Forwarded-For", "127.0.0.1"}}).status == 200);
    // The standard Forwarded header (RFC 7239) counts the same way when X-Forwarded-For is absent.
    CHECK(server.client().get("/metrics", {{"Forwarded", "for=203.0.113.5;proto=https"}}).status == 403);
    CHECK(server.client().get("/metrics", {{"Forwarded", "for=\"[2001:db8::5]:443\""}}).status == 403);
    CHECK(server.client().get("/metrics", {{"Forwarded", "for=127.0.0.1"}}).status == 200);
  }
  const std::string token(40, 'k');
  ServerSetup setup;
  setup.server_toml = {"metrics_token = \"" + token + "\""};
  TestServer server(setup);
  CHECK(server.client().get("/metrics").error_code() == "metrics_token_required");
  CHECK(server.client().get("/metrics", {{"Authorization", "Bearer " + std::string(40, 'x')}}).status == 401);
  CHECK(server.client().get("/metrics", {{"Authorization", "Bearer " + token.substr(1)}}).status == 401);
  const auto ok = server.client().get("/metrics", {{"Authorization", "Bearer " + token}});
  CHECK(ok.status == 200);
  CHECK_THAT(ok.body, Catch::Contains("quartier_http_open_connections"));
}

TEST_CASE("static files: types, ETags, compression, fallback, no traversal", "[server][static]") {
  TempDir web;
  web.write("index.html", "<!doctype html><title>Q</title>");
  web.write("assets/app-abc123.js", "console.log(1)");
  web.write("assets/app-abc123.js.gz", "GZIPPED-BYTES");
  ServerSetup setup;
  setup.web_root = web.path().string();
  TestServer server(setup);
  server.dir().write("secret.txt", "top secret");
  auto c = server.client();

  auto index = c.get("/");
  CHECK(index.status == 200);
  CHECK(index.header("content-type") == std::optional<std::string>("text/html; charset=utf-8"));
  CHECK(index.header("cache-control") == std::optional<std::string>("no-cache"));
  check_security_headers(index);
  const auto etag = index.header("etag");
  REQUIRE(etag);
  auto again = c.get("/", {{"If-None-Match", *etag}});
  CHECK(again.status == 304);
  CHECK(again.body.empty());

  auto js = c.get("/assets/app-abc123.js");
  CHECK(js.status == 200);
  CHECK(js.body == "console.log(1)");
  CHECK(js.header("content-type") == std::optional<std::string>("text/javascript; charset=utf-8"));
  CHECK(js.header("cache-control") == std::optional<std::string>("public, max-age=31536000, immutable"));
  auto gz = c.get("/assets/app-abc123.js", {{"Accept-Encoding", "gzip, br"}});
  CHECK(gz.header("content-encoding") == std::optional<std::string>("gzip"));
  CHECK(gz.body == "GZIPPED-BYTES");
  CHECK(gz.header("vary") == std::optional<std::string>("Accept-Encoding"));

  auto head = c.request("HEAD", "/assets/app-abc123.js");
  CHECK(head.status == 200);
  CHECK(head.header("content-length") == std::optional<std::string>("14"));

  auto route = c.get("/gruppen/7/mitglieder");
  CHECK(route.status == 200);
  CHECK(route.body.find("<title>Q</title>") != std::string::npos);

  check_error_shape(c.get("/assets/missing.js"), 404, "not_found");
  // Traversal, plain and encoded, never reaches the file next to the web root.
  for (const auto* path : {"/../secret.txt", "/%2e%2e/secret.txt", "/assets/%2E%2E/%2E%2E/secret.txt",
                           "/..%2fsecret.txt"}) {
    const auto raw = raw_exchange(server.port(), std::string("GET ") + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    INFO(path << "\n" << raw);
    CHECK(raw.find("top secret") == std::string::npos);
  }
}

TEST_CASE("one access-log line per request, without query strings or cookies", "[server][log]") {
  TestServer server;
  auto c = server.client();
  c.get("/healthz?token=SECRET-TOKEN-123", {{"Cookie", "quartier_session=COOKIE-VALUE-456"}});
  c.get("/api/missing");
  server.stop();
  const auto log = server.log();
  INFO(log);
  CHECK(log.find("SECRET-TOKEN-123") == std::string::npos);
  CHECK(log.find("COOKIE-VALUE-456") == std::string::npos);
  std::size_t lines = 0;
  std::istringstream in(log);
  for (std::string line; std::getline(in, line);) {
    if (line.find("\"msg\":\"request\"") == std::string::npos) continue;
    ++lines;
    const auto v = boost::json::parse(line);
    for (const auto* key : {"ts", "method", "route", "status", "duration_ms", "bytes"})
      CHECK(v.as_object().contains(key));
  }
  CHECK(lines == 2);
}

TEST_CASE("graceful shutdown lets a request in flight finish and exits 0", "[server][shutdown]") {
  TestServer server;
  // An idle keep-alive connection must not hold the shutdown up.
  auto idle = server.client();
  CHECK(idle.get("/healthz").status == 200);

  // A request whose body is still arriving when SIGTERM comes.
  boost::asio::io_context io;
  boost::asio::ip::tcp::socket sock(io);
  sock.connect({boost::asio::ip::make_address("127.0.0.1"), server.port()});
  boost::asio::write(sock, boost::asio::buffer(std::string("GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\nab")));
  std::this_thread::sleep_for(200ms);

  std::thread stopper([&] {
    std::this_thread::sleep_for(100ms);
    boost::asio::write(sock, boost::asio::buffer(std::string("cd")));
  });
  const auto start = std::chrono::steady_clock::now();
  const int code = server.stop();
  stopper.join();
  CHECK(code == 0);
  CHECK(std::chrono::steady_clock::now() - start < 8s);

  std::string reply;
  boost::system::error_code ec;
  boost::asio::read(sock, boost::asio::dynamic_buffer(reply), ec);
  INFO(reply);
  CHECK(reply.rfind("HTTP/1.1 200", 0) == 0);
  CHECK(reply.find("Connection: close") != std::string::npos);

  // New connections are refused after shutdown.
  boost::asio::ip::tcp::socket late(io);
  late.connect({boost::asio::ip::make_address("127.0.0.1"), server.port()}, ec);
  CHECK(ec);
}

TEST_CASE("the same server runs on PostgreSQL", "[server][postgresql]") {
  QT_REQUIRE_PG();
  PgTestDb pg;
  ServerSetup setup;
  setup.database_url = pg.url();
  TestServer server(setup);
  auto c = server.client();
  auto r = c.get("/readyz");
  INFO(r.body);
  CHECK(r.status == 200);
  CHECK(r.json().at("checks").at("migrations") == "current");
  CHECK(server.stop() == 0);
  // A second start finds the schema current and does not migrate again.
  TestServer again(setup);
  CHECK(again.client().get("/readyz").status == 200);
  CHECK(again.log().find("migration applied") == std::string::npos);
}
