#pragma once
// What the tests of ABI 1.2 "jobs" share: the abi12_c fixture on a real server, an admin signed
// in to it, a loopback HTTP origin (fixtures/http_origin.py) for http_fetch, and polling on state
// with a bound (never a fixed sleep: the machine is busy).
#include <catch2/catch.hpp>

#include <csignal>
#include <chrono>
#include <fstream>
#include <functional>
#include <regex>
#include <sstream>
#include <string>
#include <thread>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/json.hpp>

#include "http_client.hpp"
#include "temp_dir.hpp"
#include "test_server.hpp"

namespace qt::test::jobs {

// Polls until pred() holds; false after `bound`.
inline bool wait_for(const std::function<bool()>& pred, std::chrono::seconds bound = std::chrono::seconds(60)) {
  const auto deadline = std::chrono::steady_clock::now() + bound;
  while (std::chrono::steady_clock::now() < deadline) {
    if (pred()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return pred();
}

inline std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// A server with the abi12_c fixture; `plugin_toml` goes into [plugins.abi12_c].
inline ServerSetup fixture_setup(const std::string& db_url, const std::string& plugin_toml = "") {
  ServerSetup s;
  s.database_url = db_url;
  s.plugin_dir = QT_TEST_PLUGIN_DIR;
  s.plugins = {"abi12_c"};
  s.extra_toml = "[plugins.abi12_c]\n" + plugin_toml + "\n";
  return s;
}

// An admin signed in to the server (created with `quartier user add --role admin`).
inline std::unique_ptr<HttpClient> admin_of(const TestServer& server, const std::string& email = "ada@teststadt.test") {
  auto r = run_quartier({"-c", server.config_path().string(), "user", "add", "--email", email, "--name", "Ada", "--role",
                         "admin"});
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  std::smatch m;
  REQUIRE(std::regex_search(r.output, m, std::regex("password: ([A-Z0-9-]+)")));
  auto c = std::make_unique<HttpClient>(server.port());
  auto login = c->send_json("POST", "/api/auth/login", {{"email", email}, {"password", std::string(m[1])}});
  INFO(login.body);
  REQUIRE(login.status == 200);
  c->csrf_token = std::string(login.json().at("csrf_token").as_string());
  return c;
}

// The rows GET /api/p/abi12_c/jobs/runs lists (each run a handler recorded).
inline boost::json::array runs(HttpClient& http) {
  auto r = http.get("/api/p/abi12_c/jobs/runs");
  INFO(r.body);
  REQUIRE(r.status == 200);
  return r.json().at("runs").as_array();
}

inline boost::json::array runs_of(HttpClient& http, std::int64_t job_id) {
  boost::json::array out;
  for (const auto& r : runs(http))
    if (r.at("job_id").as_int64() == job_id) out.push_back(r);
  return out;
}

// The job as the admin API shows it (null if absent).
inline boost::json::value admin_job(HttpClient& admin, std::int64_t id) {
  auto r = admin.get("/api/admin/jobs");
  INFO(r.body);
  REQUIRE(r.status == 200);
  const auto body = r.json();  // the loop below must not run over a temporary's parts
  for (const auto& j : body.at("jobs").as_array())
    if (j.at("id").as_int64() == id) return j;
  return nullptr;
}

// POST /api/p/abi12_c/jobs/enqueue; returns the answer.
inline HttpResponse enqueue(HttpClient& http, const std::string& query, const std::string& payload) {
  return http.request("POST", "/api/p/abi12_c/jobs/enqueue?" + query, payload, {{"Content-Type", "application/json"}});
}

// fixtures/http_origin.py on a loopback port, stopped at the end.
class Origin {
 public:
  Origin() {
    const auto port_file = dir_ / "port";
    const std::string script = std::string(QUARTIER_SOURCE_DIR) + "/tests/plugins/fixtures/http_origin.py";
    const std::string log = (dir_ / "origin.log").string();
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
      throw std::runtime_error("the HTTP origin did not start within 20 s");
    std::ifstream in(port_file);
    in >> port_;
  }
  ~Origin() {
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
  }
  Origin(const Origin&) = delete;
  Origin& operator=(const Origin&) = delete;

  std::uint16_t port() const { return port_; }
  std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port_) + path; }
  // Requests the origin has answered so far (this one not counted).
  int count() const { return std::stoi(HttpClient(port_).get("/count").body); }

 private:
  TempDir dir_;
  pid_t pid_ = -1;
  std::uint16_t port_ = 0;
};

// Percent-encodes a query value.
inline std::string enc(const std::string& s) {
  std::ostringstream o;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~')
      o << c;
    else
      o << '%' << "0123456789ABCDEF"[c >> 4] << "0123456789ABCDEF"[c & 15];
  }
  return o.str();
}

}  // namespace qt::test::jobs
