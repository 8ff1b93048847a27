#pragma once
// meinberlin_origin.py on a loopback port for the bridge's tests, stopped at the end.
#include <csignal>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "http_client.hpp"
#include "participation_fixture.hpp"
#include "temp_dir.hpp"

namespace qt::test::participation {

class MeinBerlinOrigin {
 public:
  MeinBerlinOrigin() {
    const auto port_file = dir_.path() / "port";
    const std::string script = std::string(QT_PARTICIPATION_TEST_DIR) + "/meinberlin_origin.py";
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
      execl("/usr/bin/python3", "python3", script.c_str(), port_file.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    if (!wait_for([&] { return std::filesystem::exists(port_file); }, std::chrono::seconds(20)))
      throw std::runtime_error("the meinBerlin stand-in did not start within 20 s");
    std::ifstream in(port_file);
    in >> port_;
  }
  ~MeinBerlinOrigin() {
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
  }
  MeinBerlinOrigin(const MeinBerlinOrigin&) = delete;
  MeinBerlinOrigin& operator=(const MeinBerlinOrigin&) = delete;

  std::string base() const { return "http://127.0.0.1:" + std::to_string(port_); }
  void mode(const std::string& m) const { REQUIRE(HttpClient(port_).get("/control/" + m).status == 200); }
  int count() const { return std::stoi(HttpClient(port_).get("/count").body); }
  std::string agent() const { return HttpClient(port_).get("/agent").body; }

 private:
  TempDir dir_;
  pid_t pid_ = -1;
  std::uint16_t port_ = 0;
};

}  // namespace qt::test::participation
