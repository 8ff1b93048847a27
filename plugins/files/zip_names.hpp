#pragma once
// Names of entries in a folder's ZIP: safe to unpack on Windows, macOS and Linux, and unique
// within their folder even where the unpacking file system ignores case.
#include <set>
#include <string>
#include <string_view>

namespace files {

// A stored item name made safe for an archive entry: the characters Windows refuses
// (: * ? " < > |) become '_', trailing dots and blanks go, a device name (CON, NUL, COM1, ...)
// gets a leading '_', nothing empty is left.
std::string zip_safe_name(std::string_view name);

// The names given out in one folder of the archive.
class ZipNames {
 public:
  // `name` itself, or "name (2).ext", "name (3).ext", ... when a name equal but for case is taken.
  std::string unique(const std::string& name, bool is_folder);

 private:
  std::set<std::string> taken_;  // folded to lower case (ASCII)
};

}  // namespace files
