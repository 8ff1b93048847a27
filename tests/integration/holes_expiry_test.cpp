// Beyond issue 27's six: every token and code that expires is refused once its lifetime has
// passed, through the real server on SQLite and PostgreSQL: password reset links (lifetime
// reset_token_hours), e-mail change links (confirm_token_hours), registration invitations
// (14 days), printed residence codes (365 days). Time passing is simulated by moving the stored
// created_at and expires_at back by the lifetime plus a minute, so a lifetime stored too long is
// caught as well as a missing expiry check; each case then shows that a fresh one still works,
// so the refusal is the expiry's doing.
#include "accounts_fixture.hpp"
#include "holes_fixture.hpp"
#include "pg_test_db.hpp"
#include "sql_access.hpp"

using namespace qt::test;

namespace {

constexpr std::int64_t kMinute = 60LL * 1000;
constexpr std::int64_t kHour = 60 * kMinute;
constexpr std::int64_t kDay = 24 * kHour;
// Lifetimes set in the config below (neither is the default, so a constant in the code would not match).
const std::string kAuthToml = "reset_token_hours = 3\nconfirm_token_hours = 5\n";
constexpr std::int64_t kResetLifetime = 3 * kHour;
constexpr std::int64_t kConfirmLifetime = 5 * kHour;

// Moves the rows' created_at and expires_at back by `lifetime` plus a minute.
void age(const SqlAccess& db, const std::string& table, const std::string& where, std::int64_t lifetime) {
  db.exec("UPDATE " + table + " SET created_at = created_at - :a, expires_at = expires_at - :b WHERE " + where,
          lifetime + kMinute, lifetime + kMinute);
}

std::int64_t user_id(Session& s) { return s.get("/api/me").json().at("user").at("id").as_int64(); }

}  // namespace

TEST_CASE("a password reset link older than reset_token_hours is refused", "[holes][expiry][accounts]") {
  for_each_dialect([](const DbTarget& target) {
    AccountsServer s(kAuthToml, target.url);
    SqlAccess db(target.url);
    const auto pw = s.add_user("nina@teststadt.test", "Nina");
    auto nina = s.login("nina@teststadt.test", pw);
    const auto uid = user_id(nina);
    auto c = s.client();
    REQUIRE(c.send_json("POST", "/api/auth/password-reset", {{"email", "nina@teststadt.test"}}).status == 202);
    const auto first = s.smtp.wait_for("nina@teststadt.test", "/password-reset?token=").link_param("token");
    age(db, "one_time_tokens", "purpose = 'reset' AND user_id = " + std::to_string(uid), kResetLifetime);
    auto late = c.send_json("POST", "/api/auth/password-reset/confirm", {{"token", first}, {"password", "Neue-Laterne-am-Kanal"}});
    INFO(late.body);
    CHECK(late.status == 400);
    CHECK(late.error_code() == "token_invalid");
    CHECK(c.send_json("POST", "/api/auth/login", {{"email", "nina@teststadt.test"}, {"password", pw}}).status == 200);

    // A fresh link works.
    REQUIRE(c.send_json("POST", "/api/auth/password-reset", {{"email", "nina@teststadt.test"}}).status == 202);
    const auto second = s.smtp.wait_for("nina@teststadt.test", "/password-reset?token=", 1).link_param("token");
    auto ok = c.send_json("POST", "/api/auth/password-reset/confirm", {{"token", second}, {"password", "Neue-Laterne-am-Kanal"}});
    INFO(ok.body);
    CHECK(ok.status == 200);
  });
}

