// A request whose date passes without being done expires through the plugin's durable job: its
// status and its stream card say "expired", and nobody can offer help any more.
#include "help_fixture.hpp"
#include "pg_test_db.hpp"

using namespace qt::test;
using namespace qt::test::help;

TEST_CASE("a request expires after its date through a durable job", "[help][expiry]") {
  for_each_dialect([](const DbTarget& target) {
    HelpServer s(target.url);
    auto alice = s.person("alice", s.nord);
    auto hans = s.person("hans", s.nord);
    auto soon = ask(alice, "errands", {{"when", "by_date"}, {"due_at", now_ms() + 1500}});
    auto later = ask(alice, "errands");
    // Wait on the state (the job runs once its time has come), not on a fixed time.
    std::string status;
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (std::chrono::steady_clock::now() < until) {
      status = str(alice.get(rpath(soon)).json().at("status"));
      if (status == "expired") break;
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    REQUIRE(status == "expired");
    CHECK(card_status(alice, soon) == "expired");
    CHECK(hans.send("POST", rpath(soon, "/respond")).error_code() == "not_open");
    CHECK(str(alice.get(rpath(later)).json().at("status")) == "open");
  });
}
