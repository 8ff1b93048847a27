#pragma once
// What the files tests check on disk and in the server process: a content's SHA-256, the files in
// a folder (the blob store's tmp/), and a process's peak resident memory.
#include <sodium.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace qt::test::files {

inline std::string sha256_hex(const std::string& bytes) {
  unsigned char d[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(d, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : d) out += {digits[c >> 4], digits[c & 15]};
  return out;
}

// How many entries the folder has (0 when it does not exist).
inline std::size_t files_in(const std::filesystem::path& dir) {
  std::error_code ec;
  std::size_t n = 0;
  for (auto it = std::filesystem::directory_iterator(dir, ec); !ec && it != std::filesystem::directory_iterator(); ++it) ++n;
  return n;
}

// Peak resident memory of a process in KiB (VmHWM), -1 when unknown.
inline long peak_kib(int pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
  return -1;
}

}  // namespace qt::test::files
