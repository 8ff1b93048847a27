#include "platform/media/file_store.hpp"

#include <sodium.h>

#include <fstream>
#include <stdexcept>

#include <fcntl.h>
#include <unistd.h>

namespace qt::media {
namespace fs = std::filesystem;

namespace {

void check(std::string_view area, std::string_view name) {
  if (!FileStore::safe_name(area) || !FileStore::safe_name(name))
    throw std::invalid_argument("FileStore: unsafe area or file name");
}

}  // namespace

fs::path FileStore::path_of(std::string_view area, std::string_view name) const {
  check(area, name);
  return root_ / std::string(area) / std::string(name.substr(0, 2)) / std::string(name);
}

fs::path FileStore::put(std::string_view area, std::string_view name, std::string_view bytes) const {
  const auto target = path_of(area, name);
  std::error_code ec;
  if (fs::exists(target, ec)) {
    // Fresh again: `quartier check-blobs --delete-orphans` spares files younger than its grace period.
    fs::last_write_time(target, fs::file_time_type::clock::now(), ec);
    return target;
  }
  if (!fs::exists(root_, ec)) {
    fs::create_directories(root_, ec);
    if (ec)
      throw std::runtime_error("Cannot create the media folder " + root_.string() + ": " + ec.message() +
                               ". Set [media] dir to a writable folder outside the web root.");
    fs::permissions(root_, fs::perms::owner_all, fs::perm_options::replace, ec);
  }
  fs::create_directories(target.parent_path(), ec);
  if (ec) throw std::runtime_error("Cannot create " + target.parent_path().string() + ": " + ec.message());
  // A unique temp name in the same folder, then rename: readers never see half a file.
  const auto tmp =
      target.parent_path() / (".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(randombytes_random()));
  {
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) throw std::runtime_error("Cannot write " + tmp.string());
    std::size_t done = 0;
    while (done < bytes.size()) {
      const auto n = ::write(fd, bytes.data() + done, bytes.size() - done);
      if (n <= 0) {
        ::close(fd);
        fs::remove(tmp, ec);
        throw std::runtime_error("Cannot write " + tmp.string() + " (disk full?)");
      }
      done += static_cast<std::size_t>(n);
    }
    const bool synced = ::fsync(fd) == 0;
    ::close(fd);
    if (!synced) {
      fs::remove(tmp, ec);
      throw std::runtime_error("Cannot sync " + tmp.string());
    }
  }
  fs::rename(tmp, target, ec);
  if (ec) {
    fs::remove(tmp, ec);
    throw std::runtime_error("Cannot move the upload into " + target.string());
  }
  return target;
}

std::optional<std::string> FileStore::read(std::string_view area, std::string_view name) const {
  std::ifstream in(path_of(area, name), std::ios::binary);
  if (!in) return std::nullopt;
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

bool FileStore::exists(std::string_view area, std::string_view name) const {
  std::error_code ec;
  return fs::is_regular_file(path_of(area, name), ec);
}

void FileStore::remove(std::string_view area, std::string_view name) const {
  std::error_code ec;
  fs::remove(path_of(area, name), ec);
}

std::string FileStore::content_key(std::string_view bytes) {
  unsigned char hash[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(hash, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * sizeof hash);
  for (unsigned char c : hash) {
    out.push_back(hex[c >> 4]);
    out.push_back(hex[c & 15]);
  }
  return out;
}

bool FileStore::safe_name(std::string_view name) {
  if (name.size() < 3 || name.size() > 100 || name.front() == '.') return false;
  for (char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_')) return false;
  return true;
}

}  // namespace qt::media
