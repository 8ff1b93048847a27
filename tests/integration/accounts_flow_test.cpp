// Registration, confirmation by mail, login, CSRF, logout: the way a browser goes through it,
// against the real server and a real SMTP server.
#include "accounts_fixture.hpp"
#include "pg_test_db.hpp"

using namespace qt::test;

TEST_CASE("register, confirm by mail, log in, read me, CSRF refusal, log out", "[accounts][integration]") {
  AccountsServer s;
  auto c = s.client();
  const std::string email = "Anna.Schmidt@Example.de";
  const std::string pw = "Laterne-Kanal-Brot";

  auto reg = c.send_json("POST", "/api/auth/register",
                         {{"email", email}, {"password", pw}, {"display_name", "Anna"}, {"accept_terms", true}});
  INFO(reg.body);
  REQUIRE(reg.status == 202);
  // The server addresses people formally ("Sie"), like the web UI.
  CHECK(str(reg.json().at("message")).rfind("Wir haben Ihnen eine E-Mail geschickt.", 0) == 0);

  // Not confirmed yet: the right password still does not log in.
  auto early = c.send_json("POST", "/api/auth/login", {{"email", email}, {"password", pw}});
  CHECK(early.status == 403);
  CHECK(early.error_code() == "email_not_confirmed");

  const auto mail = s.smtp.wait_for("anna.schmidt@example.de", "/confirm?token=");
  CHECK(mail.raw.find("From: Quartier Teststadt <noreply@teststadt.test>") != std::string::npos);
  const auto token = mail.link_param("token");
  REQUIRE(token.size() == 43);

  auto bad = c.send_json("POST", "/api/auth/confirm", {{"token", token + "x"}});
  CHECK(bad.status == 400);
  CHECK(bad.error_code() == "token_invalid");
  auto ok = c.send_json("POST", "/api/auth/confirm", {{"token", token}});
  INFO(ok.body);
  REQUIRE(ok.status == 200);
  CHECK(str(ok.json().at("status")) == "active");
  auto again = c.send_json("POST", "/api/auth/confirm", {{"token", token}});
  CHECK(again.status == 400);  // single use
  CHECK(again.error_code() == "token_invalid");

  auto wrong = c.send_json("POST", "/api/auth/login", {{"email", email}, {"password", "Laterne-Kanal-Brot!"}});
  CHECK(wrong.status == 401);
  CHECK(wrong.error_code() == "invalid_credentials");
  auto unknown = c.send_json("POST", "/api/auth/login", {{"email", "nobody@example.de"}, {"password", pw}});
  CHECK(unknown.status == 401);
  CHECK(unknown.body.find("stimmen nicht") != std::string::npos);

  auto login = c.send_json("POST", "/api/auth/login", {{"email", email}, {"password", pw}});
  INFO(login.body);
  REQUIRE(login.status == 200);
  const auto set_cookie = login.header("set-cookie").value_or("");
  CHECK(set_cookie.rfind("quartier_session=", 0) == 0);
  CHECK(set_cookie.find("HttpOnly") != std::string::npos);
  CHECK(set_cookie.find("SameSite=Lax") != std::string::npos);
  const auto csrf = str(login.json().at("csrf_token"));
  CHECK(csrf.size() == 43);

  auto me = c.get("/api/me");
  REQUIRE(me.status == 200);
  CHECK(str(me.json().at("user").at("email")) == "anna.schmidt@example.de");
  CHECK(str(me.json().at("csrf_token")) == csrf);
  CHECK_FALSE(me.json().at("user").as_object().contains("password_hash"));
  CHECK(str(me.json().at("user").at("profile_visibility")) == "residents");  // privacy by default

  // State changes without the token, with a wrong one, or from a foreign origin are refused.
  auto no_token = c.send_json("PATCH", "/api/me", {{"about", "Hallo"}});
  CHECK(no_token.status == 403);
  CHECK(no_token.error_code() == "csrf");
  c.csrf_token = "wrong-token-wrong-token-wrong-token-wrong-t";
  CHECK(c.send_json("PATCH", "/api/me", {{"about", "Hallo"}}).status == 403);
  c.csrf_token = csrf;
  auto foreign = c.request("PATCH", "/api/me", R"({"about":"Hallo"})",
                           {{"Content-Type", "application/json"}, {"X-CSRF-Token", csrf}, {"Origin", "http://evil.test"}});
  CHECK(foreign.status == 403);
  CHECK(foreign.error_code() == "foreign_origin");
  auto cross = c.request("PATCH", "/api/me", R"({"about":"Hallo"})",
                         {{"Content-Type", "application/json"}, {"X-CSRF-Token", csrf}, {"Sec-Fetch-Site", "cross-site"}});
  CHECK(cross.status == 403);
  auto patched = c.send_json("PATCH", "/api/me", {{"about", "Hallo aus der Altstadt"}});
  INFO(patched.body);
  REQUIRE(patched.status == 200);
  CHECK(str(patched.json().at("user").at("about")) == "Hallo aus der Altstadt");

  // No mass assignment: role and status are not fields of /api/me.
  auto escalate = c.send_json("PATCH", "/api/me", {{"role", "admin"}});
  CHECK(escalate.status == 400);
  CHECK(escalate.error_code() == "unknown_field");
  CHECK(str(c.get("/api/me").json().at("user").at("role")) == "resident");

  auto out = c.send_json("POST", "/api/auth/logout", boost::json::object{});
  CHECK(out.status == 204);
  auto logged_out = c.get("/api/me");
  CHECK(logged_out.status == 401);
  CHECK(logged_out.error_code() == "not_logged_in");
  CHECK(logged_out.body.find("Bitte melden Sie sich an. / Please log in.") != std::string::npos);
}

