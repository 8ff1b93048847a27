// Known devices (OWASP device cookies): strangers' wrong passwords lock an account for unknown
// devices only; its owner's browsers keep signing in, and a link by mail makes a new one known.
#include "accounts_fixture.hpp"
#include "pg_test_db.hpp"

using namespace qt::test;

namespace {

const char* kDevice = "quartier_session_device";

boost::json::object pair(const std::string& email, const std::string& password) {
  return {{"email", email}, {"password", password}};
}

// Three wrong passwords from a browser the account has never seen: the lock of the tests' config.
void lock_from_stranger(AccountsServer& s, const std::string& email) {
  auto stranger = s.client();
  for (int i = 0; i < 3; ++i) REQUIRE(stranger.send_json("POST", "/api/auth/login", pair(email, "Falsches-Passwort-1")).status == 401);
}

}  // namespace

TEST_CASE("strangers' wrong passwords lock unknown devices out, never the owner's known one", "[accounts][integration][ratelimit]") {
  for_each_dialect([](const DbTarget& target) {
    AccountsServer s("login_attempts_per_account_hour = 3\n", target.url);
    const auto pw = s.add_user("paula@example.de", "Paula");
    auto laptop = s.client();
    REQUIRE(laptop.send_json("POST", "/api/auth/login", pair("paula@example.de", pw)).status == 200);
    REQUIRE(laptop.cookies().count(kDevice) == 1);
    const std::string laptop_device = laptop.cookies().at(kDevice);

    lock_from_stranger(s, "paula@example.de");
    // A new browser with the right password waits, and is told how to get in.
    auto phone = s.client();
    auto locked = phone.send_json("POST", "/api/auth/login", pair("paula@example.de", pw));
    CHECK(locked.status == 429);
    CHECK(locked.error_code() == "login_locked");
    CHECK(std::stoi(locked.header("retry-after").value_or("0")) > 0);
    CHECK(phone.cookies().count(kDevice) == 0);
    // Her laptop signed in before: it passes, and keeps its device.
    auto again = laptop.send_json("POST", "/api/auth/login", pair("paula@example.de", pw));
    INFO(again.body);
    CHECK(again.status == 200);
    CHECK(laptop.cookies().at(kDevice) == laptop_device);

    // Another person's device cookie is no key to this account.
    const auto pw2 = s.add_user("quentin@example.de", "Quentin");
    lock_from_stranger(s, "quentin@example.de");
    auto borrowed = s.client();
    borrowed.cookies()[kDevice] = laptop_device;
    CHECK(borrowed.send_json("POST", "/api/auth/login", pair("quentin@example.de", pw2)).error_code() == "login_locked");
    auto forged = s.client();
    forged.cookies()[kDevice] = "nicht-echt-aber-lang-genug-0123456789";
    CHECK(forged.send_json("POST", "/api/auth/login", pair("quentin@example.de", pw2)).status == 429);
  });
}

TEST_CASE("wrong passwords from a known device lock that device alone", "[accounts][integration][ratelimit]") {
  for_each_dialect([](const DbTarget& target) {
    AccountsServer s("login_attempts_per_account_hour = 3\n", target.url);
    const auto pw = s.add_user("rosa@example.de", "Rosa");
    auto tablet = s.client();
    auto laptop = s.client();
    REQUIRE(tablet.send_json("POST", "/api/auth/login", pair("rosa@example.de", pw)).status == 200);
    REQUIRE(laptop.send_json("POST", "/api/auth/login", pair("rosa@example.de", pw)).status == 200);
    for (int i = 0; i < 3; ++i) CHECK(tablet.send_json("POST", "/api/auth/login", pair("rosa@example.de", "Falsches-Passwort-1")).status == 401);
    CHECK(tablet.send_json("POST", "/api/auth/login", pair("rosa@example.de", pw)).error_code() == "login_locked");
    CHECK(laptop.send_json("POST", "/api/auth/login", pair("rosa@example.de", pw)).status == 200);
    // The failures were the tablet's: unknown devices are not locked either.
    CHECK(s.client().send_json("POST", "/api/auth/login", pair("rosa@example.de", pw)).status == 200);
  });
}

