// Changing one's e-mail address through the real server and a real SMTP server: password again,
// a link to the new address, a notice to the old one, the switch only on confirmation.
#include "accounts_fixture.hpp"
#include "pg_test_db.hpp"

using namespace qt::test;

namespace {

void change_flow(AccountsServer& s) {
  s.register_confirmed("rosa@example.de", "Rosa", "Laterne-Kanal-Brot");
  auto rosa = s.login("rosa@example.de", "Laterne-Kanal-Brot");

  // Wrong password: refused, nothing sent.
  auto wrong = rosa.send_json("POST", "/api/me/email", {{"new_email", "rosa.neu@example.de"}, {"current_password", "Falsch-Falsch-Falsch"}});
  CHECK(wrong.status == 403);
  CHECK(wrong.error_code() == "wrong_password");
  auto missing = rosa.send_json("POST", "/api/me/email", {{"new_email", "rosa.neu@example.de"}});
  CHECK(missing.status == 400);
  auto invalid = rosa.send_json("POST", "/api/me/email", {{"new_email", "kein-at-zeichen"}, {"current_password", "Laterne-Kanal-Brot"}});
  CHECK(invalid.status == 400);
  CHECK(invalid.error_code() == "invalid_email");
  auto same = rosa.send_json("POST", "/api/me/email", {{"new_email", "ROSA@example.de"}, {"current_password", "Laterne-Kanal-Brot"}});
  CHECK(same.status == 400);
  CHECK(same.error_code() == "same_email");
  // Without the CSRF token: refused by the gate.
  auto no_csrf = rosa.request("POST", "/api/me/email", R"({"new_email":"x@example.de","current_password":"Laterne-Kanal-Brot"})",
                              {{"Content-Type", "application/json"}});
  CHECK(no_csrf.status == 403);

  auto ok = rosa.send_json("POST", "/api/me/email", {{"new_email", "Rosa.Neu@Example.de"}, {"current_password", "Laterne-Kanal-Brot"}});
  INFO(ok.body);
  REQUIRE(ok.status == 202);
  CHECK(str(ok.json().at("status")) == "confirmation_sent");
  // The old address is told, the new one gets the link; nothing has switched yet.
  const auto notice = s.smtp.wait_for("rosa@example.de", "rosa.neu@example.de");
  CHECK(notice.body.find("/password-reset") != std::string::npos);
  const auto link = s.smtp.wait_for("rosa.neu@example.de", "/email-change?token=");
  const auto token = link.link_param("token");
  REQUIRE(token.size() == 43);
  auto me = rosa.get("/api/me").json();
  CHECK(str(me.at("user").at("email")) == "rosa@example.de");
  CHECK(str(me.at("pending_email")) == "rosa.neu@example.de");
  CHECK(s.client().send_json("POST", "/api/auth/login", {{"email", "rosa.neu@example.de"}, {"password", "Laterne-Kanal-Brot"}}).status == 401);

  auto c = s.client();
  auto bad = c.send_json("POST", "/api/auth/email-change/confirm", {{"token", token + "x"}});
  CHECK(bad.status == 400);
  CHECK(bad.error_code() == "token_invalid");
  auto foreign = c.request("POST", "/api/auth/email-change/confirm", "{\"token\":\"" + token + "\"}",
                           {{"Content-Type", "application/json"}, {"Origin", "http://evil.test"}});
  CHECK(foreign.status == 403);
  auto done = c.send_json("POST", "/api/auth/email-change/confirm", {{"token", token}});
  INFO(done.body);
  REQUIRE(done.status == 200);
  CHECK(str(done.json().at("email")) == "rosa.neu@example.de");
  auto reused = c.send_json("POST", "/api/auth/email-change/confirm", {{"token", token}});
  CHECK(reused.status == 400);
  CHECK(reused.error_code() == "token_invalid");
  s.smtp.wait_for("rosa@example.de", "verwendet ab jetzt die Adresse rosa.neu@example.de");

  CHECK(s.client().send_json("POST", "/api/auth/login", {{"email", "rosa@example.de"}, {"password", "Laterne-Kanal-Brot"}}).status == 401);
  auto again = s.login("rosa.neu@example.de", "Laterne-Kanal-Brot");
  auto me2 = again.get("/api/me").json();
  CHECK(str(me2.at("user").at("email")) == "rosa.neu@example.de");
  CHECK(me2.at("pending_email").is_null());
}

}  // namespace

