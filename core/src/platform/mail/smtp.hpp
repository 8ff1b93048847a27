#pragma once
// Sends one formatted message through libcurl's SMTP client (smtp:// with STARTTLS when the
// server offers it, smtps:// for implicit TLS; user:password may be part of the URL).
#include <string>

namespace qt::mail {

struct SmtpTarget {
  std::string url;              // "smtp://mail.example.de:587" or "smtp://127.0.0.1:2525"
  std::string username;         // optional; else taken from the URL
  std::string password;
  bool require_tls = false;     // refuse to send if STARTTLS is not available
  long timeout_seconds = 30;
};

// Throws std::runtime_error with curl's reason (never the message text) on failure.
void smtp_send(const SmtpTarget& target, const std::string& from_address, const std::string& to_address,
               const std::string& message);

}  // namespace qt::mail
