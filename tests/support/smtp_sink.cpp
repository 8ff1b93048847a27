#include "smtp_sink.hpp"

#include <algorithm>
#include <csignal>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace qt::test {
namespace {

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string header_value(const std::string& headers, const std::string& name) {
  const std::string key = "\r\n" + lower(name) + ":";
  const std::string l = "\r\n" + lower(headers);
  const auto pos = l.find(key);
  if (pos == std::string::npos) return {};
  auto start = pos + key.size();
  auto end = l.find("\r\n", start);
  // Folded continuation lines belong to the header.
  while (end != std::string::npos && end + 2 < l.size() && (l[end + 2] == ' ' || l[end + 2] == '\t'))
    end = l.find("\r\n", end + 2);
  std::string v = ("\r\n" + headers).substr(start, end == std::string::npos ? std::string::npos : end - start);
  while (!v.empty() && v.front() == ' ') v.erase(0, 1);
  return v;
}

}  // namespace

std::string SmtpMessage::link_param(const std::string& name) const {
  const std::string key = name + "=";
  const auto pos = body.find(key);
  if (pos == std::string::npos) return {};
  const auto start = pos + key.size();
  const auto end = body.find_first_of(" \r\n&", start);
  return body.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

SmtpSink::SmtpSink(int fail_first) {
  const auto port_file = dir_ / "port";
  const auto mail_dir = dir_ / "mail";
  const std::string script = std::string(QUARTIER_SOURCE_DIR) + "/tests/support/smtp_sink.py";
  const std::string fail = std::to_string(fail_first);
  const std::string log = (dir_ / "smtp.log").string();
  pid_ = fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    // Output to a file: an inherited stdout would keep a test runner's pipe open.
    const int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd >= 0) {
      dup2(fd, 1);
      dup2(fd, 2);
      close(fd);
    }
    // Debian's python3 has aiosmtpd; a python3 earlier in PATH may not.
    execl("/usr/bin/python3", "python3", script.c_str(), "--dir", mail_dir.c_str(), "--port-file",
          port_file.c_str(), "--fail-first", fail.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < deadline) {
    if (std::filesystem::exists(port_file)) {
      port_ = static_cast<std::uint16_t>(std::stoi(read_file(port_file)));
      return;
    }
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("the SMTP test server exited early (is python3-aiosmtpd installed?)");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  throw std::runtime_error("the SMTP test server did not start within 20 s");
}

SmtpSink::~SmtpSink() {
  if (pid_ <= 0) return;
  kill(pid_, SIGTERM);
  for (int i = 0; i < 100; ++i) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  kill(pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
}

std::vector<SmtpMessage> SmtpSink::messages() const {
  std::vector<std::filesystem::path> files;
  const auto mail_dir = dir_ / "mail";
  if (std::filesystem::exists(mail_dir))
    for (const auto& e : std::filesystem::directory_iterator(mail_dir))
      if (e.path().extension() == ".eml") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  std::vector<SmtpMessage> out;
  for (const auto& f : files) {
    SmtpMessage m;
    m.raw = read_file(f);
    const auto split = m.raw.find("\r\n\r\n");
    const std::string headers = m.raw.substr(0, split);
    m.body = split == std::string::npos ? std::string() : m.raw.substr(split + 4);
    m.to = lower(header_value(headers, "X-Envelope-To"));
    m.subject = header_value(headers, "Subject");
    out.push_back(std::move(m));
  }
  return out;
}

SmtpMessage SmtpSink::wait_for(const std::string& to, const std::string& contains, std::size_t nth,
                               std::chrono::milliseconds timeout) const {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  const std::string who = lower(to);
  for (;;) {
    std::size_t seen = 0;
    for (auto& m : messages())
      if (m.to == who && (contains.empty() || m.body.find(contains) != std::string::npos ||
                          m.subject.find(contains) != std::string::npos)) {
        if (seen++ == nth) return m;
      }
    if (std::chrono::steady_clock::now() > deadline)
      throw std::runtime_error("no mail to " + to + " containing \"" + contains + "\" arrived in time");
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

std::size_t SmtpSink::count_to(const std::string& to) const {
  const std::string who = lower(to);
  std::size_t n = 0;
  for (const auto& m : messages())
    if (m.to == who) ++n;
  return n;
}

}  // namespace qt::test
