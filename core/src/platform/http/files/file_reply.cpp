#include "platform/http/files/file_reply.hpp"

#include <cctype>
#include <charconv>
#include <system_error>

#include <fmt/format.h>

namespace qt::http {
namespace {

std::optional<std::uint64_t> number(std::string_view s) {
  std::uint64_t v = 0;
  if (s.empty()) return std::nullopt;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

// The file name for Content-Disposition: an ASCII fallback (others become '_') and the UTF-8
// name percent-encoded as filename* (RFC 6266 / RFC 8187).
std::string disposition(std::string_view name, bool inline_) {
  std::string ascii, encoded;
  for (unsigned char c : name) {
    const bool plain = c > 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '%' && c != ';';
    ascii += plain ? static_cast<char>(c) : '_';
    const bool attr = std::isalnum(c) != 0 || std::string_view("!#$&+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
    encoded += attr ? std::string(1, static_cast<char>(c)) : fmt::format("%{:02X}", c);
  }
  return fmt::format("{}; filename=\"{}\"; filename*=UTF-8''{}", inline_ ? "inline" : "attachment", ascii, encoded);
}

bool etag_matches(std::string_view header, std::string_view tag) {
  if (header.find('*') != std::string_view::npos) return true;
  return header.find(tag) != std::string_view::npos;
}

}  // namespace

std::optional<ByteRange> parse_range(std::string_view header, std::uint64_t size, bool& unsatisfiable) {
  unsatisfiable = false;
  constexpr std::string_view unit = "bytes=";
  if (header.substr(0, unit.size()) != unit) return std::nullopt;
  const auto spec = header.substr(unit.size());
  const auto dash = spec.find('-');
  if (dash == std::string_view::npos || spec.find(',') != std::string_view::npos) return std::nullopt;
  const auto first = spec.substr(0, dash), last = spec.substr(dash + 1);
  if (first.empty()) {  // "bytes=-N": the last N bytes
    auto n = number(last);
    if (!n) return std::nullopt;
    if (*n == 0 || size == 0) {
      unsatisfiable = true;
      return std::nullopt;
    }
    const auto len = std::min(*n, size);
    return ByteRange{size - len, len};
  }
  auto from = number(first);
  auto to = last.empty() ? std::optional<std::uint64_t>(size ? size - 1 : 0) : number(last);
  if (from && *from >= size) {  // starts after the end, whatever the end says
    unsatisfiable = true;
    return std::nullopt;
  }
  if (!from || !to || *to < *from) return std::nullopt;
  return ByteRange{*from, std::min(*to, size - 1) - *from + 1};
}

bool safe_inline_type(std::string_view t) {
  if (t == "image/svg+xml") return false;  // SVG runs scripts
  for (std::string_view p : {"image/", "audio/", "video/"})
    if (t.substr(0, p.size()) == p) return true;
  return t == "application/pdf" || t == "text/plain";
}

std::optional<Response> file_reply(const Request& req, const FileReply& f) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(f.path, ec);
  if (ec) return std::nullopt;
  Response res;
  res.file = f.path;
  const std::string type = f.content_type.empty() ? "application/octet-stream" : f.content_type;
  const bool inline_ = f.inline_ && safe_inline_type(type);
  res.set_header("Content-Type", type == "text/plain" ? "text/plain; charset=utf-8" : type);
  res.set_header("Accept-Ranges", "bytes");
  res.set_header("Cache-Control", "private, no-cache");
  const std::string etag = f.etag.empty() ? std::string() : "\"" + f.etag + "\"";
  if (!etag.empty()) res.set_header("ETag", etag);
  if (f.download_name.empty())
    res.set_header("Content-Disposition", inline_ ? "inline" : "attachment");
  else
    res.set_header("Content-Disposition", disposition(f.download_name, inline_));
  if (!etag.empty())
    if (auto inm = req.header("if-none-match"); inm && etag_matches(*inm, etag)) {
      res.status = 304;
      return res;
    }
  auto range_header = req.header("range");
  if (auto if_range = req.header("if-range"); if_range && *if_range != etag) range_header.reset();
  if (range_header) {
    bool unsatisfiable = false;
    auto r = parse_range(*range_header, size, unsatisfiable);
    if (unsatisfiable) {
      Response bad = Response::error(416, "range_not_satisfiable",
                                     "Der angefragte Bereich liegt außerhalb der Datei. / The requested range lies outside the file.");
      bad.set_header("Content-Range", fmt::format("bytes */{}", size));
      return bad;
    }
    if (r) {
      res.status = 206;
      res.file_offset = r->offset;
      res.file_length = r->length;
      res.set_header("Content-Range", fmt::format("bytes {}-{}/{}", r->offset, r->offset + r->length - 1, size));
    }
  }
  return res;
}

}  // namespace qt::http
