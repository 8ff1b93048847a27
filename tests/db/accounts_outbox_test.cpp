// The mail outbox against a real SMTP server on loopback, on SQLite and PostgreSQL.
#include <catch2/catch.hpp>

#include <fstream>
#include <thread>
#include <sstream>

#include "pg_test_db.hpp"
#include "platform/db/migrations.hpp"
#include "platform/mail/outbox.hpp"
#include "smtp_sink.hpp"

using qt::mail::Outbox;
using qt::mail::OutboxSettings;
using qt::test::DbTarget;

namespace {

std::unique_ptr<qt::db::Database> open_db(const DbTarget& t) {
  auto db = qt::db::Database::open(t.options());
  qt::db::Migrator(*db).apply("core", qt::db::core_migrations(db->dialect()));
  return db;
}

struct Row {
  long long attempts = 0;
  bool sent = false, failed = false;
  std::string body, error;
};

Row row(qt::db::Database& db, std::int64_t id) {
  Row r;
  auto lease = db.read();
  long long sent = 0, failed = 0;
  soci::indicator si = soci::i_ok, fi = soci::i_ok;
  const long long key = id;
  lease.session() << "SELECT attempts, sent_at, failed_at, body_text, last_error FROM mail_queue WHERE id = :id",
      soci::use(key), soci::into(r.attempts), soci::into(sent, si), soci::into(failed, fi), soci::into(r.body),
      soci::into(r.error);
  r.sent = si == soci::i_ok;
  r.failed = fi == soci::i_ok;
  return r;
}

}  // namespace

TEST_CASE("outbox: queued mail reaches the SMTP server, delivered mail keeps no body", "[db][mail]") {
  qt::test::for_each_dialect([](const DbTarget& t) {
    auto db = open_db(t);
    qt::test::SmtpSink smtp;
    OutboxSettings s;
    s.smtp.url = smtp.url();
    s.from = "Quartier Teststadt <noreply@teststadt.test>";
    Outbox outbox(*db, s);
    const auto id = outbox.queue({"anna@example.de", "Grüße aus dem Quartier", "Hallo Anna,\n.\nein Punkt allein.\n"});
    CHECK(outbox.counts().queued == 1);
    CHECK(outbox.deliver_due() == 1);
    const auto m = smtp.wait_for("anna@example.de");
    CHECK(m.raw.find("Subject: =?UTF-8?B?") != std::string::npos);
    CHECK(m.body.find("Hallo Anna,\r\n.\r\nein Punkt allein.") != std::string::npos);  // dot-stuffing undone
    auto r = row(*db, id);
    CHECK(r.sent);
    CHECK(r.attempts == 1);
    CHECK(r.body.empty());
    CHECK(outbox.deliver_due() == 0);  // nothing twice
    CHECK(smtp.count_to("anna@example.de") == 1);
  });
}

TEST_CASE("outbox: a temporary failure is retried with backoff, then delivered", "[db][mail]") {
  qt::test::for_each_dialect([](const DbTarget& t) {
    auto db = open_db(t);
    qt::test::SmtpSink smtp(1);  // first message gets 451
    OutboxSettings s;
    s.smtp.url = smtp.url();
    s.retry_base_ms = 300;
    Outbox outbox(*db, s);
    const auto id = outbox.queue({"ben@example.de", "Retry", "Text"});
    CHECK(outbox.deliver_due() == 0);
    auto r = row(*db, id);
    CHECK(r.attempts == 1);
    CHECK_FALSE(r.sent);
    CHECK_FALSE(r.error.empty());
    CHECK(outbox.deliver_due() == 0);  // not due yet: backoff
    std::this_thread::sleep_for(std::chrono::milliseconds(400));
    CHECK(outbox.deliver_due() == 1);
    CHECK(row(*db, id).sent);
    smtp.wait_for("ben@example.de");
  });
}

TEST_CASE("outbox: an unreachable server loses nothing, and gives up after max attempts", "[db][mail]") {
  qt::test::for_each_dialect([](const DbTarget& t) {
    auto db = open_db(t);
    OutboxSettings s;
    s.smtp.url = "smtp://127.0.0.1:1";  // nobody listens
    s.smtp.timeout_seconds = 5;
    s.retry_base_ms = 1;
    s.max_attempts = 2;
    Outbox outbox(*db, s);
    const auto id = outbox.queue({"carla@example.de", "Outage", "Text"});
    CHECK(outbox.deliver_due() == 0);
    CHECK(row(*db, id).attempts == 1);
    CHECK_FALSE(row(*db, id).failed);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    CHECK(outbox.deliver_due() == 0);
    auto r = row(*db, id);
    CHECK(r.attempts == 2);
    CHECK(r.failed);
    CHECK(r.error.find("SMTP") != std::string::npos);
    CHECK(outbox.counts().failed == 1);
  });
}

TEST_CASE("outbox: without smtp_url each mail is written as an .eml file", "[db][mail]") {
  qt::test::for_each_dialect([](const DbTarget& t) {
    auto db = open_db(t);
    OutboxSettings s;
    s.outbox_dir = t.scratch / "mail-outbox";
    Outbox outbox(*db, s);
    outbox.queue({"dora@example.de", "Datei", "Inhalt der Mail"});
    CHECK(outbox.deliver_due() == 1);
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(s.outbox_dir)) files.push_back(e.path());
    REQUIRE(files.size() == 1);
    CHECK(files[0].extension() == ".eml");
    std::ifstream in(files[0]);
    std::stringstream text;
    text << in.rdbuf();
    CHECK(text.str().find("To: dora@example.de") != std::string::npos);
    CHECK(text.str().find("Inhalt der Mail") != std::string::npos);
    CHECK_THROWS_AS(outbox.queue({"not an address", "x", "y"}), std::invalid_argument);
  });
}