TEST_CASE("registration refuses weak, common and malformed input", "[accounts][integration]") {
  AccountsServer s;
  auto c = s.client();
  auto post = [&](boost::json::object body) { return c.send_json("POST", "/api/auth/register", body); };
  auto shortpw = post({{"email", "a@example.de"}, {"password", "kurz"}, {"display_name", "Anna"}});
  CHECK(shortpw.status == 400);
  CHECK(shortpw.error_code() == "weak_password");
  auto common = post({{"email", "a@example.de"}, {"password", "Passwort1234"}, {"display_name", "Anna"}});
  CHECK(common.status == 400);
  CHECK(common.body.find("häufig verwendeter") != std::string::npos);
  CHECK(post({{"email", "not-an-address"}, {"password", "Laterne-Kanal-Brot"}, {"display_name", "Anna"}}).error_code() ==
        "invalid_email");
  CHECK(post({{"email", "a@example.de"}, {"password", "Laterne-Kanal-Brot"}, {"display_name", "Anna"}, {"role", "admin"}})
            .error_code() == "unknown_field");
  CHECK(post({{"email", "a@example.de"}, {"password", "Laterne-Kanal-Brot"}, {"display_name", "Anna"},
              {"neighbourhood_id", 999}})
            .error_code() == "unknown_neighbourhood");
  auto foreign = c.request("POST", "/api/auth/register",
                           R"({"email":"a@example.de","password":"Laterne-Kanal-Brot","display_name":"Anna"})",
                           {{"Content-Type", "application/json"}, {"Origin", "http://evil.test"}});
  CHECK(foreign.status == 403);
  auto cross_login = c.request("POST", "/api/auth/login", R"({"email":"a@example.de","password":"x"})",
                               {{"Content-Type", "application/json"}, {"Sec-Fetch-Site", "cross-site"}});
  CHECK(cross_login.status == 403);
}

TEST_CASE("registering an address twice tells nobody but the owner", "[accounts][integration]") {
  AccountsServer s;
  s.register_confirmed("ben@example.de", "Ben", "Laterne-Kanal-Brot");
  auto c = s.client();
  auto again = c.send_json("POST", "/api/auth/register",
                           {{"email", "ben@example.de"}, {"password", "Andere-Laterne-99"}, {"display_name", "Mallory"}});
  CHECK(again.status == 202);  // same answer as for a new address
  auto hint = s.smtp.wait_for("ben@example.de", "schon ein Konto");
  CHECK(hint.body.find("/password-reset") != std::string::npos);
}

TEST_CASE("the account flow works on PostgreSQL too", "[accounts][integration][postgresql]") {
  QT_REQUIRE_PG();
  qt::test::PgTestDb pg;
  AccountsServer s("", pg.url());
  const auto admin_pw = s.add_user("admin@example.de", "Admin", "admin");
  auto admin = s.login("admin@example.de", admin_pw);
  const auto id = s.register_confirmed("uwe@example.de", "Uwe", "Laterne-Kanal-Brot");
  auto uwe = s.login("uwe@example.de", "Laterne-Kanal-Brot");
  CHECK(uwe.send_json("PATCH", "/api/me", {{"about", "Hallo"}}).status == 200);
  CHECK(admin.send_json("PATCH", "/api/admin/users/" + std::to_string(id), {{"role", "staff"}}).status == 200);
  CHECK(uwe.get("/api/me").status == 401);
  auto uwe2 = s.login("uwe@example.de", "Laterne-Kanal-Brot");
  CHECK(uwe2.get("/api/me/export").status == 200);
  CHECK(uwe2.send_json("DELETE", "/api/me", {{"password", "Laterne-Kanal-Brot"}}).status == 200);
  CHECK(admin.get("/api/users/" + std::to_string(id)).status == 404);
}

// Issue 24: mail links never come from the Host header, which the client chooses.
TEST_CASE("a forged Host header does not put its site into a password-reset link", "[accounts][integration]") {
  AccountsServer s;
  s.register_confirmed("clara@example.de", "Clara", "Laterne-Kanal-Brot");
  auto c = s.client();
  auto r = c.request("POST", "/api/auth/password-reset", R"({"email":"clara@example.de"})",
                     {{"Content-Type", "application/json"}, {"Host", "evil.example"}, {"Origin", "http://evil.example"}});
  INFO(r.body);
  REQUIRE(r.status == 202);
  const auto mail = s.smtp.wait_for("clara@example.de", "/password-reset?token=");
  CHECK(mail.body.find("evil.example") == std::string::npos);
  CHECK(mail.body.find(s.server.base_url() + "/password-reset?token=") != std::string::npos);
}

TEST_CASE("serve refuses an empty public_url outside development mode, naming both ways out", "[accounts][cli]") {
  TempDir dir;
  const auto cfg = dir.write("q.toml", "[server]\nlisten = \"127.0.0.1:0\"\n[database]\nurl = \"sqlite:" +
                                           (dir / "q.db").string() + "\"\n");
  auto r = run_quartier({"serve", "--config", cfg.string()});
  INFO(r.output);
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.output, Catch::Contains("q.toml: [server] public_url is empty") && Catch::Contains("development = true"));
  CHECK_FALSE(std::filesystem::exists(dir / "q.db"));  // refused before anything was opened
}
