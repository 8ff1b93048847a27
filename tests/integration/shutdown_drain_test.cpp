// /readyz during shutdown, through the real server: it answers 503 from the first SIGTERM on,
// while connections are still served, so a load balancer takes the node out before it stops
// accepting ([server] drain_seconds), and for a request already in flight without a drain.
#include <catch2/catch.hpp>

#include <csignal>
#include <thread>

#include <boost/asio.hpp>
#include <boost/json.hpp>

#include "http_client.hpp"
#include "server_process.hpp"
#include "test_server.hpp"

using namespace qt::test;
using namespace std::chrono_literals;

namespace {

// Waits until pred() holds; false after the timeout (the caller fails the test then).
template <class Pred>
bool wait_until(Pred pred, std::chrono::milliseconds timeout = 10s) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (pred()) return true;
    std::this_thread::sleep_for(20ms);
  }
  return pred();
}

bool connect_refused(std::uint16_t port) {
  boost::asio::io_context io;
  boost::asio::ip::tcp::socket s(io);
  boost::system::error_code ec;
  s.connect({boost::asio::ip::make_address("127.0.0.1"), port}, ec);
  return static_cast<bool>(ec);
}

}  // namespace

TEST_CASE("readyz turns 503 at SIGTERM while the drain still serves requests, a second SIGTERM ends it",
          "[server][shutdown][readyz]") {
  ServerSetup setup;
  setup.server_toml = {"drain_seconds = 120"};
  TestServer server(setup);
  auto c = server.client();
  REQUIRE(c.get("/readyz").status == 200);

  REQUIRE(signal_server(server, SIGTERM));
  HttpResponse ready;
  REQUIRE(wait_until([&] {
    ready = HttpClient(server.port()).get("/readyz");
    return ready.status == 503;
  }));
  INFO(ready.body);
  CHECK(ready.json().at("status") == "shutting down");
  CHECK(ready.json().at("checks").at("shutdown") == "in progress");
  CHECK(ready.header("cache-control") == std::optional<std::string>("no-store"));

  // Still accepting and serving, but every answer closes its connection so a proxy's kept-alive
  // connections are not left to be cut later.
  CHECK_FALSE(connect_refused(server.port()));
  auto during = HttpClient(server.port()).get("/api/meta");
  CHECK(during.status == 200);
  CHECK(during.header("connection") == std::optional<std::string>("close"));
  CHECK(HttpClient(server.port()).get("/healthz").status == 200);
  CHECK(server.log().find("draining") != std::string::npos);

  // The drain would last 120 s; the second SIGTERM (stop() sends it) ends it and the server exits 0.
  const auto start = std::chrono::steady_clock::now();
  CHECK(server.stop() == 0);
  CHECK(std::chrono::steady_clock::now() - start < 10s);
  CHECK(server.log().find("second signal: ending the drain") != std::string::npos);
  CHECK(connect_refused(server.port()));
}

TEST_CASE("without a drain, a readyz request in flight at SIGTERM is answered 503 before its connection closes",
          "[server][shutdown][readyz]") {
  TestServer server;
  REQUIRE(server.client().get("/readyz").status == 200);

  // A /readyz whose body is still arriving when the shutdown begins.
  boost::asio::io_context io;
  boost::asio::ip::tcp::socket sock(io);
  sock.connect({boost::asio::ip::make_address("127.0.0.1"), server.port()});
  boost::asio::write(sock, boost::asio::buffer(std::string(
                               "GET /readyz HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n")));
  // "100 Continue" says the server has read the header and counts the request as in flight.
  std::string interim;
  boost::asio::read_until(sock, boost::asio::dynamic_buffer(interim), "\r\n\r\n");
  REQUIRE(interim.rfind("HTTP/1.1 100", 0) == 0);

  REQUIRE(signal_server(server, SIGTERM));
  // The shutdown has begun when new connections are refused.
  REQUIRE(wait_until([&] { return connect_refused(server.port()); }));
  boost::asio::write(sock, boost::asio::buffer(std::string("ab")));

  std::string reply;
  boost::system::error_code ec;
  boost::asio::read(sock, boost::asio::dynamic_buffer(reply), ec);
  INFO(reply);
  CHECK(reply.rfind("HTTP/1.1 503", 0) == 0);
  CHECK(reply.find("shutting down") != std::string::npos);
  CHECK(reply.find("Connection: close") != std::string::npos);
  CHECK(server.stop() == 0);
}
