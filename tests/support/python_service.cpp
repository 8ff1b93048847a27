#include "python_service.hpp"

#include <chrono>
#include <csignal>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace qt::test {

PythonService::PythonService(const std::string& script_rel, const std::vector<std::string>& args) {
  const std::string port_file = (dir_ / "port").string();
  const std::string script = std::string(QUARTIER_SOURCE_DIR) + "/" + script_rel;
  const std::string log_file = (dir_ / "service.log").string();
  std::vector<std::string> argv_s{"python3", script, "--port-file", port_file};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_s) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_ = fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    // Output to a file: an inherited stdout would keep a test runner's pipe open.
    const int fd = open(log_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd >= 0) {
      dup2(fd, 1);
      dup2(fd, 2);
      close(fd);
    }
    execv("/usr/bin/python3", argv.data());
    _exit(127);
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < deadline) {
    std::ifstream in(port_file);
    unsigned port = 0;
    if (in >> port) {
      port_ = static_cast<std::uint16_t>(port);
      return;
    }
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error(script_rel + " exited early: " + log());
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  throw std::runtime_error(script_rel + " did not start within 20 s");
}

PythonService::~PythonService() {
  if (pid_ <= 0) return;
  kill(pid_, SIGTERM);
  for (int i = 0; i < 100; ++i) {
    if (waitpid(pid_, nullptr, WNOHANG) == pid_) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  kill(pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
}

std::string PythonService::log() const {
  std::ifstream in(dir_ / "service.log");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace qt::test
