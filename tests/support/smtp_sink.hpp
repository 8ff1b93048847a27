#pragma once
// A real SMTP server for tests: runs tests/support/smtp_sink.py (python3-aiosmtpd) on a loopback
// port and reads the messages it saved.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

#include "temp_dir.hpp"

namespace qt::test {

struct SmtpMessage {
  std::string raw;       // as received (headers + body, CRLF)
  std::string to;        // envelope recipient
  std::string subject;   // raw Subject header (may be RFC 2047 encoded)
  std::string body;      // after the blank line
  // The value of the first "token=" or "invitation=" query parameter in a link in the body.
  std::string link_param(const std::string& name) const;
};

class SmtpSink {
 public:
  // fail_first: answer the first N messages with 451 (temporary failure).
  explicit SmtpSink(int fail_first = 0);
  ~SmtpSink();  // SIGTERM, then SIGKILL
  SmtpSink(const SmtpSink&) = delete;
  SmtpSink& operator=(const SmtpSink&) = delete;

  std::uint16_t port() const { return port_; }
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }

  std::vector<SmtpMessage> messages() const;
  // Waits until a message to `to` (case-insensitive) arrives whose subject or body contains
  // `contains`; the n-th such (0-based). Throws std::runtime_error on timeout.
  SmtpMessage wait_for(const std::string& to, const std::string& contains = {}, std::size_t nth = 0,
                       std::chrono::milliseconds timeout = std::chrono::seconds(20)) const;
  std::size_t count_to(const std::string& to) const;

 private:
  TempDir dir_;
  pid_t pid_ = -1;
  std::uint16_t port_ = 0;
};

}  // namespace qt::test
