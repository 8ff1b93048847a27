// Rate limits (429 + Retry-After, growing delays) and the person's own sessions.
#include "accounts_fixture.hpp"
#include "pg_test_db.hpp"

using namespace qt::test;

TEST_CASE("too many logins from one address get 429 with Retry-After", "[accounts][integration][ratelimit]") {
  AccountsServer s("login_attempts_per_ip_5min = 3\n");
  auto c = s.client();
  for (int i = 0; i < 3; ++i)
    CHECK(c.send_json("POST", "/api/auth/login", {{"email", "x@example.de"}, {"password", "Laterne-Kanal-Brot"}}).status == 401);
  auto r = c.send_json("POST", "/api/auth/login", {{"email", "y@example.de"}, {"password", "Laterne-Kanal-Brot"}});
  CHECK(r.status == 429);
  CHECK(r.error_code() == "rate_limited");
  const auto retry = std::stoi(r.header("retry-after").value_or("0"));
  CHECK(retry > 0);
  CHECK(retry <= 300);
}

TEST_CASE("right passwords never count against the address, wrong ones do", "[accounts][integration][ratelimit]") {
  // On PostgreSQL the counts live in the database (shared by nodes): the same rule there.
  for_each_dialect([](const DbTarget& target) {
    AccountsServer s("login_attempts_per_ip_5min = 3\n", target.url);
    const auto pw = s.add_user("nele@example.de", "Nele");
    auto c = s.client();
    // A town hall's NAT: many right logins from one address, more than the limit.
    for (int i = 0; i < 6; ++i)
      CHECK(c.send_json("POST", "/api/auth/login", {{"email", "nele@example.de"}, {"password", pw}}).status == 200);
    for (int i = 0; i < 3; ++i)
      CHECK(c.send_json("POST", "/api/auth/login", {{"email", "otto@example.de"}, {"password", "Laterne-Kanal-Brot"}}).status ==
            401);
    // The address has used up its failures: now even a right password from it waits.
    auto r = c.send_json("POST", "/api/auth/login", {{"email", "nele@example.de"}, {"password", pw}});
    CHECK(r.status == 429);
    CHECK(r.error_code() == "rate_limited");
  });
}

TEST_CASE("failed logins for one account are limited even with the right password", "[accounts][integration][ratelimit]") {
  AccountsServer s("login_attempts_per_account_hour = 3\n");
  const auto pw = s.add_user("carla@example.de", "Carla");
  auto c = s.client();
  for (int i = 0; i < 3; ++i)
    CHECK(c.send_json("POST", "/api/auth/login", {{"email", "carla@example.de"}, {"password", "Falsches-Passwort-1"}}).status ==
          401);
  auto r = c.send_json("POST", "/api/auth/login", {{"email", "carla@example.de"}, {"password", pw}});
  CHECK(r.status == 429);
  CHECK(std::stoi(r.header("retry-after").value_or("0")) > 0);
  // Another account is not affected.
  const auto pw2 = s.add_user("deniz@example.de", "Deniz");
  CHECK(c.send_json("POST", "/api/auth/login", {{"email", "deniz@example.de"}, {"password", pw2}}).status == 200);
}

TEST_CASE("repeated failures bring growing delays", "[accounts][integration][ratelimit]") {
  AccountsServer s;
  s.add_user("emil@example.de", "Emil");
  auto c = s.client();
  for (int i = 0; i < 4; ++i)
    CHECK(c.send_json("POST", "/api/auth/login", {{"email", "emil@example.de"}, {"password", "Falsches-Passwort-1"}}).status ==
          401);
  // The fourth failure set a delay: the next attempt must wait.
  auto r = c.send_json("POST", "/api/auth/login", {{"email", "emil@example.de"}, {"password", "Falsches-Passwort-1"}});
  CHECK(r.status == 429);
  CHECK(r.header("retry-after").has_value());
}

TEST_CASE("password reset mails are limited per address", "[accounts][integration][ratelimit]") {
  AccountsServer s("resets_per_address_30min = 2\n");
  auto c = s.client();
  CHECK(c.send_json("POST", "/api/auth/password-reset", {{"email", "f@example.de"}}).status == 202);
  CHECK(c.send_json("POST", "/api/auth/password-reset", {{"email", "f@example.de"}}).status == 202);
  auto r = c.send_json("POST", "/api/auth/password-reset", {{"email", "f@example.de"}});
  CHECK(r.status == 429);
  CHECK(r.header("retry-after").has_value());
}

