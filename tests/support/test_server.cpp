#include "test_server.hpp"

#include <csignal>
#include <cstdlib>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace qt::test {

namespace {

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// fork/exec with stdout+stderr into log_path; env entries added to a copy of the environment
// (QUARTIER_* of the test process itself are not inherited, so tests stay independent).
pid_t spawn(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
            const std::filesystem::path& log_path) {
  std::vector<std::string> envs;
  for (char** e = environ; *e; ++e) {
    std::string_view kv(*e);
    if (kv.rfind("QUARTIER_", 0) == 0 && kv.rfind("QUARTIER_TEST_", 0) != 0) continue;
    envs.emplace_back(kv);
  }
  for (const auto& [k, v] : env) envs.push_back(k + "=" + v);
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    const int fd = ::open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (fd >= 0) {
      dup2(fd, 1);
      dup2(fd, 2);
      ::close(fd);
    }
    std::vector<char*> argv, envp;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    for (const auto& e : envs) envp.push_back(const_cast<char*>(e.c_str()));
    envp.push_back(nullptr);
    execve(argv[0], argv.data(), envp.data());
    _exit(127);
  }
  return pid;
}

}  // namespace

TestServer::TestServer(ServerSetup setup) {
  std::string web_root = setup.web_root;
  if (web_root.empty()) {
    dir_.write("web/index.html", "<!doctype html><html lang=\"de\"><title>Quartier</title><h1>Quartier</h1></html>\n");
    dir_.write("web/assets/app-1234abcd.js", "console.log('quartier');\n");
    web_root = (dir_ / "web").string();
  }
  const std::string db_url = setup.database_url.empty() ? "sqlite:" + (dir_ / "quartier.db").string() : setup.database_url;
  std::string plugin_dir = "\"" + (setup.plugin_dir.empty() ? std::string(QUARTIER_PLUGIN_BUILD_DIR) : setup.plugin_dir) + "\"";
  if (!setup.plugin_dirs.empty()) {
    plugin_dir.clear();
    for (const auto& d : setup.plugin_dirs) plugin_dir += (plugin_dir.empty() ? "[\"" : ", \"") + d + "\"";
    plugin_dir += "]";
  }
  std::string enabled;
  for (const auto& p : setup.plugins) enabled += (enabled.empty() ? "\"" : ", \"") + p + "\"";
  std::string server_extra;
  for (const auto& l : setup.server_toml) server_extra += l + "\n";

  std::ostringstream toml;
  toml << "[server]\nlisten = \"127.0.0.1:0\"\nthreads = 2\nweb_root = \"" << web_root << "\"\n"
       << "shutdown_grace_seconds = 10\ndevelopment = true\n"
       << server_extra << "\n[database]\nurl = \"" << db_url << "\"\nsynchronous = \"NORMAL\"\n\n"
       << "[plugins]\ndir = " << plugin_dir << "\nenabled = [" << enabled << "]\n\n"
       << "[municipality]\nname = \"Teststadt\"\n\n[log]\nformat = \"json\"\n\n"
       << setup.extra_toml << "\n";
  config_ = dir_.write("quartier.toml", toml.str());
  log_ = dir_ / "server.log";
  const auto port_file = dir_ / "port";
  std::map<std::string, std::string> env = setup.env;
  // The Web Push key in the test's own folder, not in data/ of whatever folder the test runs in.
  if (setup.extra_toml.find("vapid_key_file") == std::string::npos)
    env.emplace("QUARTIER_PUSH_VAPID_KEY_FILE", (dir_ / "vapid-private.pem").string());
  pid_ = spawn({QUARTIER_BIN, "serve", "--config", config_.string(), "--port-file", port_file.string()}, env, log_);

  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline) {
    if (std::filesystem::exists(port_file)) {
      port_ = static_cast<std::uint16_t>(std::stoi(read_file(port_file)));
      return;
    }
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("quartier serve exited during startup (status " + std::to_string(status) + "):\n" + log());
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  stop();
  throw std::runtime_error("quartier serve did not start listening within 30 s:\n" + log());
}

TestServer::~TestServer() {
  if (pid_ > 0) stop();
}

std::string TestServer::log() const { return read_file(log_); }

int TestServer::stop(std::chrono::seconds timeout) {
  if (pid_ <= 0) return -1;
  kill(pid_, SIGTERM);
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  int status = 0;
  while (std::chrono::steady_clock::now() < deadline) {
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  kill(pid_, SIGKILL);
  waitpid(pid_, &status, 0);
  pid_ = -1;
  return -1;
}

RunResult run_quartier(const std::vector<std::string>& args, const std::map<std::string, std::string>& env) {
  TempDir dir;
  const auto log_path = dir / "out.log";
  std::vector<std::string> full{QUARTIER_BIN};
  full.insert(full.end(), args.begin(), args.end());
  const pid_t pid = spawn(full, env, log_path);
  int status = 0;
  waitpid(pid, &status, 0);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status), read_file(log_path)};
}

}  // namespace qt::test
