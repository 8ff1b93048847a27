#pragma once
// A stored file as an HTTP answer, sent from disk by the session (never read into memory):
// ETag and If-None-Match (304), a single Range (206, 416 when it lies outside the file; If-Range
// honoured), Content-Disposition with the person's file name (RFC 6266, UTF-8), and a type that
// may be shown inline only when it is safe to (images but SVG, PDF, plain text, audio, video).
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "platform/http/request.hpp"
#include "platform/http/response.hpp"

namespace qt::http {

struct FileReply {
  std::filesystem::path path;
  std::string content_type;   // "application/octet-stream" when empty
  std::string etag;           // opaque tag without quotes (e.g. the SHA-256); none when empty
  std::string download_name;  // Content-Disposition file name; none when empty
  bool inline_ = false;       // inline when the type allows it, else attachment
};

// nullopt when the file does not exist (the caller answers 404 in its own words).
std::optional<Response> file_reply(const Request& req, const FileReply& f);

// A single byte range of a file of `size` bytes from a Range header value; nullopt when the
// header is not one satisfiable "bytes=" range. `unsatisfiable` tells a syntactically valid
// range that lies outside the file (416) from one to ignore (200 with the whole file).
struct ByteRange {
  std::uint64_t offset = 0, length = 0;
};
std::optional<ByteRange> parse_range(std::string_view header, std::uint64_t size, bool& unsatisfiable);

// True for types a browser may show inline from an upload without running anything.
bool safe_inline_type(std::string_view content_type);

}  // namespace qt::http
