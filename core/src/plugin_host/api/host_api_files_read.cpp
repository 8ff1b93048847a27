// ABI 1.6 (files): a stored blob read through a read-only handle (never through the store's
// layout), and an answer sent from disk out of a file the plugin wrote into its store's tmp
// folder; the host owns that file and removes it once sent, or when the handler returns.
#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <memory>
#include <system_error>

#include "platform/http/files/file_reply.hpp"
#include "platform/media/blob_store.hpp"
#include "plugin_host/abi_types.hpp"
#include "plugin_host/api/host_api_detail.hpp"

// The host side of the opaque qt_blob_reader: an open, read-only descriptor of one blob.
struct qt_blob_reader {
  const qt_host* plugin = nullptr;
  int fd = -1;
  ~qt_blob_reader() {
    if (fd >= 0) ::close(fd);
  }
};

namespace qt::plugin_host::detail {
namespace {

std::string errno_text() { return std::error_code(errno, std::generic_category()).message(); }

qt_status api_blob_open(qt_host* h, qt_str key, qt_blob_reader** out) {
  if (out) *out = nullptr;
  return guarded(h, "blob_open", [&] {
    if (!out) throw HostError(QT_ERR_INVALID, "blob_open needs an out pointer");
    const std::string k(sv(key));
    if (!media::BlobStore::valid_key(k)) throw HostError(QT_ERR_INVALID, "a blob key is 64 lower-case hex digits");
    const auto path = blobs_of(*h).path_of(k);
    auto reader = std::make_unique<qt_blob_reader>();
    reader->plugin = h;
    reader->fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (reader->fd < 0) {
      if (errno == ENOENT) throw HostError(QT_ERR_NOT_FOUND, "no blob " + k);
      throw HostError(QT_ERR_INTERNAL, "cannot open the blob " + k + ": " + errno_text());
    }
    *out = reader.release();
    return QT_OK;
  });
}

qt_status api_blob_read(qt_blob_reader* r, uint8_t* buf, size_t cap, size_t* got) {
  if (got) *got = 0;
  return guarded(r ? r->plugin : nullptr, "blob_read", [&] {
    if (!r || !buf || !got) throw HostError(QT_ERR_INVALID, "blob_read needs a reader, a buffer and a count");
    for (;;) {
      const auto n = ::read(r->fd, buf, cap);
      if (n >= 0) {
        *got = static_cast<size_t>(n);
        return QT_OK;
      }
      if (errno != EINTR) throw HostError(QT_ERR_INTERNAL, "cannot read a blob: " + errno_text());
    }
  });
}

void api_blob_close(qt_blob_reader* r) { delete r; }

std::string random_hex() {
  unsigned char raw[12];
  randombytes_buf(raw, sizeof raw);
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : raw) out += {digits[c >> 4], digits[c & 15]};
  return out;
}

qt_status api_res_tmp_file(qt_response* res, qt_str* out_path) {
  if (out_path) *out_path = qt_str{nullptr, 0};
  if (!res || !res->plugin) return QT_ERR_STATE;
  return guarded(res->plugin, "res_tmp_file", [&] {
    if (!out_path) throw HostError(QT_ERR_INVALID, "res_tmp_file needs an out_path");
    const auto dir = blobs_of(*res->plugin).tmp_dir();
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    auto file = std::make_shared<http::BodyFile>();
    file->path = dir / ("answer-" + random_hex() + ".part");
    const int fd = ::open(file->path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
      const auto why = errno_text();
      file->path.clear();  // nothing of ours to remove
      throw HostError(QT_ERR_INTERNAL, "cannot create a file in " + dir.string() + ": " + why);
    }
    ::close(fd);
    res->temp_files.push_back(std::move(file));
    *out_path = qs(res->temp_files.back()->path.native());
    return QT_OK;
  });
}

qt_status api_res_file(qt_response* res, const qt_file_reply* reply) {
  if (!res || !res->plugin || !res->request) return QT_ERR_STATE;
  return guarded(res->plugin, "res_file", [&] {
    const auto r = sized(reply, "reply");
    const std::filesystem::path path(std::string(sv(r.path)));
    auto it = std::find_if(res->temp_files.begin(), res->temp_files.end(), [&](const auto& f) { return f->path == path; });
    if (path.empty() || it == res->temp_files.end())
      throw HostError(QT_ERR_DENIED, "res_file sends only a file that res_tmp_file gave out for this response");
    http::FileReply f;
    f.path = path;
    f.content_type = std::string(sv(r.content_type));
    f.download_name = std::string(sv(r.download_name));
    auto answer = http::file_reply(*res->request, f);
    if (!answer) throw HostError(QT_ERR_NOT_FOUND, "the file " + path.string() + " is gone");
    answer->file_owner = *it;  // removed once the session has opened it for sending
    res->response = std::move(*answer);
    return QT_OK;
  });
}

}  // namespace

void fill_files_read_api(qt_host_api& a, const HostServices&) {
  a.blob_open = api_blob_open;
  a.blob_read = api_blob_read;
  a.blob_close = api_blob_close;
  a.res_tmp_file = api_res_tmp_file;
  a.res_file = api_res_file;
}

}  // namespace qt::plugin_host::detail
