#include "app/cli/plugin_commands.hpp"

#include <algorithm>
#include <iostream>
#include <optional>
#include <set>

#include <fmt/format.h>

#include "app/app.hpp"
#include "platform/log/log.hpp"
#include "plugin_host/host.hpp"
#include "plugin_host/library.hpp"
#include "quartier/plugin.h"

namespace qt::plugin_host {
namespace {

const std::string kCoreAbi = std::to_string(QT_ABI_MAJOR) + "." + std::to_string(QT_ABI_MINOR);

struct Inspection {
  std::optional<VersionBlock> block;
  std::string verdict;  // "accepted" or the reason it is refused
  bool accepted = false;
};

Inspection inspect(const std::filesystem::path& file) {
  Inspection r;
  try {
    void* handle = open_library(file);
    r.block = read_version_block(handle, file);
    if (auto why = version_refusal(*r.block, file, QT_ABI_MAJOR, QT_ABI_MINOR)) {
      r.verdict = *why;
    } else {
      r.accepted = true;
      r.verdict = "accepted";
    }
  } catch (const PluginError& e) {
    r.verdict = e.what();
  }
  return r;
}

// What the server would refuse after the version block: a file not named after the plugin, then
// everything of loading it (init, descriptor, declared settings against the configuration's
// [plugins.<name>], migrations), as `serve` does, against a throwaway database.
std::optional<std::string> refusal_after_block(const cli::Context& ctx, const std::filesystem::path& file,
                                               const VersionBlock& block) {
  if (file.filename() != block.name + ".so")
    return file.string() + ": the library calls itself '" + block.name + "' but the file is named '" +
           file.filename().string() + "' (name mismatch); the server looks for " + block.name + ".so.";
  auto cfg = ctx.load_config();
  // Its own folder first, then the configured ones (for its dependencies).
  auto configured = cfg.plugins.dir.items;
  cfg.plugins.dir = std::filesystem::absolute(file).parent_path().string();
  for (auto& d : configured) cfg.plugins.dir.items.push_back(std::move(d));
  cfg.plugins.enabled = {block.name};
  log::configure(log::Level::error, log::Format::text);
  try {
    app::App::check_plugins(std::move(cfg));
  } catch (const app::StartupError& e) {
    return std::string(e.what());
  }
  return std::nullopt;
}

int list_plugins(const config::Config& cfg) {
  const auto dirs = Host::plugin_dirs(cfg.plugins);
  std::set<std::string> names(cfg.plugins.enabled.begin(), cfg.plugins.enabled.end());
  std::error_code ec;
  for (const auto& dir : dirs)
    if (std::filesystem::is_directory(dir, ec))
      for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
        if (entry.is_regular_file() && entry.path().extension() == ".so") names.insert(entry.path().stem().string());
  std::cout << fmt::format("plugin folder{}: {}{}\nthis Quartier provides plugin ABI {}\n\n", dirs.size() > 1 ? "s" : "",
                           Host::describe_dirs(dirs), dirs.size() > 1 ? " (searched in this order)" : "", kCoreAbi);
  if (names.empty()) {
    std::cout << "no plugins found and none enabled\n";
    return 0;
  }
  std::cout << fmt::format("{:<20} {:<8} {:<12} {:<6} {}\n", "NAME", "ENABLED", "VERSION", "ABI", "STATE");
  int problems = 0;
  for (const auto& name : names) {
    bool enabled = std::find(cfg.plugins.enabled.begin(), cfg.plugins.enabled.end(), name) != cfg.plugins.enabled.end();
    auto found = Host::find_library(dirs, name);
    auto file = found.value_or(dirs.front() / (name + ".so"));
    std::string version = "-", abi = "-", state;
    if (!found) {
      state = "missing: enabled, but " + name + ".so is in no plugin folder";
      ++problems;
    } else {
      auto r = inspect(file);
      if (r.block) {
        version = r.block->version;
        abi = std::to_string(r.block->abi_major) + "." + std::to_string(r.block->abi_minor);
        if (r.accepted && r.block->name != name) {
          r.accepted = false;
          r.verdict = "refused: the library calls itself '" + r.block->name + "' (name mismatch)";
        }
      }
      state = r.accepted ? (enabled ? "accepted" : "accepted (not enabled)") : "refused: " + r.verdict;
      if (!r.accepted && enabled) ++problems;
    }
    std::cout << fmt::format("{:<20} {:<8} {:<12} {:<6} {}\n", name, enabled ? "yes" : "no", version, abi, state);
  }
  return problems == 0 ? 0 : 4;
}

}  // namespace

void add_plugin_commands(CLI::App& app, cli::Context& ctx) {
  auto* plugins = app.add_subcommand("plugins", "Inspect the plugins in the plugin folder.");
  plugins->require_subcommand(1);

  auto* list = plugins->add_subcommand("list", "List the plugins found in the plugin folder and the enabled ones, "
                                               "with version, ABI and whether this Quartier accepts them.");
  list->callback([&ctx] { cli::guarded(ctx, [&ctx] { return list_plugins(ctx.load_config()); }); });

  auto* check = plugins->add_subcommand("check", "Check FILE as the server would load it (version block, file name, "
                                                 "init, descriptor, declared settings against the configuration, "
                                                 "migrations on a scratch database) and say whether this Quartier "
                                                 "accepts it (exit code 0) or not (exit code 4).");
  static std::string file;
  check->add_option("FILE", file, "The plugin library (.so)")->required();
  check->callback([&ctx] {
    cli::guarded(ctx, [&ctx] {
      std::filesystem::path path(file);
      std::error_code ec;
      if (!std::filesystem::is_regular_file(path, ec)) {
        std::cerr << "quartier: " << file << ": no such file\n";
        return 4;
      }
      // dlopen needs a path with a slash, or it searches the library path instead.
      if (!path.has_parent_path()) path = std::filesystem::path(".") / path;
      auto r = inspect(path);
      if (!r.accepted) {
        std::cerr << "refused: " << r.verdict << "\n";
        return 4;
      }
      if (auto why = refusal_after_block(ctx, path, *r.block)) {
        std::cerr << "refused: " << *why << "\n";
        return 4;
      }
      std::cout << fmt::format("accepted: {}: plugin '{}' {} built for plugin ABI {}.{}; this Quartier provides ABI {}\n",
                               path.string(), r.block->name, r.block->version, r.block->abi_major, r.block->abi_minor,
                               kCoreAbi);
      return 0;
    });
  });
}

}  // namespace qt::plugin_host
