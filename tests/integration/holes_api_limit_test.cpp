// Beyond issue 27's six: the gate limits authenticated API use per person to 1,500 requests in
// five minutes by default (a runaway client), through the real server on SQLite and PostgreSQL:
// request 1,501 of a signed-in person gets 429 with Retry-After, on any route; another person is
// not affected. [auth] api_requests_per_user_5min changes the budget.
#include "accounts_fixture.hpp"
#include "pg_test_db.hpp"

using namespace qt::test;

TEST_CASE("the 1501st request of a person within five minutes gets 429", "[holes][limits][accounts]") {
  for_each_dialect([](const DbTarget& target) {
    AccountsServer s("", target.url);
    const auto pw = s.add_user("rudi@teststadt.test", "Rudi");
    const auto pw2 = s.add_user("susi@teststadt.test", "Susi");
    auto rudi = s.login("rudi@teststadt.test", pw);  // the login itself has no session yet: not counted
    int ok = 0;
    HttpResponse last;
    while (ok < 1600) {
      last = rudi.get("/api/me");
      if (last.status != 200) break;
      ++ok;
    }
    INFO(last.status << " " << last.body);
    CHECK(ok == 1500);
    CHECK(last.status == 429);
    CHECK(last.error_code() == "rate_limited");
    const auto retry = std::stoi(last.header("retry-after").value_or("0"));
    CHECK(retry > 0);
    CHECK(retry <= 300);
    CHECK(rudi.get("/api/stream").status == 429);  // any route
    auto susi = s.login("susi@teststadt.test", pw2);
    CHECK(susi.get("/api/me").status == 200);
  });
}

TEST_CASE("[auth] api_requests_per_user_5min sets the per-person budget", "[holes][limits][accounts]") {
  AccountsServer s("api_requests_per_user_5min = 20\n");
  const auto pw = s.add_user("rudi@teststadt.test", "Rudi");
  auto rudi = s.login("rudi@teststadt.test", pw);
  int ok = 0;
  HttpResponse last;
  while (ok < 100) {
    last = rudi.get("/api/me");
    if (last.status != 200) break;
    ++ok;
  }
  INFO(last.status << " " << last.body);
  CHECK(ok == 20);
  CHECK(last.status == 429);
  CHECK(last.error_code() == "rate_limited");
}
