#pragma once
// gzip for answers (RFC 9110 section 8.4, RFC 1952), with zlib. Phones on mobile data get the
// API's JSON and the plugins' UI modules in a fifth of the bytes.
#include <optional>
#include <string>
#include <string_view>

#include "platform/http/response.hpp"

namespace qt::http {

// Whether an Accept-Encoding header value allows gzip: "gzip" or "*" listed without q=0.
bool accepts_gzip(std::string_view accept_encoding);

// The gzip member of data at level (1 fast .. 9 small).
std::string gzip(std::string_view data, int level);

// Compresses res.body in place when it is worth it and safe: the client takes gzip, a 2xx body
// of at least 1 KiB of text (JSON, HTML, CSS, JavaScript, SVG, plain text) that no one encoded
// yet, with no strong ETag (a weak one may stay: the same resource, another encoding). Answers
// marked no-store stay as they are: they carry secrets (the CSRF token, the export), and a secret
// compressed beside text an attacker chose is what BREACH guesses byte by byte.
void compress_answer(Response& res, std::optional<std::string_view> accept_encoding);

}  // namespace qt::http
