#pragma once
// A failure inside a host function: the qt_status to return and the reason for the log and
// for api->last_error. Never crosses the ABI: the host function catches it.
#include <stdexcept>
#include <string>

#include "quartier/plugin.h"

namespace qt::plugin_host {

class HostError : public std::runtime_error {
 public:
  HostError(qt_status status, const std::string& message) : std::runtime_error(message), status_(status) {}
  qt_status status() const { return status_; }

 private:
  qt_status status_;
};

}  // namespace qt::plugin_host
