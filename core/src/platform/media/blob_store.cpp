#include "platform/media/blob_store.hpp"

#include <sodium.h>

#include <array>
#include <stdexcept>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

#include "platform/media/sniff.hpp"

namespace qt::media {
namespace fs = std::filesystem;

namespace {

// An open file descriptor, closed on every path out.
struct Fd {
  int fd = -1;
  explicit Fd(int f) : fd(f) {}
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
};

std::string hex(const unsigned char* p, std::size_t n) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  out.reserve(n * 2);
  for (std::size_t i = 0; i < n; ++i) {
    out += digits[p[i] >> 4];
    out += digits[p[i] & 15];
  }
  return out;
}

void make_dir(const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec)
    throw std::runtime_error("Cannot create the folder " + dir.string() + ": " + ec.message() +
                             ". Set [plugins.<name>] dir to a writable folder outside the web root.");
}

void sync_file(const fs::path& file) {
  Fd f(::open(file.c_str(), O_RDONLY | O_CLOEXEC));
  if (f.fd < 0 || ::fsync(f.fd) != 0) throw std::runtime_error("Cannot sync " + file.string() + " (disk full?)");
}

}  // namespace

bool BlobStore::valid_key(std::string_view key) {
  if (key.size() != 64) return false;
  for (char c : key)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

fs::path BlobStore::path_of(std::string_view key) const {
  if (!valid_key(key)) throw std::invalid_argument("blob key must be 64 lower-case hex digits");
  return root_ / "blobs" / std::string(key.substr(0, 2)) / std::string(key);
}

std::string file_sha256(const fs::path& file) {
  Fd f(::open(file.c_str(), O_RDONLY | O_CLOEXEC));
  if (f.fd < 0) throw std::runtime_error("Cannot read " + file.string());
  crypto_hash_sha256_state st;
  crypto_hash_sha256_init(&st);
  std::vector<unsigned char> buf(1 << 20);
  for (;;) {
    const auto n = ::read(f.fd, buf.data(), buf.size());
    if (n < 0) throw std::runtime_error("Cannot read " + file.string());
    if (n == 0) break;
    crypto_hash_sha256_update(&st, buf.data(), static_cast<unsigned long long>(n));
  }
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256_final(&st, digest.data());
  return hex(digest.data(), digest.size());
}

std::string sniff_file(const fs::path& file) {
  Fd f(::open(file.c_str(), O_RDONLY | O_CLOEXEC));
  if (f.fd < 0) throw std::runtime_error("Cannot read " + file.string());
  std::string head(64 * 1024, '\0');
  const auto n = ::read(f.fd, head.data(), head.size());
  if (n < 0) throw std::runtime_error("Cannot read " + file.string());
  head.resize(static_cast<std::size_t>(n));
  return head.empty() ? std::string("application/x-empty") : sniff_mime(head);
}

BlobInfo BlobStore::take(const fs::path& file) const {
  BlobInfo info;
  info.key = file_sha256(file);
  info.bytes = fs::file_size(file);
  info.mime = sniff_file(file);
  const auto target = path_of(info.key);
  std::error_code ec;
  if (fs::exists(target, ec)) {
    fs::remove(file, ec);
    // Fresh again: `quartier check-blobs --delete-orphans` spares files younger than its grace period.
    fs::last_write_time(target, fs::file_time_type::clock::now(), ec);
    return info;
  }
  make_dir(target.parent_path());
  sync_file(file);
  fs::rename(file, target, ec);
  if (ec) throw std::runtime_error("Cannot move " + file.string() + " to " + target.string() + ": " + ec.message());
  return info;
}

BlobInfo BlobStore::put_file(const fs::path& file) const {
  const auto normal = file.lexically_normal();
  if (normal.parent_path() != tmp_dir().lexically_normal() || normal.filename().string().rfind("upload-", 0) != 0)
    throw std::invalid_argument("only an upload in " + tmp_dir().string() + " can be put into the store");
  return take(normal);
}

BlobInfo BlobStore::put_bytes(std::string_view bytes) const {
  make_dir(tmp_dir());
  const auto tmp = tmp_dir() / ("upload-bytes-" + std::to_string(::getpid()) + "-" + std::to_string(randombytes_random()));
  {
    Fd f(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
    if (f.fd < 0) throw std::runtime_error("Cannot write " + tmp.string());
    std::size_t done = 0;
    while (done < bytes.size()) {
      const auto n = ::write(f.fd, bytes.data() + done, bytes.size() - done);
      if (n <= 0) {
        std::error_code ec;
        fs::remove(tmp, ec);
        throw std::runtime_error("Cannot write " + tmp.string() + " (disk full?)");
      }
      done += static_cast<std::size_t>(n);
    }
  }
  try {
    return take(tmp);
  } catch (...) {
    std::error_code ec;
    fs::remove(tmp, ec);
    throw;
  }
}

std::optional<BlobInfo> BlobStore::stat(std::string_view key) const {
  const auto p = path_of(key);
  std::error_code ec;
  const auto size = fs::file_size(p, ec);
  if (ec) return std::nullopt;
  return BlobInfo{std::string(key), size, sniff_file(p)};
}

void BlobStore::remove(std::string_view key) const {
  std::error_code ec;
  fs::remove(path_of(key), ec);
}

}  // namespace qt::media
