#pragma once
// Where the running binary lives, so an installed tree or the build tree finds its parts
// (web UI, plugins) without configuration.
#include <filesystem>

namespace qt::util {

std::filesystem::path executable_dir();  // from /proc/self/exe

// [server] web_root if set; else <exe>/../share/quartier/web; else, in the build tree,
// <exe>/../../frontend/dist.
std::filesystem::path default_web_root();

}  // namespace qt::util
