#include "zip_names.hpp"

#include <array>
#include <cctype>

namespace files {
namespace {

std::string folded(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool device_name(std::string_view name) {
  const auto stem = folded(name.substr(0, name.find('.')));
  static const std::array<const char*, 4> plain{"con", "prn", "aux", "nul"};
  for (const char* d : plain)
    if (stem == d) return true;
  return stem.size() == 4 && (stem.rfind("com", 0) == 0 || stem.rfind("lpt", 0) == 0) && stem[3] >= '1' && stem[3] <= '9';
}

}  // namespace

std::string zip_safe_name(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  for (char c : name) out += std::string_view(":*?\"<>|/\\").find(c) == std::string_view::npos ? c : '_';
  while (!out.empty() && (out.back() == '.' || out.back() == ' ')) out.pop_back();
  if (out.empty()) return "_";
  if (device_name(out)) out.insert(0, "_");
  return out;
}

std::string ZipNames::unique(const std::string& name, bool is_folder) {
  if (taken_.insert(folded(name)).second) return name;
  const auto dot = is_folder ? std::string::npos : name.rfind('.');
  const bool has_ext = dot != std::string::npos && dot > 0;
  const std::string stem = has_ext ? name.substr(0, dot) : name, ext = has_ext ? name.substr(dot) : "";
  for (int n = 2;; ++n) {
    auto candidate = stem + " (" + std::to_string(n) + ")" + ext;
    if (taken_.insert(folded(candidate)).second) return candidate;
  }
}

}  // namespace files
