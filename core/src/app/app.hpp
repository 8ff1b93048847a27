#pragma once
// The running server: opens the database, checks and applies migrations, installs the core
// modules and plugins, wires HTTP, and shuts everything down in order.
#include <cstdint>
#include <functional>
#include <memory>
#include <stdexcept>

#include "config/config.hpp"
#include "db/database.hpp"

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

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace qt::app