TEST_CASE("registrations per address are limited", "[accounts][integration][ratelimit]") {
  AccountsServer s("registrations_per_ip_30min = 1\n");
  auto c = s.client();
  CHECK(c.send_json("POST", "/api/auth/register",
                    {{"email", "g1@example.de"}, {"password", "Laterne-Kanal-Brot"}, {"display_name", "G1"}})
            .status == 202);
  auto r = c.send_json("POST", "/api/auth/register",
                       {{"email", "g2@example.de"}, {"password", "Laterne-Kanal-Brot"}, {"display_name", "G2"}});
  CHECK(r.status == 429);
}

TEST_CASE("people list and revoke their own sessions, never someone else's", "[accounts][integration][sessions]") {
  AccountsServer s;
  const auto pw = s.add_user("hanna@example.de", "Hanna");
  auto laptop = s.login("hanna@example.de", pw);
  auto phone = s.login("hanna@example.de", pw);
  auto list = laptop.get("/api/me/sessions");
  REQUIRE(list.status == 200);
  const auto list_json = list.json();
  const auto& sessions = list_json.at("sessions").as_array();
  REQUIRE(sessions.size() == 2);
  std::int64_t other = 0;
  for (const auto& x : sessions)
    if (!x.at("current").as_bool()) other = x.at("id").as_int64();
  REQUIRE(other != 0);

  const auto pw2 = s.add_user("ida@example.de", "Ida");
  auto stranger = s.login("ida@example.de", pw2);
  CHECK(stranger.send_json("DELETE", "/api/me/sessions/" + std::to_string(other), boost::json::object{}).status == 404);
  CHECK(phone.get("/api/me").status == 200);

  CHECK(laptop.send_json("DELETE", "/api/me/sessions/" + std::to_string(other), boost::json::object{}).status == 204);
  CHECK(phone.get("/api/me").status == 401);
  CHECK(laptop.get("/api/me").status == 200);

  // Log out everywhere.
  auto tablet = s.login("hanna@example.de", pw);
  auto all = laptop.send_json("POST", "/api/auth/logout-all", boost::json::object{});
  CHECK(all.status == 200);
  CHECK(tablet.get("/api/me").status == 401);
  CHECK(laptop.get("/api/me").status == 401);
}

TEST_CASE("a new session token at every login, disabled people lose their sessions", "[accounts][integration][sessions]") {
  AccountsServer s;
  const auto pw = s.add_user("jan@example.de", "Jan");
  auto c = s.login("jan@example.de", pw);
  const auto first = c.cookies().at("quartier_session");
  auto r = c.send_json("POST", "/api/auth/login", {{"email", "jan@example.de"}, {"password", pw}});
  REQUIRE(r.status == 200);
  const auto second = c.cookies().at("quartier_session");
  CHECK(first != second);
  // The old token does not work any more.
  auto old = s.client();
  old.cookies()["quartier_session"] = first;
  CHECK(old.get("/api/me").status == 401);

  auto d = run_quartier({"-c", s.server.config_path().string(), "user", "disable", "jan@example.de"});
  INFO(d.output);
  REQUIRE(d.exit_code == 0);
  CHECK(c.get("/api/me").status == 401);
  auto again = s.client().send_json("POST", "/api/auth/login", {{"email", "jan@example.de"}, {"password", pw}});
  CHECK(again.status == 403);
  CHECK(again.error_code() == "account_disabled");
}

TEST_CASE("two server processes on one PostgreSQL share the login limits", "[accounts][integration][ratelimit][postgresql]") {
  QT_REQUIRE_PG();
  qt::test::PgTestDb pg;
  AccountsServer a("login_attempts_per_account_hour = 3\n", pg.url());
  TempDir media_b;
  TestServer b(accounts_setup(a.smtp, "login_attempts_per_account_hour = 3\n", pg.url(), media_b));
  const auto pw = a.add_user("jona@example.de", "Jona");
  auto ca = a.client();
  auto cb = b.client();
  const boost::json::object wrong{{"email", "jona@example.de"}, {"password", "Falsches-Passwort-1"}};
  CHECK(ca.send_json("POST", "/api/auth/login", wrong).status == 401);
  CHECK(cb.send_json("POST", "/api/auth/login", wrong).status == 401);
  CHECK(ca.send_json("POST", "/api/auth/login", wrong).status == 401);
  // Three failures across both nodes: the fourth attempt is refused on either, right password or not.
  auto r = cb.send_json("POST", "/api/auth/login", {{"email", "jona@example.de"}, {"password", pw}});
  CHECK(r.status == 429);
  CHECK(r.header("retry-after").has_value());
  CHECK(ca.send_json("POST", "/api/auth/login", {{"email", "jona@example.de"}, {"password", pw}}).status == 429);
}
