#include "server_process.hpp"

#include <csignal>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace qt::test {

pid_t server_pid(const TestServer& server) {
  const std::string config = server.config_path().string();
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator("/proc", ec)) {
    const auto name = entry.path().filename().string();
    if (name.empty() || name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream in(entry.path() / "cmdline", std::ios::binary);
    const std::string cmdline((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    // argv is NUL-separated: "serve" and the config path as separate arguments.
    if (cmdline.find(std::string("serve") + '\0') != std::string::npos &&
        cmdline.find(config + '\0') != std::string::npos)
      return static_cast<pid_t>(std::stol(name));
  }
  return -1;
}

bool signal_server(const TestServer& server, int sig) {
  const pid_t pid = server_pid(server);
  return pid > 0 && kill(pid, sig) == 0;
}

}  // namespace qt::test
