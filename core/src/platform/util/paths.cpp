#include "platform/util/paths.hpp"

#include <system_error>

namespace qt::util {
namespace fs = std::filesystem;

fs::path executable_dir() {
  std::error_code ec;
  auto exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) return fs::current_path();
  return exe.parent_path();
}

fs::path default_web_root() {
  const auto bin = executable_dir();
  std::error_code ec;
  if (auto installed = bin / ".." / "share" / "quartier" / "web"; fs::is_directory(installed, ec))
    return fs::weakly_canonical(installed, ec);
  if (auto dev = bin / ".." / ".." / "frontend" / "dist"; fs::is_directory(dev, ec))
    return fs::weakly_canonical(dev, ec);
  return bin / ".." / "share" / "quartier" / "web";
}

}  // namespace qt::util
