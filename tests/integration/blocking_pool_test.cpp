// Slow handlers (RouteOptions::lane = Lane::cpu, e.g. Argon2id login) run on the server's blocking pool:
// with ONE I/O thread, a request still gets its answer while a blocking handler is stuck.
#include <catch2/catch.hpp>

#include <condition_variable>
#include <future>
#include <mutex>
#include <thread>

#include "http_client.hpp"
#include "platform/http/metrics.hpp"
#include "platform/http/server.hpp"

namespace {

struct Gate {
  std::mutex mu;
  std::condition_variable cv;
  bool entered = false, open = false;
  void enter_and_wait() {
    std::unique_lock l(mu);
    entered = true;
    cv.notify_all();
    cv.wait(l, [this] { return open; });
  }
  void wait_entered() {
    std::unique_lock l(mu);
    cv.wait(l, [this] { return entered; });
  }
  void release() {
    std::lock_guard l(mu);
    open = true;
    cv.notify_all();
  }
};

}  // namespace

TEST_CASE("a blocking handler does not hold up the I/O thread", "[server][blocking_pool]") {
  Gate gate;
  qt::http::Metrics metrics;
  qt::http::ServerOptions o;
  o.port = 0;
  o.threads = 1;  // one I/O thread: if the slow handler ran on it, nothing else could be answered
  o.cpu_threads = 1;
  o.cpu_queue = 2;
  o.access_log = false;
  qt::http::Server server(
      o,
      [&gate](qt::http::Request& req, qt::http::Match&) {
        req.route_pattern = req.path;
        if (req.path == "/slow") gate.enter_and_wait();
        return qt::http::Response::json(boost::json::object{{"path", req.path}});
      },
      metrics);
  // The matcher finds a route for POST /slow only, in the cpu lane; everything else is not_found
  // (the dispatcher above answers it anyway) and runs on the I/O thread.
  qt::http::Route slow_route{"POST", "/slow", {}, {}};
  slow_route.options.lane = qt::http::Lane::cpu;
  server.set_matcher([&slow_route](std::string_view method, std::string_view path) {
    qt::http::Match m;
    if (method == "POST" && path == "/slow") {
      m.kind = qt::http::Match::Kind::found;
      m.route = &slow_route;
    }
    return m;
  });
  const auto port = server.listen();
  std::thread runner([&] { server.run(); });

  auto slow = std::async(std::launch::async, [port] { return qt::test::HttpClient(port).request("POST", "/slow"); });
  gate.wait_entered();  // the slow handler is running now, and stays stuck until released
  qt::test::HttpClient fast(port);
  auto r = fast.get("/fast");
  CHECK(r.status == 200);
  CHECK(r.body.find("/fast") != std::string::npos);
  // A state-changing request that is not marked blocking is answered on the I/O thread too.
  CHECK(fast.request("POST", "/other").status == 200);
  // The pool (1 thread) and its queue (2 = the stuck one + one waiting) are bounded: of two more
  // blocking requests one waits, the other is refused at once with 503 and Retry-After.
  auto a = std::async(std::launch::async, [port] { return qt::test::HttpClient(port).request("POST", "/slow"); });
  auto b = std::async(std::launch::async, [port] { return qt::test::HttpClient(port).request("POST", "/slow"); });
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (a.wait_for(std::chrono::milliseconds(10)) != std::future_status::ready &&
         b.wait_for(std::chrono::milliseconds(10)) != std::future_status::ready &&
         std::chrono::steady_clock::now() < deadline) {
  }
  const bool a_first = a.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
  auto& refused_f = a_first ? a : b;
  auto& waiting_f = a_first ? b : a;
  REQUIRE(refused_f.wait_for(std::chrono::seconds(0)) == std::future_status::ready);
  auto refused = refused_f.get();
  CHECK(refused.status == 503);
  CHECK(refused.header("retry-after").has_value());
  gate.release();
  CHECK(slow.get().status == 200);
  CHECK(waiting_f.get().status == 200);
  server.stop();
  runner.join();
}
