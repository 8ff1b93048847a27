#include "platform/config/path.hpp"

#include <fmt/format.h>

namespace qt::config::detail {

namespace {

std::string item_text(const PathItem& item) {
  if (const auto* s = std::get_if<std::string>(&item)) return *s;
  // Built with fmt: GCC 12 warns falsely (-Wrestrict, PR105329) on "[" + std::string.
  return fmt::format("[{}]", std::get<std::size_t>(item));
}

}  // namespace

std::string describe(const Path& path, bool is_table) {
  if (path.empty()) return "(whole file)";
  // The last key name; array indices after it stay attached to it.
  std::size_t last_key = path.size();
  for (std::size_t i = path.size(); i-- > 0;) {
    if (std::holds_alternative<std::string>(path[i])) {
      last_key = i;
      break;
    }
  }
  if (last_key == path.size()) return dotted(path);
  std::string header;
  for (std::size_t i = 0; i < last_key; ++i) {
    if (std::holds_alternative<std::string>(path[i]) && !header.empty()) header += '.';
    header += item_text(path[i]);
  }
  std::string name;
  for (std::size_t i = last_key; i < path.size(); ++i) name += item_text(path[i]);
  if (header.empty()) return "[" + name + "]";
  if (is_table && last_key + 1 == path.size()) return "[" + header + "." + name + "]";
  return "[" + header + "] " + name;
}

std::string dotted(const Path& path) {
  std::string out;
  for (const auto& item : path) {
    if (std::holds_alternative<std::string>(item) && !out.empty()) out += '.';
    out += item_text(item);
  }
  return out;
}

}  // namespace qt::config::detail