TEST_CASE("a registration invitation older than 14 days is refused", "[holes][expiry][accounts]") {
  for_each_dialect([](const DbTarget& target) {
    AccountsServer s("", target.url);
    SqlAccess db(target.url);
    const auto apw = s.add_user("admin@teststadt.test", "Admin", "admin");
    auto admin = s.login("admin@teststadt.test", apw);
    REQUIRE(admin.send_json("PUT", "/api/admin/registration", {{"mode", "invite"}}).status == 200);
    for (const char* who : {"lea@teststadt.test", "max@teststadt.test"}) {
      auto inv = admin.send_json("POST", "/api/admin/invitations", {{"email", who}, {"role", "moderator"}, {"department", ""}});
      INFO(inv.body);
      REQUIRE(inv.status == 201);
    }
    const auto lea = s.smtp.wait_for("lea@teststadt.test", "invitation=").link_param("invitation");
    const auto max = s.smtp.wait_for("max@teststadt.test", "invitation=").link_param("invitation");
    age(db, "invitations", "email = 'lea@teststadt.test'", 14 * kDay);
    auto c = s.client();
    auto late = c.send_json("POST", "/api/auth/register",
                            {{"email", "lea@teststadt.test"}, {"password", "Laterne-Kanal-Brot"}, {"display_name", "Lea"},
                             {"invitation", lea}, {"accept_terms", true}});
    INFO(late.body);
    CHECK(late.status == 400);
    CHECK(late.error_code() == "invitation_invalid");
    // The invitation that has not expired works.
    auto ok = c.send_json("POST", "/api/auth/register",
                          {{"email", "max@teststadt.test"}, {"password", "Laterne-Kanal-Brot"}, {"display_name", "Max"},
                           {"invitation", max}, {"accept_terms", true}});
    INFO(ok.body);
    CHECK(ok.status == 201);
  });
}

TEST_CASE("an e-mail change link older than confirm_token_hours is refused", "[holes][expiry][accounts]") {
  for_each_dialect([](const DbTarget& target) {
    AccountsServer s(kAuthToml, target.url);
    SqlAccess db(target.url);
    const auto pw = s.add_user("rosa@teststadt.test", "Rosa");
    auto rosa = s.login("rosa@teststadt.test", pw);
    const auto uid = user_id(rosa);
    auto ask = [&](const std::string& to) {
      auto r = rosa.send_json("POST", "/api/me/email", {{"new_email", to}, {"current_password", pw}});
      INFO(r.body);
      REQUIRE(r.status == 202);
      return s.smtp.wait_for(to, "/email-change?token=").link_param("token");
    };
    const auto first = ask("rosa.alt@teststadt.test");
    age(db, "email_changes", "user_id = " + std::to_string(uid), kConfirmLifetime);
    auto c = s.client();
    auto late = c.send_json("POST", "/api/auth/email-change/confirm", {{"token", first}});
    INFO(late.body);
    CHECK(late.status == 400);
    CHECK(late.error_code() == "token_invalid");
    CHECK(str(rosa.get("/api/me").json().at("user").at("email")) == "rosa@teststadt.test");
    // A fresh link works.
    const auto second = ask("rosa.neu@teststadt.test");
    auto ok = c.send_json("POST", "/api/auth/email-change/confirm", {{"token", second}});
    INFO(ok.body);
    CHECK(ok.status == 200);
  });
}

TEST_CASE("a residence code older than 365 days is refused", "[holes][expiry][accounts]") {
  for_each_dialect([](const DbTarget& target) {
    AccountsServer s("", target.url);
    SqlAccess db(target.url);
    const auto apw = s.add_user("admin@teststadt.test", "Admin", "admin");
    auto admin = s.login("admin@teststadt.test", apw);
    const auto nb_id = holes::create_neighbourhood(admin, "altstadt", "Altstadt");
    auto codes = [&] {
      auto r = admin.send_json("POST", "/api/admin/residence-codes", {{"neighbourhood_id", nb_id}, {"count", 1}});
      INFO(r.body);
      REQUIRE(r.status == 201);
      return str(r.json().at("codes").as_array()[0]);
    };
    const auto old_code = codes();
    age(db, "residence_codes", "1 = 1", 365 * kDay);
    const auto new_code = codes();
    const auto pw = s.add_user("quentin@teststadt.test", "Quentin");
    auto q = s.login("quentin@teststadt.test", pw);
    auto late = q.send_json("POST", "/api/me/residence", {{"code", old_code}});
    INFO(late.body);
    CHECK(late.status == 400);
    CHECK(late.error_code() == "code_invalid");
    CHECK_FALSE(q.get("/api/me").json().at("user").at("verified_resident").as_bool());
    auto ok = q.send_json("POST", "/api/me/residence", {{"code", new_code}});
    INFO(ok.body);
    CHECK(ok.status == 200);
  });
}
