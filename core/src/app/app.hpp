#pragma once
// The running server: opens the database, checks and applies migrations, installs the core
// modules and plugins, wires HTTP, and shuts everything down in order.
#include <cstdint>
#include <functional>
#include <memory>
#include <stdexcept>

#include "platform/config/config.hpp"
#include "platform/db/database.hpp"

namespace qt::app {

// A startup failure an operator must act on; what() says what to do. exit_code() tells which
// kind (2 config, 3 database, 4 plugins) for scripts.
class StartupError : public std::runtime_error {
 public:
  StartupError(int exit_code, const std::string& message) : std::runtime_error(message), exit_code_(exit_code) {}
  int exit_code() const { return exit_code_; }

 private:
  int exit_code_;
};

// The [database] section as the data layer takes it (serve, migrate, backup, demo-data).
db::Options database_options(const config::DatabaseConfig& c);

class App {
 public:
  explicit App(config::Config config);
  ~App();
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  // Listens, calls on_listening(port), serves until SIGINT/SIGTERM, shuts down. Returns 0.
  int serve(const std::function<void(std::uint16_t)>& on_listening);

  // What `serve` would refuse about the enabled plugins (open, version block, init, declared
  // settings against [plugins.<name>], dependencies, migrations), run against a throwaway
  // SQLite database in a temporary folder, without listening or starting anything. For
  // `check-config` and `plugins check`. Throws StartupError (4 = a plugin) as serve would.
  static void check_plugins(config::Config config);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace qt::app
