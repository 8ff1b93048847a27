#pragma once
// A Python helper server for tests (Debian's /usr/bin/python3 and its packages): starts
// `script --port-file FILE args...`, waits until the script wrote its port, and stops it with
// SIGTERM (then SIGKILL) at the end. Its output goes to a log file in its own temp folder.
#include <cstdint>
#include <string>
#include <sys/types.h>
#include <vector>

#include "temp_dir.hpp"

namespace qt::test {

class PythonService {
 public:
  // script: a path below the source tree (e.g. "tests/support/push_service.py").
  PythonService(const std::string& script, const std::vector<std::string>& args = {});
  ~PythonService();
  PythonService(const PythonService&) = delete;
  PythonService& operator=(const PythonService&) = delete;

  std::uint16_t port() const { return port_; }
  std::string log() const;

 private:
  TempDir dir_;
  pid_t pid_ = -1;
  std::uint16_t port_ = 0;
};

}  // namespace qt::test
