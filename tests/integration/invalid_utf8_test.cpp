// Text that is not UTF-8 in a query parameter or a path (found while writing the search fuzz
// target): PostgreSQL refuses such bytes with an error, which became a 500. Both databases now
// answer 400 naming the parameter, and the server keeps serving.
#include <catch2/catch.hpp>

#include <boost/json.hpp>

#include "accounts_fixture.hpp"
#include "pg_test_db.hpp"

using qt::test::AccountsServer;
using qt::test::Session;

namespace {

void check_refusals(AccountsServer& srv) {
  const auto pw = srv.add_user("anna@teststadt.test", "Anna");
  Session anna = srv.login("anna@teststadt.test", pw);
  for (const char* q : {"%FF%FE", "ab%C3", "Stra%C3%9Fe%ED%A0%80", "%C0%AFx"}) {
    INFO(q);
    const auto r = anna.get(std::string("/api/search?q=") + q);
    INFO(r.body);
    REQUIRE(r.status == 400);
    CHECK(r.json().at("error").at("code").as_string() == "invalid_parameter");
    CHECK(r.json().at("error").at("details").at("parameter").as_string() == "q");
  }
  // A valid query with umlauts still searches.
  CHECK(anna.get("/api/search?q=Stra%C3%9Fe").status == 200);

  const auto path = anna.get("/api/legal/%FF%FE");
  INFO(path.body);
  CHECK(path.status == 400);
  CHECK(path.json().at("error").at("code").as_string() == "bad_path");
  CHECK(anna.get("/healthz").status == 200);
}

}  // namespace

TEST_CASE("text that is not UTF-8 in the query or path is refused (SQLite)", "[integration][utf8]") {
  AccountsServer srv;
  check_refusals(srv);
}

TEST_CASE("text that is not UTF-8 in the query or path is refused (PostgreSQL)", "[integration][utf8]") {
  QT_REQUIRE_PG();
  qt::test::PgTestDb pg;
  AccountsServer srv("", pg.url());
  check_refusals(srv);
}
