// Accounts on the real databases (SQLite and PostgreSQL): sessions, tokens, roles, audit,
// legal texts and consent, erasure in one transaction.
#include <catch2/catch.hpp>

#include <sstream>

#include "app/cli/demo_accounts.hpp"
#include "domain/accounts/accounts.hpp"
#include "domain/accounts/audit.hpp"
#include "domain/credentials/one_time_tokens.hpp"
#include "domain/credentials/password.hpp"
#include "domain/credentials/sessions.hpp"
#include "domain/accounts/users.hpp"
#include "domain/errors/error.hpp"
#include "domain/municipality/instance_settings.hpp"
#include "domain/municipality/legal.hpp"
#include "pg_test_db.hpp"
#include "platform/db/migrations.hpp"
#include "platform/mail/outbox.hpp"
#include "platform/privacy/registry.hpp"
#include "platform/util/clock.hpp"
#include "web/errors.hpp"

using namespace qt::accounts;
using qt::hours_ms;
using qt::minutes_ms;
using qt::now_ms;
using qt::test::DbTarget;

namespace {

struct Env {
  std::unique_ptr<qt::db::Database> db;
  qt::privacy::Registry privacy;
  std::unique_ptr<qt::mail::Outbox> outbox;
  std::unique_ptr<Accounts> accounts;

  explicit Env(const DbTarget& t) {
    db = qt::db::Database::open(t.options());
    qt::db::Migrator(*db).apply("core", qt::db::core_migrations(db->dialect()));
    qt::mail::OutboxSettings o;
    o.outbox_dir = t.scratch / "outbox";
    outbox = std::make_unique<qt::mail::Outbox>(*db, o);
    accounts = std::make_unique<Accounts>(*db, *outbox, privacy, Settings{});
    accounts->register_privacy_provider();
  }

  std::int64_t user(const std::string& email, const std::string& role = "resident") {
    NewUser n;
    n.email = email;
    n.display_name = "Person " + email.substr(0, email.find('@'));
    n.password = "Laterne-Kanal-Brot";
    n.role = role;
    return accounts->create_user(n, 0);
  }
};

int http_status(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const qt::domain::Error& e) {
    return qt::web::status_of(e.kind());
  }
  return 0;
}

}  // namespace

TEST_CASE("accounts: users are created once per address, lower-cased", "[db][accounts]") {
  qt::test::for_each_dialect([](const DbTarget& t) {
    Env env(t);
    const auto id = env.user("Anna@Example.DE");
    auto u = env.accounts->user(id);
    REQUIRE(u);
    CHECK(u->email == "anna@example.de");
    CHECK(u->status == "active");
    CHECK(u->password_hash.rfind("$argon2id$", 0) == 0);
    CHECK(http_status([&] { env.user("anna@example.de"); }) == 409);
    NewUser weak;
    weak.email = "b@example.de";
    weak.display_name = "Bea";
    weak.password = "password1234";
    CHECK(http_status([&] { env.accounts->create_user(weak, 0); }) == 400);
    CHECK(env.accounts->author(id).at("display_name").as_string() == "Person Anna");
    CHECK(env.accounts->author(9999).at("deleted").as_bool());
  });
}

TEST_CASE("accounts: sessions end by idle and absolute timeouts and with the account", "[db][accounts]") {
  qt::test::for_each_dialect([](const DbTarget& t) {
    Env env(t);
    const auto id = env.user("s@example.de");
    const auto other = env.user("o@example.de");
    auto lease = env.db->write();
    auto& s = lease.session();
    const std::int64_t t0 = 1'700'000'000'000;
    const auto idle = minutes_ms(30), absolute = hours_ms(12);
    auto n = create_session(s, id, t0, absolute, "Mozilla/5.0 (X11; Linux) Firefox/120.0", "abcd");
    CHECK(n.token.size() == 43);
    // Only the hash is stored.
    long long plain = 0;
    s << "SELECT COUNT(*) FROM sessions WHERE token_hash = :t", soci::use(n.token), soci::into(plain);
    CHECK(plain == 0);
    auto found = find_session(s, n.token, t0 + minutes_ms(29), idle);
    REQUIRE(found);
    CHECK(found->user_id == id);
    CHECK(found->role == "resident");
    CHECK_FALSE(find_session(s, n.token, t0 + minutes_ms(31), idle));  // idle
    touch_session(s, n.id, t0 + minutes_ms(29));
    CHECK(find_session(s, n.token, t0 + minutes_ms(50), idle));
    for (std::int64_t m = 50; m < 12 * 60; m += 25) touch_session(s, n.id, t0 + minutes_ms(m));
    CHECK_FALSE(find_session(s, n.token, t0 + hours_ms(12) + 1, idle));  // absolute
    CHECK_FALSE(find_session(s, "not-a-token-not-a-token-not-a-token", t0, idle));

    auto n2 = create_session(s, id, t0, absolute, "", "");
    CHECK_FALSE(delete_own_session(s, other, n2.id));  // not theirs
    CHECK(find_session(s, n2.token, t0, idle));
    CHECK(delete_own_session(s, id, n2.id));
    CHECK_FALSE(find_session(s, n2.token, t0, idle));

    auto n3 = create_session(s, id, t0, absolute, "", "");
    const long long uid = id;
    s << "UPDATE users SET status = 'suspended' WHERE id = :u", soci::use(uid);
    CHECK_FALSE(find_session(s, n3.token, t0, idle));
    auto list = list_sessions(s, id, n3.id);
    REQUIRE(list.size() == 2);
    CHECK(list[0].at("current").as_bool() != list[1].at("current").as_bool());
    CHECK(delete_user_sessions(s, id) == 2);
  });
}

