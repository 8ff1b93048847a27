#pragma once
// Starts the real quartier binary (`serve`) on an ephemeral loopback port with a config written
// to a temp folder, waits until it listens, and stops it with SIGTERM at the end.
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <sys/types.h>
#include <vector>

#include "http_client.hpp"
#include "temp_dir.hpp"

namespace qt::test {

struct ServerSetup {
  // Extra TOML appended to the generated config (sections not generated below).
  std::string extra_toml;
  std::string database_url;  // empty = SQLite file in the temp folder
  std::string web_root;      // empty = a folder in the temp dir with a small index.html
  std::vector<std::string> plugins;  // [plugins] enabled
  std::string plugin_dir;            // empty = the build tree's plugin folder
  std::vector<std::string> plugin_dirs;  // when set: [plugins] dir as this array (plugin_dir unused)
  std::map<std::string, std::string> env;  // extra environment (e.g. QUARTIER_SERVER_THREADS)
  std::vector<std::string> server_toml;    // extra lines inside [server]
};

class TestServer {
 public:
  explicit TestServer(ServerSetup setup = {});
  ~TestServer();  // SIGTERM, then SIGKILL after 15 s
  TestServer(const TestServer&) = delete;
  TestServer& operator=(const TestServer&) = delete;

  std::uint16_t port() const { return port_; }
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  HttpClient client() const { return HttpClient(port_); }
  const TempDir& dir() const { return dir_; }
  const std::filesystem::path& config_path() const { return config_; }
  std::string log() const;  // what the server wrote to stderr/stdout so far

  // Sends SIGTERM and waits; returns the exit status (or -1 on timeout, then kills).
  int stop(std::chrono::seconds timeout = std::chrono::seconds(15));
  bool running() const { return pid_ > 0; }
  int pid() const { return static_cast<int>(pid_); }  // for /proc/<pid>/status (memory checks)

 private:
  TempDir dir_;
  std::filesystem::path config_;
  std::filesystem::path log_;
  pid_t pid_ = -1;
  std::uint16_t port_ = 0;
};

// Runs the quartier binary with args and returns {exit code, combined output}.
struct RunResult {
  int exit_code;
  std::string output;
};
RunResult run_quartier(const std::vector<std::string>& args, const std::map<std::string, std::string>& env = {});

}  // namespace qt::test
