// Live events between two nodes through PostgreSQL LISTEN/NOTIFY.
#include <catch2/catch.hpp>

#include <mutex>
#include <thread>

#include "pg_test_db.hpp"
#include "platform/live/pg_relay.hpp"

TEST_CASE("live events reach a person connected to another node", "[db][stream][live]") {
  QT_REQUIRE_PG();
  qt::test::PgTestDb pg;
  qt::live::Hub hub_a, hub_b;
  qt::live::PgRelay relay_a(pg.url(), hub_a), relay_b(pg.url(), hub_b);
  relay_a.attach();
  relay_b.attach();
  std::mutex mu;
  std::vector<std::string> on_b, on_a;
  hub_b.on_open(7, [&](std::string f) {
    std::lock_guard l(mu);
    on_b.push_back(std::move(f));
  });
  hub_a.on_open(8, [&](std::string f) {
    std::lock_guard l(mu);
    on_a.push_back(std::move(f));
  });
  std::vector<std::int64_t> many(3000);
  for (std::size_t i = 0; i < many.size(); ++i) many[i] = static_cast<std::int64_t>(i + 1000);
  many.push_back(7);  // the last of a list too long for one NOTIFY
  hub_a.publish(many, "notification", boost::json::object{{"kind", "announcement"}});
  hub_a.publish(8, "notification", boost::json::object{{"kind", "local"}});
  for (int i = 0; i < 50; ++i) {
    relay_a.poll();
    relay_b.poll();
    {
      std::lock_guard l(mu);
      if (on_b.size() >= 2) break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  std::lock_guard l(mu);
  REQUIRE(on_b.size() == 2);  // hello + the announcement from node A
  CHECK(on_b[1].find("announcement") != std::string::npos);
  REQUIRE(on_a.size() == 2);  // hello + the local one, exactly once (node A ignores its own echo)
  CHECK(on_a[1].find("local") != std::string::npos);
}

TEST_CASE("a node event reaches the handler on the other node, not the sender's", "[db][stream][live]") {
  QT_REQUIRE_PG();
  qt::test::PgTestDb pg;
  qt::live::Hub hub_a, hub_b;
  qt::live::PgRelay relay_a(pg.url(), hub_a), relay_b(pg.url(), hub_b);
  relay_a.attach();
  relay_b.attach();
  std::mutex mu;
  std::vector<std::int64_t> on_a, on_b;
  hub_a.on_node_event("node:test", [&](const boost::json::value& d) {
    std::lock_guard l(mu);
    on_a.push_back(d.at("id").to_number<std::int64_t>());
  });
  hub_b.on_node_event("node:test", [&](const boost::json::value& d) {
    std::lock_guard l(mu);
    on_b.push_back(d.at("id").to_number<std::int64_t>());
  });
  hub_a.to_other_nodes("node:test", boost::json::object{{"id", 42}});
  hub_a.to_other_nodes("node:unknown", boost::json::object{{"id", 1}});  // no handler: ignored
  for (int i = 0; i < 50; ++i) {
    relay_a.poll();
    relay_b.poll();
    {
      std::lock_guard l(mu);
      if (!on_b.empty()) break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  relay_a.poll();
  std::lock_guard l(mu);
  CHECK(on_b == std::vector<std::int64_t>{42});
  CHECK(on_a.empty());  // the sender handled it itself already
  // Without a relay (one node) nothing happens and nothing throws.
  qt::live::Hub alone;
  alone.to_other_nodes("node:test", boost::json::object{{"id", 1}});
}