TEST_CASE("accounts: one-time tokens work once, expire, and the newest replaces older ones", "[db][accounts]") {
  qt::test::for_each_dialect([](const DbTarget& t) {
    Env env(t);
    const auto id = env.user("t@example.de");
    auto lease = env.db->write();
    auto& s = lease.session();
    const std::int64_t t0 = 1'700'000'000'000;
    const auto tok = issue_token(s, id, "confirm", t0, hours_ms(48));
    CHECK_FALSE(consume_token(s, tok, "reset", t0));  // other purpose
    CHECK(consume_token(s, tok, "confirm", t0 + 1) == id);
    CHECK_FALSE(consume_token(s, tok, "confirm", t0 + 2));  // reused
    const auto expired = issue_token(s, id, "reset", t0, hours_ms(2));
    CHECK_FALSE(consume_token(s, expired, "reset", t0 + hours_ms(2)));
    const auto older = issue_token(s, id, "reset", t0, hours_ms(2));
    const auto newer = issue_token(s, id, "reset", t0 + 1, hours_ms(2));
    CHECK_FALSE(consume_token(s, older, "reset", t0 + 2));
    CHECK(consume_token(s, newer, "reset", t0 + 2) == id);
  });
}

TEST_CASE("accounts: role and status changes are audited, end sessions, keep one admin", "[db][accounts]") {
  qt::test::for_each_dialect([](const DbTarget& t) {
    Env env(t);
    const auto admin = env.user("admin@example.de", "admin");
    const auto id = env.user("r@example.de");
    {
      auto lease = env.db->write();
      create_session(lease.session(), id, now_ms(), hours_ms(1), "", "");
    }
    env.accounts->change_role(admin, id, "moderator", std::nullopt);
    CHECK(env.accounts->user(id)->role == "moderator");
    {
      auto lease = env.db->read();
      long long n = 0;
      const long long uid = id;
      lease.session() << "SELECT COUNT(*) FROM sessions WHERE user_id = :u", soci::use(uid), soci::into(n);
      CHECK(n == 0);
      auto entries = audit_entries(lease.session(), 0, 10, "user", id);
      REQUIRE(entries.size() >= 1);
      CHECK(entries[0].at("action").as_string() == "user.role_changed");
      CHECK(entries[0].at("actor_id").as_int64() == admin);
      CHECK(entries[0].at("details").at("to").as_string() == "moderator");
    }
    CHECK(http_status([&] { env.accounts->change_role(admin, id, "king", std::nullopt); }) == 400);
    CHECK(http_status([&] { env.accounts->change_role(0, admin, "resident", std::nullopt); }) == 409);  // last admin
    CHECK(http_status([&] { env.accounts->change_status(0, admin, "disabled"); }) == 409);
    env.accounts->change_status(admin, id, "suspended");
    CHECK(env.accounts->user(id)->status == "suspended");
    CHECK_FALSE(env.accounts->is_active(id));
  });
}

TEST_CASE("accounts: legal texts are versioned, consent is asked again after a change", "[db][accounts]") {
  qt::test::for_each_dialect([](const DbTarget& t) {
    Env env(t);
    const auto id = env.user("c@example.de");
    auto lease = env.db->write();
    auto& s = lease.session();
    CHECK(consent_required(s, id).empty());
    CHECK(publish_legal_text(s, "terms", "v1", 0, 1) == 1);
    CHECK(publish_legal_text(s, "privacy", "p1", 0, 1) == 1);
    CHECK(consent_required(s, id).size() == 2);
    consent_to_current(s, id, 2);
    CHECK(consent_required(s, id).empty());
    CHECK(publish_legal_text(s, "terms", "v2", 0, 3) == 2);
    auto req = consent_required(s, id);
    REQUIRE(req.size() == 1);
    CHECK(req[0].at("version").as_int64() == 2);
    CHECK(current_legal_text(s, "terms")->body == "v2");
    CHECK(consents_of(s, id).size() == 2);
  });
}

TEST_CASE("accounts: instance settings hold the registration mode and a stable IP salt", "[db][accounts]") {
  qt::test::for_each_dialect([](const DbTarget& t) {
    Env env(t);
    auto lease = env.db->write();
    auto& s = lease.session();
    CHECK(registration_mode(s, "approval") == "approval");
    put_setting(s, "accounts.registration", "invite", 1);
    put_setting(s, "accounts.registration", "open", 2);
    CHECK(registration_mode(s, "approval") == "open");
    const auto salt = ip_hash_salt(s, 1);
    CHECK(salt.size() == 43);
    CHECK(ip_hash_salt(s, 2) == salt);
  });
}

