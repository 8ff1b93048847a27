#pragma once
// One plain-text mail and its RFC 5322 form (UTF-8 body sent as 8bit, non-ASCII subject as an
// RFC 2047 encoded word). Header values are stripped of CR/LF so input cannot inject headers.
#include <cstdint>
#include <string>
#include <string_view>

namespace qt::mail {

struct Mail {
  std::string to;       // a bare address: anna@example.de
  std::string subject;
  std::string body;     // plain text, UTF-8, '\n' line ends
};

// "Quartier <noreply@example.de>" -> "noreply@example.de"; a bare address is returned as is.
std::string bare_address(std::string_view from);

// True for a plausible single address (no spaces, controls, angle brackets; one '@'; a dot in
// the domain; at most 254 characters). Not a full RFC 5321 parser: the confirmation mail is the test.
bool plausible_address(std::string_view address);

// The full message with CRLF line ends, ready for SMTP DATA or an .eml file.
std::string format_message(const Mail& mail, std::string_view from, std::string_view message_id,
                           std::int64_t date_ms);

}  // namespace qt::mail