TEST_CASE("e-mail change: password, link to the new address, notice to the old, switch on confirmation",
          "[accounts][integration][email]") {
  AccountsServer s;
  change_flow(s);
}

TEST_CASE("e-mail change works on PostgreSQL too", "[accounts][integration][email][postgresql]") {
  QT_REQUIRE_PG();
  PgTestDb pg;
  AccountsServer s("", pg.url());
  change_flow(s);
}

TEST_CASE("a taken address gets the same answer but no link, only its owner hears of it", "[accounts][integration][email]") {
  AccountsServer s;
  s.register_confirmed("sami@example.de", "Sami", "Laterne-Kanal-Brot");
  s.register_confirmed("tara@example.de", "Tara", "Laterne-Kanal-Brot");
  auto sami = s.login("sami@example.de", "Laterne-Kanal-Brot");
  auto r = sami.send_json("POST", "/api/me/email", {{"new_email", "tara@example.de"}, {"current_password", "Laterne-Kanal-Brot"}});
  CHECK(r.status == 202);  // the same as for a free address
  const auto hint = s.smtp.wait_for("tara@example.de", "schon ein Konto");
  CHECK(hint.body.find("token=") == std::string::npos);
  s.smtp.wait_for("sami@example.de", "tara@example.de");  // the old address is still told
  CHECK(sami.get("/api/me").json().at("pending_email").is_null());
  CHECK(str(sami.get("/api/me").json().at("user").at("email")) == "sami@example.de");
}

TEST_CASE("an address taken between request and confirmation is refused, only the newest link works",
          "[accounts][integration][email]") {
  AccountsServer s;
  s.register_confirmed("uli@example.de", "Uli", "Laterne-Kanal-Brot");
  auto uli = s.login("uli@example.de", "Laterne-Kanal-Brot");
  REQUIRE(uli.send_json("POST", "/api/me/email", {{"new_email", "erst@example.de"}, {"current_password", "Laterne-Kanal-Brot"}}).status == 202);
  const auto first = s.smtp.wait_for("erst@example.de", "/email-change?token=").link_param("token");
  REQUIRE(uli.send_json("POST", "/api/me/email", {{"new_email", "frei@example.de"}, {"current_password", "Laterne-Kanal-Brot"}}).status == 202);
  const auto second = s.smtp.wait_for("frei@example.de", "/email-change?token=").link_param("token");
  auto c = s.client();
  CHECK(c.send_json("POST", "/api/auth/email-change/confirm", {{"token", first}}).error_code() == "token_invalid");
  // Someone registers frei@ meanwhile.
  s.register_confirmed("frei@example.de", "Frei", "Laterne-Kanal-Brot");
  auto late = c.send_json("POST", "/api/auth/email-change/confirm", {{"token", second}});
  CHECK(late.status == 409);
  CHECK(late.error_code() == "email_taken");
  CHECK(str(uli.get("/api/me").json().at("user").at("email")) == "uli@example.de");
}

TEST_CASE("e-mail change requests are rate limited", "[accounts][integration][email][ratelimit]") {
  AccountsServer s("resets_per_address_30min = 2\n");
  s.register_confirmed("vera@example.de", "Vera", "Laterne-Kanal-Brot");
  auto vera = s.login("vera@example.de", "Laterne-Kanal-Brot");
  for (int i = 0; i < 2; ++i)
    CHECK(vera.send_json("POST", "/api/me/email", {{"new_email", "vera" + std::to_string(i) + "@example.de"},
                                                   {"current_password", "Laterne-Kanal-Brot"}})
              .status == 202);
  auto r = vera.send_json("POST", "/api/me/email", {{"new_email", "vera9@example.de"}, {"current_password", "Laterne-Kanal-Brot"}});
  CHECK(r.status == 429);
  CHECK(r.header("retry-after").has_value());
}
