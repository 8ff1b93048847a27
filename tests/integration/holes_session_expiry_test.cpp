// Issue 27, session timeouts through the real server on SQLite and PostgreSQL:
// - the request gate measures idleness against session_idle_minutes (not the absolute limit);
// - login stores a lifetime of session_absolute_days (not more), the gate refuses a session past it.
// Time passing is simulated by moving the session's stored time stamps back in the database,
// each probe on a session of its own (a request that is let in queues a touch of last_seen_at,
// which the server writes a few seconds later and which would undo a second move of that row).
#include "holes_fixture.hpp"
#include "pg_test_db.hpp"
#include "sql_access.hpp"

using namespace qt::test;
using namespace qt::test::holes;

namespace {

constexpr std::int64_t kMinute = 60LL * 1000;
constexpr std::int64_t kDay = 24 * 60 * kMinute;

// The settings under test: neither is a default, so a constant in the code would not match them.
const std::string kAuthToml = "session_idle_minutes = 45\nsession_absolute_days = 3\n";
constexpr std::int64_t kIdle = 45 * kMinute;
constexpr std::int64_t kAbsolute = 3 * kDay;

// Moves one session's last_seen_at back by `ago` (created_at with it, so the row stays consistent).
void idle_for(const SqlAccess& db, std::int64_t session_id, std::int64_t ago) {
  db.exec("UPDATE sessions SET last_seen_at = last_seen_at - :a, created_at = created_at - :b WHERE id = " +
              std::to_string(session_id),
          ago, ago);
}

// Moves a session's whole life back by `ago` (created and expiring earlier), as if it had been
// opened that long ago, but keeps it freshly used, so only the absolute limit can end it.
void opened_ago(const SqlAccess& db, std::int64_t session_id, std::int64_t ago) {
  db.exec("UPDATE sessions SET created_at = created_at - :a, expires_at = expires_at - :b WHERE id = " +
              std::to_string(session_id),
          ago, ago);
}

}  // namespace

TEST_CASE("a session idle longer than session_idle_minutes is refused at the gate", "[holes][sessions][idle]") {
  for_each_dialect([](const DbTarget& target) {
    AccountsServer s(kAuthToml, target.url);
    SqlAccess db(target.url);
    const auto pw = s.add_user("ida@teststadt.test", "Ida");

    // Idle a little less than the limit: still signed in.
    auto recent = s.login("ida@teststadt.test", pw);
    idle_for(db, current_session_id(recent), kIdle - 2 * kMinute);
    CHECK(recent.get("/api/me").status == 200);

    // Idle a little longer than the limit (far inside the absolute lifetime): signed out.
    auto stale = s.login("ida@teststadt.test", pw);
    const auto stale_id = current_session_id(stale);
    idle_for(db, stale_id, kIdle + 2 * kMinute);
    auto me = stale.get("/api/me");
    INFO(me.body);
    CHECK(me.status == 401);
    CHECK(me.error_code() == "not_logged_in");
    // Every route behind the gate, not only /api/me; the live socket too.
    CHECK(stale.get("/api/me/sessions").status == 401);
    CHECK(upgrade(s.server.port(), cookie_header(stale), {}).status == 401);
    // The fresh session of the same person is not affected.
    CHECK(recent.get("/api/me").status == 200);
  });
}

TEST_CASE("login stores a session lifetime of session_absolute_days, the gate refuses a session past it",
          "[holes][sessions][absolute]") {
  for_each_dialect([](const DbTarget& target) {
    AccountsServer s(kAuthToml, target.url);
    SqlAccess db(target.url);
    const auto pw = s.add_user("aron@teststadt.test", "Aron");

    auto c = s.client();
    auto login = c.send_json("POST", "/api/auth/login", {{"email", "aron@teststadt.test"}, {"password", pw}});
    INFO(login.body);
    REQUIRE(login.status == 200);
    // The cookie lives as long as the session.
    const auto set_cookie = login.header("set-cookie").value_or("");
    CHECK_THAT(set_cookie, Catch::Contains("Max-Age=" + std::to_string(kAbsolute / 1000)));

    // What the person sees in their session list: expiry = creation + session_absolute_days.
    auto list = c.get("/api/me/sessions");
    INFO(list.body);
    REQUIRE(list.status == 200);
    const auto body = list.json();
    REQUIRE(body.at("sessions").as_array().size() == 1);
    const auto& mine = body.at("sessions").as_array()[0];
    CHECK(mine.at("current").as_bool());
    CHECK(mine.at("expires_at").as_int64() - mine.at("created_at").as_int64() == kAbsolute);

    // Opened a little less than the lifetime ago and used just now: still signed in.
    auto young = s.login("aron@teststadt.test", pw);
    opened_ago(db, current_session_id(young), kAbsolute - 5 * kMinute);
    CHECK(young.get("/api/me").status == 200);

    // Opened a little more than the lifetime ago, used just now: signed out.
    auto old = s.login("aron@teststadt.test", pw);
    opened_ago(db, current_session_id(old), kAbsolute + 5 * kMinute);
    auto me = old.get("/api/me");
    INFO(me.body);
    CHECK(me.status == 401);
    CHECK(upgrade(s.server.port(), cookie_header(old), {}).status == 401);
    CHECK(young.get("/api/me").status == 200);
  });
}
