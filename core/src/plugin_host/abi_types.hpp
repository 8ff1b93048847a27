#pragma once
// The host side of the opaque handles qt_request, qt_response and qt_export.
#include <deque>
#include <string>

#include <boost/json/value.hpp>

#include "http/request.hpp"
#include "http/response.hpp"

struct qt_request {
  explicit qt_request(const qt::http::Request& r) : req(r) {}
  const qt::http::Request& req;
  // Values the host computes for the plugin (decoded query parameters), alive until the
  // handler returns; a deque keeps earlier views valid while it grows.
  std::deque<std::string> scratch;
};

struct qt_response {
  qt::http::Response response;
};

struct qt_export {
  boost::json::value value;  // null until export_set_json
};
