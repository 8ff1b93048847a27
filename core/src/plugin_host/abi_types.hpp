#pragma once
// The host side of the opaque handles qt_request, qt_response and qt_export.
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/value.hpp>

#include "platform/http/request.hpp"
#include "platform/http/response.hpp"
#include "platform/json/checked_writer.hpp"

struct qt_request {
  explicit qt_request(const qt::http::Request& r) : req(r) {}
  const qt::http::Request& req;
  // Values the host computes for the plugin (decoded query parameters), alive until the
  // handler returns; a deque keeps earlier views valid while it grows.
  std::deque<std::string> scratch;
  // The body parsed as JSON on the first json_get_* call (or why it is not JSON).
  std::optional<boost::json::value> json;
  std::string json_error;
};

// A JSON document a plugin writes (json_* functions); the first refused call sticks.
struct qt_json_writer {
  qt::json::CheckedWriter writer;
  int32_t failed = 0;  // qt_status of the first refused call, 0 while fine
  std::string error;
};

struct qt_host;

struct qt_response {
  qt::http::Response response;
  // The request it answers and the plugin answering (res_blob needs Range, If-None-Match and
  // the plugin's blob store); set by Host::dispatch.
  const qt::http::Request* request = nullptr;
  qt_host* plugin = nullptr;
  std::string language;                // the request's, for res_error_ex
  std::deque<qt_json_writer> writers;  // res_json_writer's, freed with the response
  // res_tmp_file's files (ABI 1.6): removed with the response unless res_file hands one to
  // the answer (http::Response::file_owner), which removes it once sent.
  std::vector<std::shared_ptr<qt::http::BodyFile>> temp_files;
};

struct qt_export {
  boost::json::value value;  // null until export_set_json
};
