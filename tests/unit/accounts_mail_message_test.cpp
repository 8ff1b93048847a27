// Mail formatting: headers cannot be injected, UTF-8 subjects are encoded.
#include <catch2/catch.hpp>

#include "platform/mail/message.hpp"
#include "platform/mail/outbox.hpp"

using namespace qt::mail;

TEST_CASE("messages have CRLF lines, encoded subjects and no injected headers", "[mail]") {
  Mail m{"anna@example.de", "Bitte bestätigen\r\nBcc: evil@example.com", "Hallo\nZeile zwei\n"};
  const auto msg = format_message(m, "Quartier <noreply@q.test>", "1.2@q.test", 0);
  CHECK(msg.find("From: Quartier <noreply@q.test>\r\n") != std::string::npos);
  CHECK(msg.find("To: anna@example.de\r\n") != std::string::npos);
  CHECK(msg.find("Subject: =?UTF-8?B?") != std::string::npos);
  CHECK(msg.find("\r\nBcc:") == std::string::npos);
  CHECK(msg.find("Date: Thu, 01 Jan 1970 00:00:00 +0000\r\n") != std::string::npos);
  CHECK(msg.find("Content-Type: text/plain; charset=UTF-8") != std::string::npos);
  CHECK(msg.find("\r\n\r\nHallo\r\nZeile zwei\r\n") != std::string::npos);
  const auto ascii = format_message({"a@b.de", "Plain subject", "x"}, "a@b.de", "id@b.de", 0);
  CHECK(ascii.find("Subject: Plain subject\r\n") != std::string::npos);
}

TEST_CASE("addresses are checked for plausibility", "[mail]") {
  CHECK(plausible_address("anna@example.de"));
  CHECK(plausible_address("a.b+c@sub.example.de"));
  CHECK_FALSE(plausible_address("anna"));
  CHECK_FALSE(plausible_address("anna@localhost"));
  CHECK_FALSE(plausible_address("anna@@example.de"));
  CHECK_FALSE(plausible_address("anna @example.de"));
  CHECK_FALSE(plausible_address("anna@example.de\r\nBcc: x@y.de"));
  CHECK_FALSE(plausible_address("<anna@example.de>"));
  CHECK(bare_address("Quartier <noreply@q.test>") == "noreply@q.test");
  CHECK(bare_address("noreply@q.test") == "noreply@q.test");
}

TEST_CASE("retries back off exponentially up to a cap", "[mail]") {
  OutboxSettings s;
  s.retry_base_ms = 1000;
  s.retry_cap_ms = 10000;
  CHECK(Outbox::backoff_ms(s, 1) == 1000);
  CHECK(Outbox::backoff_ms(s, 2) == 2000);
  CHECK(Outbox::backoff_ms(s, 3) == 4000);
  CHECK(Outbox::backoff_ms(s, 4) == 8000);
  CHECK(Outbox::backoff_ms(s, 5) == 10000);
  CHECK(Outbox::backoff_ms(s, 30) == 10000);
}
