#pragma once
// ics_origin.py on a loopback port for the import tests (recorded .ics files and the failure
// modes of a source), stopped at the end.
#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <thread>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "http_client.hpp"
#include "temp_dir.hpp"

namespace qt::test::cal {

class IcsOrigin {
 public:
  IcsOrigin() {
    const auto port_file = dir_.path() / "port";
    const std::string log = (dir_.path() / "origin.log").string();
    pid_ = fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
      const int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      if (fd >= 0) {
        dup2(fd, 1);
        dup2(fd, 2);
        close(fd);
      }
      execl("/usr/bin/python3", "python3", QT_CAL_ICS_ORIGIN, port_file.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (!std::filesystem::exists(port_file)) {  // its port file is written when it listens
      if (std::chrono::steady_clock::now() > deadline) throw std::runtime_error("the iCal stand-in did not start within 20 s");
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    std::ifstream in(port_file);
    in >> port_;
  }
  ~IcsOrigin() {
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
  }
  IcsOrigin(const IcsOrigin&) = delete;
  IcsOrigin& operator=(const IcsOrigin&) = delete;

  std::string feed() const { return "http://127.0.0.1:" + std::to_string(port_) + "/feed.ics"; }
  void mode(const std::string& m) const { REQUIRE(HttpClient(port_).get("/control/" + m).status == 200); }
  std::string agent() const { return HttpClient(port_).get("/agent").body; }

 private:
  TempDir dir_;
  pid_t pid_ = -1;
  std::uint16_t port_ = 0;
};

}  // namespace qt::test::cal
