#include "janus_fixture.hpp"

#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <cctype>
#include <chrono>
#include <thread>

namespace qt::test::video {
namespace {

std::uint16_t free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof a;
  ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  ::close(fd);
  return ntohs(a.sin_port);
}

std::int64_t id_of(const boost::json::value& v) {
  return v.is_uint64() ? static_cast<std::int64_t>(v.as_uint64()) : v.as_int64();
}

std::string query_escape(const std::string& in) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : in) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') out += static_cast<char>(c);
    else out += std::string("%") + hex[c >> 4] + hex[c & 15];
  }
  return out;
}

bool answers(std::uint16_t port) {
  try {
    HttpClient http(port);
    return http.get("/janus/info").status == 200;
  } catch (const std::exception&) {
    return false;
  }
}

}  // namespace

LoopbackJanus::LoopbackJanus() {
  if (::system("command -v janus >/dev/null 2>&1") != 0)
    FAIL("janus is not installed: apt-get install -y janus (scripts/lib/packages.sh lists it; scripts/test installs it)");
  http_port_ = free_port();
  ws_port_ = free_port();
  admin_port_ = free_port();
  const std::string script = std::string(QT_VIDEO_JANUS_SCRIPT);
  const std::string log = (dir_ / "janus.log").string();
  const std::vector<std::string> args = {"/bin/bash", script, dir_.path().string(), std::to_string(http_port_),
                                         std::to_string(ws_port_), kAdminKey, std::to_string(admin_port_),
                                         kAdminSecret, std::to_string(kSessionTimeout)};
  pid_ = fork();
  REQUIRE(pid_ >= 0);
  if (pid_ == 0) {
    FILE* out = std::freopen(log.c_str(), "a", stdout);
    if (out) dup2(fileno(stdout), 2);
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (!answers(http_port_)) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      FAIL("janus stopped at start; its log is " << log);
    }
    if (std::chrono::steady_clock::now() > deadline) FAIL("janus did not answer on port " << http_port_ << " within 30 s");
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

LoopbackJanus::~LoopbackJanus() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGTERM);
  int status = 0;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (waitpid(pid_, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid_, SIGKILL);
      waitpid(pid_, &status, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

std::string LoopbackJanus::plugin_toml() const {
  return "janus_admin_api = \"http://127.0.0.1:" + std::to_string(admin_port_) + "/admin\"\n" +
         "janus_room_admin_key = \"" + kAdminKey + "\"\n" + "janus_admin_secret = \"" + kAdminSecret + "\"\n" +
         "http_allow = [\"127.0.0.1\"]\n";
}

boost::json::object LoopbackJanus::admin(const std::string& path, boost::json::object body) const {
  static int tx = 0;
  body["transaction"] = "admin" + std::to_string(++tx);
  body["admin_secret"] = kAdminSecret;
  HttpClient http(admin_port_);
  auto r = http.request("POST", "/admin" + path, boost::json::serialize(body), {{"Content-Type", "application/json"}});
  INFO(r.body);
  REQUIRE(r.status == 200);
  return r.json().as_object();
}

std::vector<std::int64_t> LoopbackJanus::sessions() const {
  std::vector<std::int64_t> out;
  auto a = admin("", {{"janus", "list_sessions"}});
  for (const auto& s : a.at("sessions").as_array()) out.push_back(id_of(s));
  return out;
}

int JanusAnswer::error_code() const {
  if (const auto* e = message.if_contains("error")) return static_cast<int>(e->at("code").as_int64());
  if (const auto* c = data.if_contains("error_code")) return static_cast<int>(c->as_int64());
  return 0;
}

JanusClient::JanusClient(std::uint16_t port, std::string token) : http_(port), token_(std::move(token)) {}

JanusAnswer JanusClient::post(const std::string& path, boost::json::object msg) {
  static int tx = 0;
  msg["transaction"] = "test" + std::to_string(++tx);
  if (!token_.empty()) msg["token"] = token_;
  auto r = http_.request("POST", path, boost::json::serialize(msg), {{"Content-Type", "application/json"}});
  INFO(r.body);
  REQUIRE(r.status == 200);
  JanusAnswer a;
  a.message = r.json().as_object();
  if (const auto* pd = a.message.if_contains("plugindata")) a.data = pd->at("data").as_object();
  return a;
}

JanusAnswer JanusClient::open() {
  auto created = post("/janus", {{"janus", "create"}});
  if (created.error_code()) return created;
  session_ = id_of(created.message.at("data").at("id"));
  auto attached = post("/janus/" + std::to_string(session_), {{"janus", "attach"}, {"plugin", "janus.plugin.videoroom"}});
  if (!attached.error_code()) handle_ = id_of(attached.message.at("data").at("id"));
  return attached;
}

JanusAnswer JanusClient::keepalive(std::int64_t other) {
  return post("/janus/" + std::to_string(other ? other : session_), {{"janus", "keepalive"}});
}

JanusAnswer JanusClient::request(boost::json::object body) {
  const std::string path = "/janus/" + std::to_string(session_) + "/" + std::to_string(handle_);
  INFO("request " << boost::json::serialize(body) << " on session " << session_);
  auto a = post(path, {{"janus", "message"}, {"body", std::move(body)}});
  if (a.message.at("janus").as_string() != "ack") return a;
  // An asynchronous request (join): its answer comes as an event on the session's long poll.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline) {
    auto r = http_.get("/janus/" + std::to_string(session_) + "?maxev=1" + (token_.empty() ? "" : "&token=" + query_escape(token_)));
    if (r.status != 200) continue;
    auto v = r.json();
    if (!v.is_object() || !v.as_object().contains("plugindata")) continue;
    JanusAnswer e;
    e.message = v.as_object();
    e.data = e.message.at("plugindata").at("data").as_object();
    return e;
  }
  FAIL("Janus sent no event for the request within 30 s");
  return {};
}

}  // namespace qt::test::video
