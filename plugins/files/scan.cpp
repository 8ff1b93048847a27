#include "scan.hpp"

#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcntl.h>

#include <atomic>
#include <cstring>
#include <filesystem>
#include <random>
#include <sstream>
#include <vector>

#include <boost/json.hpp>

#include "blobs.hpp"
#include "item.hpp"
#include "preview.hpp"

extern char** environ;

namespace files {
namespace {

std::vector<std::string> g_command;
int g_timeout_s = 600;

// Closes a file descriptor on every way out.
struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

// Waits for the child up to the timeout (a pidfd, so no polling); kills it when it overstays.
// Returns the exit status, or -1 for a timeout or a signal.
int wait_for(pid_t pid) {
  Fd pidfd{static_cast<int>(::syscall(SYS_pidfd_open, pid, 0))};
  if (pidfd.fd >= 0) {
    pollfd p{pidfd.fd, POLLIN, 0};
    if (::poll(&p, 1, g_timeout_s * 1000) == 0) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, nullptr, 0);
      return -1;
    }
  }
  int status = 0;
  if (::waitpid(pid, &status, 0) != pid) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

void load_scanner() {
  const auto cmd = quartier::config("scan_command");
  g_command.clear();
  if (cmd) {
    std::istringstream words{std::string(*cmd)};
    for (std::string w; words >> w;) g_command.push_back(w);
  }
  if (const auto t = quartier::config("scan_timeout_s"); t && !t->empty()) {
    const auto v = std::stoll(std::string(*t));
    if (v < 1 || v > 24 * 3600) throw quartier::Error(QT_ERR_INVALID, "[plugins.files] scan_timeout_s must be from 1 to 86400");
    g_timeout_s = static_cast<int>(v);
  }
}

bool scanning() { return !g_command.empty(); }

Verdict scan_file(const std::string& path) {
  std::vector<std::string> args = g_command;
  args.push_back(path);
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  const int rc = ::posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    quartier::log_error("files: the virus scanner '" + g_command[0] + "' could not be started: " + std::strerror(rc));
    return Verdict::failed;
  }
  const int code = wait_for(pid);
  if (code == 0) return Verdict::clean;
  if (code == 1) return Verdict::infected;
  quartier::log_warn("files: the virus scanner '" + g_command[0] + "' failed (" +
                     (code < 0 ? std::string("no answer in time or killed") : "exit code " + std::to_string(code)) +
                     "); the file stays held back and is scanned again");
  return Verdict::failed;
}

std::string keep_for_scan(const std::string& upload_path) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::path(upload_path).parent_path().parent_path() / "scan";
  fs::create_directories(dir);
  static std::atomic<std::uint64_t> counter{0};
  thread_local std::mt19937_64 rng{std::random_device{}()};
  const auto kept = dir / (std::to_string(rng()) + "-" + std::to_string(++counter));
  std::error_code ec;
  fs::create_hard_link(upload_path, kept, ec);
  if (ec) fs::copy_file(upload_path, kept);  // another file system: a copy
  return kept.string();
}

void scan_later(std::int64_t id, const std::string& key, const std::string& kept) {
  quartier::job_enqueue("scan", boost::json::serialize(boost::json::object{{"id", id}, {"key", key}, {"file", kept}}), 0, 20);
}

namespace {

// Rows (current contents and versions) with this content still waiting for the verdict.
bool pending(const std::string& key) {
  quartier::Statement s("SELECT 1 FROM files_items WHERE blob_key = :k AND scan_status = 'pending'"
                        " UNION ALL SELECT 1 FROM files_versions WHERE blob_key = :k AND scan_status = 'pending'");
  s.bind("k", key);
  return s.step();
}

void release(std::int64_t id, const std::string& key) {
  if (auto it = find_item(id); it && it->blob_key == key && it->scan_status == "pending")
    add_preview(*it);  // before the release, so a clean picture has its preview
  quartier::Transaction tx;
  for (const char* sql : {"UPDATE files_items SET scan_status = 'clean' WHERE blob_key = :k AND scan_status = 'pending'",
                          "UPDATE files_versions SET scan_status = 'clean' WHERE blob_key = :k AND scan_status = 'pending'"}) {
    quartier::Statement s(sql);
    s.bind("k", key);
    s.run();
  }
  tx.commit();
}

// Infected: every row with the same content is, too; their content goes, the rows stay (so
// the uploader sees why), counted as nothing.
void block(std::int64_t id, const std::string& key) {
  std::vector<std::string> keys{key};
  quartier::Transaction tx;
  for (const char* table : {"files_items", "files_versions"}) {
    quartier::Statement previews(std::string("SELECT COALESCE(preview_key, '') FROM ") + table + " WHERE blob_key = :k");
    previews.bind("k", key);
    while (previews.step()) keys.push_back(previews.text(0));
    quartier::Statement s(std::string("UPDATE ") + table +
                          " SET scan_status = 'blocked', blob_key = NULL, preview_key = NULL WHERE blob_key = :k");
    s.bind("k", key);
    s.run();
  }
  sweep_later(keys);
  tx.commit();
  quartier::log_warn("files: the virus scanner blocked the content " + key + " (uploaded as item " + std::to_string(id) + ")");
}

void run_scan(const quartier::JobInfo& job) {
  const auto payload = boost::json::parse(job.payload).as_object();
  const auto id = payload.at("id").as_int64();
  const std::string key(payload.at("key").as_string());
  const std::string kept(payload.at("file").as_string());
  if (pending(key)) {
    switch (scan_file(kept)) {
      case Verdict::clean: release(id, key); break;
      case Verdict::infected: block(id, key); break;
      case Verdict::failed: throw quartier::Error(QT_ERR_INTERNAL, "the virus scanner failed; retried with backoff");
    }
  }
  std::error_code ec;
  std::filesystem::remove(kept, ec);  // also when the item went meanwhile
}

}  // namespace

void add_scan_job(quartier::Plugin&) { quartier::job_handler("scan", run_scan); }

}  // namespace files
