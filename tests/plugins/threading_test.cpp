// Threading model and shutdown: multi-threaded plugins run handlers concurrently, single-threaded
// ones are serialised by the host; stop() waits for in-flight calls before the plugin's stop().
#include <catch2/catch.hpp>

#include <chrono>
#include <fstream>
#include <future>
#include <thread>

#include <boost/json.hpp>

#include "platform/config/config.hpp"
#include "platform/db/database.hpp"
#include "platform/events/bus.hpp"
#include "platform/http/router.hpp"
#include "plugin_host/host.hpp"
#include "temp_dir.hpp"
#include "test_server.hpp"

using qt::plugin_host::Host;
using qt::plugin_host::HostServices;

namespace {

struct SlowRig {
  qt::test::TempDir dir;
  qt::config::Config config;
  std::unique_ptr<qt::db::Database> db;
  qt::http::Router router;
  qt::events::Bus bus;
  std::unique_ptr<Host> host;

  explicit SlowRig(const std::string& plugin) {
    qt::db::Options o;
    o.url = "sqlite:" + (dir / "q.db").string();
    db = qt::db::Database::open(o);
    config.plugins.dir = QT_TEST_PLUGIN_DIR;
    config.plugins.enabled = {plugin};
    host = std::make_unique<Host>(HostServices{config, *db, router, bus});
    host->load();
    host->start();
  }

  qt::http::Response slow(const std::string& plugin) {
    qt::http::Request req;
    req.method = "GET";
    req.path = "/api/p/" + plugin + "/slow";
    auto m = router.match("GET", req.path);
    REQUIRE(m.kind == qt::http::Match::Kind::found);
    try {
      return m.route->handler(req);
    } catch (const qt::http::HttpError& e) {
      return e.to_response();
    }
  }

  int most_concurrent(const std::string& plugin) {
    std::vector<std::future<qt::http::Response>> calls;
    for (int i = 0; i < 4; ++i) calls.push_back(std::async(std::launch::async, [&] { return slow(plugin); }));
    int most = 0;
    for (auto& c : calls) {
      auto r = c.get();
      REQUIRE(r.status == 200);
      most = std::max<int>(most, static_cast<int>(boost::json::parse(r.body).at("most").as_int64()));
    }
    return most;
  }
};

}  // namespace

TEST_CASE("multi-threaded plugins run concurrently, single-threaded ones one call at a time", "[plugins][threads]") {
  {
    SlowRig rig("slow_multi");
    CHECK(rig.most_concurrent("slow_multi") > 1);
    rig.host->stop(std::chrono::seconds(5));
  }
  {
    SlowRig rig("slow_single");
    CHECK(rig.most_concurrent("slow_single") == 1);
    rig.host->stop(std::chrono::seconds(5));
  }
}

TEST_CASE("shutdown stops routing, drains in-flight calls, then calls stop()", "[plugins][threads]") {
  qt::test::TempDir markers;
  setenv("QT_TEST_MARKER_DIR", markers.path().c_str(), 1);
  SlowRig rig("slow_multi");
  auto in_flight = std::async(std::launch::async, [&] { return rig.slow("slow_multi"); });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  const auto t0 = std::chrono::steady_clock::now();
  rig.host->stop(std::chrono::seconds(5));
  const auto waited = std::chrono::steady_clock::now() - t0;
  CHECK(waited >= std::chrono::milliseconds(100));  // it waited for the call
  CHECK(in_flight.get().status == 200);              // which finished normally
  std::ifstream stop_marker(markers / "slow_multi.stop");
  int running_at_stop = -1;
  stop_marker >> running_at_stop;
  CHECK(running_at_stop == 0);  // stop() ran only after the in-flight call completed
  CHECK(rig.slow("slow_multi").status == 503);
  unsetenv("QT_TEST_MARKER_DIR");
}

// Issue 24: a plugin runs in the server's process, so a call that hangs must at least be named.
TEST_CASE("the watchdog logs a plugin call running past [plugins] call_warn_ms, with plugin and route",
          "[plugins][threads][watchdog]") {
  qt::test::TempDir markers;
  qt::test::ServerSetup setup;
  setup.plugin_dir = QT_TEST_PLUGIN_DIR;
  setup.plugins = {"slow_multi"};
  setup.env = {{"QUARTIER_PLUGINS_CALL_WARN_MS", "50"}, {"QT_TEST_MARKER_DIR", markers.path().string()}};
  qt::test::TestServer server(setup);
  auto log_has = [&](const std::string& text) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (server.log().find(text) == std::string::npos) {
      if (std::chrono::steady_clock::now() > deadline) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return true;
  };
  auto held = std::async(std::launch::async, [&] { return server.client().get("/api/p/slow_multi/hold"); });
  // The call is still running (the test has not released it) when the warning appears.
  REQUIRE(log_has("plugin call running long"));
  const auto log = server.log();
  const auto line = log.substr(log.find("plugin call running long"));
  CHECK(line.substr(0, line.find('\n')).find("GET /api/p/slow_multi/hold") != std::string::npos);
  CHECK(line.substr(0, line.find('\n')).find("\"plugin\":\"slow_multi\"") != std::string::npos);
  CHECK(held.wait_for(std::chrono::seconds(0)) == std::future_status::timeout);
  std::ofstream(markers / "release") << "go";
  CHECK(held.get().status == 200);
  CHECK(log_has("plugin call finished late"));
}
