#pragma once
// The response a handler returns. Errors always use one JSON shape:
// {"error": {"code": "...", "message": "..."}} (plus optional "details").
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/value.hpp>

#include "platform/http/request.hpp"

namespace qt::http {

struct Response {
  int status = 200;
  std::vector<Header> headers;  // names as written
  std::string body;
  std::optional<std::filesystem::path> file;  // send this file as the body instead (static files)
  // Only this byte range of `file` (a 206 answer, files/file_reply.hpp); the whole file if unset.
  std::uint64_t file_offset = 0;
  std::optional<std::uint64_t> file_length;
  // A temporary file this answer owns (a plugin's res_file): removed when the last copy of the
  // answer goes, which is after the session opened `file` for sending (or never sent it).
  std::shared_ptr<BodyFile> file_owner;

  void set_header(std::string_view name, std::string_view value);
  std::optional<std::string_view> header(std::string_view name) const;  // case-insensitive

  static Response json(const boost::json::value& v, int status = 200);
  // JSON text serialised elsewhere (e.g. written directly for speed), with the same headers.
  static Response json_text(std::string body, int status = 200);
  static Response no_content();
  static Response error(int status, std::string_view code, std::string_view message);
  static Response error(int status, std::string_view code, std::string_view message,
                        const boost::json::value& details);
};

// Thrown by handlers to answer with an error; the message is shown to the client, so it must
// say what was wrong and what to do, and never carry internals.
class HttpError : public std::runtime_error {
 public:
  HttpError(int status, std::string code, const std::string& message)
      : std::runtime_error(message), status_(status), code_(std::move(code)) {}
  HttpError(int status, std::string code, const std::string& message, boost::json::value details)
      : std::runtime_error(message), status_(status), code_(std::move(code)), details_(std::move(details)) {}
  int status() const { return status_; }
  const std::string& code() const { return code_; }
  const boost::json::value& details() const { return details_; }
  Response to_response() const;

 private:
  int status_;
  std::string code_;
  boost::json::value details_;
};

std::string_view reason_phrase(int status);

}  // namespace qt::http