TEST_CASE("accounts: erasure runs every provider in one transaction and anonymises the person", "[db][accounts][privacy]") {
  qt::test::for_each_dialect([](const DbTarget& t) {
    Env env(t);
    const auto id = env.user("erase@example.de");
    {
      auto lease = env.db->write();
      auto& s = lease.session();
      create_session(s, id, now_ms(), hours_ms(1), "", "");
      publish_legal_text(s, "terms", "v1", 0, 1);
      consent_to_current(s, id, 2);
    }
    env.outbox->queue({"erase@example.de", "Hallo", "Text"});
    // A plugin-like provider that keeps a row others need, and one that fails once.
    {
      auto lease = env.db->write();
      lease.session() << "CREATE TABLE demo_notes (id BIGINT, author_id BIGINT, body TEXT)";
      const long long uid = id;
      lease.session() << "INSERT INTO demo_notes (id, author_id, body) VALUES (1, :u, 'mein Text')", soci::use(uid);
    }
    bool fail = true;
    env.privacy.add(
        "demo",
        [](std::int64_t uid, soci::session& s) -> boost::json::value {
          long long n = 0;
          const long long u = uid;
          s << "SELECT COUNT(*) FROM demo_notes WHERE author_id = :u", soci::use(u), soci::into(n);
          return boost::json::object{{"notes", n}};
        },
        [&fail](std::int64_t uid, soci::session& s) {
          const long long u = uid;
          s << "UPDATE demo_notes SET body = '' WHERE author_id = :u", soci::use(u);
          if (fail) throw std::runtime_error("plugin failed");
        });

    auto exported = env.accounts->export_user(id);
    CHECK(exported.at("accounts").at("profile").at("email").as_string() == "erase@example.de");
    CHECK(exported.at("demo").at("notes").as_int64() == 1);

    CHECK_THROWS(env.accounts->erase_user(id));
    // Rolled back as a whole: nothing changed anywhere.
    CHECK(env.accounts->user(id)->email == "erase@example.de");
    {
      auto lease = env.db->read();
      std::string body;
      lease.session() << "SELECT body FROM demo_notes WHERE id = 1", soci::into(body);
      CHECK(body == "mein Text");
    }

    fail = false;
    env.accounts->erase_user(id);
    auto u = env.accounts->user(id);
    REQUIRE(u);
    CHECK(u->status == "deleted");
    CHECK(u->display_name == "Gelöschtes Konto");
    CHECK(u->email.find("erase") == std::string::npos);
    CHECK(u->password_hash.empty());
    CHECK(env.accounts->author(id).at("display_name").as_string() == "Gelöschtes Konto");
    auto lease = env.db->read();
    auto& s = lease.session();
    long long sessions = 0, consents = 0, mails = 0;
    const long long uid = id;
    s << "SELECT COUNT(*) FROM sessions WHERE user_id = :u", soci::use(uid), soci::into(sessions);
    s << "SELECT COUNT(*) FROM consents WHERE user_id = :u", soci::use(uid), soci::into(consents);
    s << "SELECT COUNT(*) FROM mail_queue WHERE to_address = 'erase@example.de'", soci::into(mails);
    CHECK(sessions == 0);
    CHECK(consents == 0);
    CHECK(mails == 0);
    std::string body;
    s << "SELECT body FROM demo_notes WHERE id = 1", soci::into(body);
    CHECK(body.empty());
  });
}

TEST_CASE("accounts: demo data is idempotent and its printed passwords log in", "[db][accounts]") {
  qt::test::for_each_dialect([](const DbTarget& t) {
    Env env(t);
    qt::config::Config cfg;
    cfg.municipality.name = "Musterstadt";
    std::ostringstream out;
    const auto first = seed_demo_accounts(*env.db, cfg, out);
    CHECK(first.neighbourhood_ids.size() == 4);
    CHECK(first.resident_ids.size() == 4);
    CHECK(out.str().find("admin@quartier.test") != std::string::npos);
    auto admin = env.accounts->user(first.admin_id);
    REQUIRE(admin);
    CHECK(admin->role == "admin");
    CHECK(verify_password("Demo-Admin-Quartier-1", admin->password_hash));
    CHECK(env.accounts->user(first.staff_id)->department.find("Bezirksamt") != std::string::npos);
    std::ostringstream again;
    const auto second = seed_demo_accounts(*env.db, cfg, again);
    CHECK(second.admin_id == first.admin_id);
    CHECK(second.neighbourhood_ids == first.neighbourhood_ids);
    auto lease = env.db->read();
    long long users = 0;
    lease.session() << "SELECT COUNT(*) FROM users", soci::into(users);
    CHECK(users == 7);
    CHECK(consent_required(lease.session(), first.admin_id).empty());
  });
}