TEST_CASE("an unlock link by mail makes a new device known, bad and used links change nothing", "[accounts][integration][ratelimit]") {
  for_each_dialect([](const DbTarget& target) {
    AccountsServer s("login_attempts_per_account_hour = 3\n", target.url);
    const auto pw = s.add_user("sina@example.de", "Sina");
    s.add_user("tom@example.de", "Tom");
    lock_from_stranger(s, "sina@example.de");
    auto phone = s.client();
    REQUIRE(phone.send_json("POST", "/api/auth/login", pair("sina@example.de", pw)).error_code() == "login_locked");

    // Alike for an account that is not locked and for no account at all; neither gets a mail.
    auto not_locked = phone.send_json("POST", "/api/auth/unlock", {{"email", "tom@example.de"}});
    CHECK(not_locked.status == 202);
    auto nobody = phone.send_json("POST", "/api/auth/unlock", {{"email", "niemand@example.de"}});
    CHECK(nobody.status == 202);
    CHECK(nobody.json().at("status") == not_locked.json().at("status"));
    auto asked = phone.send_json("POST", "/api/auth/unlock", {{"email", "sina@example.de"}});
    CHECK(asked.status == 202);
    CHECK(asked.json().at("status") == "unlock_sent");
    CHECK(phone.send_json("POST", "/api/auth/unlock", boost::json::object{}).status == 400);

    const auto mail = s.smtp.wait_for("sina@example.de", "/unlock?token=");
    // Asked before Sina's: had Tom's request queued a mail, it would have gone out by now.
    CHECK(s.smtp.count_to("tom@example.de") == 0);
    const std::string token = mail.link_param("token");

    auto wrong = phone.send_json("POST", "/api/auth/unlock/confirm", {{"token", token + "x"}});
    CHECK(wrong.status == 400);
    CHECK(wrong.error_code() == "token_invalid");
    CHECK(phone.cookies().count(kDevice) == 0);
    CHECK(phone.send_json("POST", "/api/auth/unlock/confirm", boost::json::object{}).status == 400);

    auto ok = phone.send_json("POST", "/api/auth/unlock/confirm", {{"token", token}});
    INFO(ok.body);
    REQUIRE(ok.status == 200);
    CHECK(ok.json().at("status") == "device_known");
    CHECK(phone.cookies().count(kDevice) == 1);
    CHECK(s.client().send_json("POST", "/api/auth/unlock/confirm", {{"token", token}}).error_code() == "token_invalid");

    CHECK(phone.send_json("POST", "/api/auth/login", pair("sina@example.de", pw)).status == 200);
    // Everyone else is still locked out.
    CHECK(s.client().send_json("POST", "/api/auth/login", pair("sina@example.de", pw)).status == 429);
  });
}

TEST_CASE("known devices are in the export and a password reset forgets them", "[accounts][integration][privacy]") {
  AccountsServer s("login_attempts_per_account_hour = 3\n");
  const auto pw = s.add_user("uwe@example.de", "Uwe");
  auto laptop = s.login("uwe@example.de", pw);
  auto exported = laptop.get("/api/me/export");
  REQUIRE(exported.status == 200);
  const auto ex = exported.json();
  INFO(exported.body.substr(0, 2000));
  const auto& devices = ex.at("data").at("accounts").at("known_devices").as_array();
  REQUIRE(devices.size() == 1);
  CHECK(devices[0].as_object().contains("last_seen_at"));
  CHECK(exported.body.find(laptop.cookies().at(kDevice)) == std::string::npos);

  auto c = s.client();
  REQUIRE(c.send_json("POST", "/api/auth/password-reset", {{"email", "uwe@example.de"}}).status == 202);
  const auto token = s.smtp.wait_for("uwe@example.de", "/password-reset?token=").link_param("token");
  const std::string fresh = "Neue-Laterne-am-Kanal-7";
  REQUIRE(c.send_json("POST", "/api/auth/password-reset/confirm", {{"token", token}, {"password", fresh}}).status == 200);
  // Whoever signed in with the old password must not keep a way past the lock.
  lock_from_stranger(s, "uwe@example.de");
  CHECK(laptop.send_json("POST", "/api/auth/login", pair("uwe@example.de", fresh)).error_code() == "login_locked");
}
