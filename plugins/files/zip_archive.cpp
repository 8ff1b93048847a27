#include "zip_archive.hpp"

#include <zip.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <optional>

#include <quartier/plugin.hpp>

namespace files {
namespace {

[[noreturn]] void failed(const char* what, zip_error_t* e) {
  throw quartier::Error(QT_ERR_INTERNAL, std::string("zip: ") + what + ": " + zip_error_strerror(e));
}

// A libzip source that reads a stored blob through the ABI's reader when libzip asks for it.
struct BlobSource {
  std::string key;
  std::uint64_t bytes = 0;
  std::time_t mtime = 0;
  std::optional<quartier::BlobReader> reader;
  zip_error_t error{};

  BlobSource() { zip_error_init(&error); }
  ~BlobSource() { zip_error_fini(&error); }
  BlobSource(const BlobSource&) = delete;
  BlobSource& operator=(const BlobSource&) = delete;

  zip_int64_t stat(void* data) {
    auto* st = static_cast<zip_stat_t*>(data);
    zip_stat_init(st);
    st->size = bytes;
    st->mtime = mtime;
    st->valid |= ZIP_STAT_SIZE | ZIP_STAT_MTIME;
    return sizeof(*st);
  }
  zip_int64_t run(void* data, zip_uint64_t len, zip_source_cmd_t cmd) {
    switch (cmd) {
      case ZIP_SOURCE_OPEN:
        reader = quartier::BlobReader::open(key);
        if (reader) return 0;
        zip_error_set(&error, ZIP_ER_OPEN, ENOENT);
        return -1;
      case ZIP_SOURCE_READ: return static_cast<zip_int64_t>(reader->read(data, static_cast<std::size_t>(len)));
      case ZIP_SOURCE_CLOSE: reader.reset(); return 0;
      case ZIP_SOURCE_STAT: return stat(data);
      case ZIP_SOURCE_ERROR: return zip_error_to_data(&error, data, len);
      case ZIP_SOURCE_SUPPORTS:
        return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT,
                                              ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, -1);
      default: zip_error_set(&error, ZIP_ER_OPNOTSUPP, 0); return -1;
    }
  }
};

zip_int64_t blob_callback(void* user, void* data, zip_uint64_t len, zip_source_cmd_t cmd) {
  auto* b = static_cast<BlobSource*>(user);
  if (cmd == ZIP_SOURCE_FREE) {
    delete b;
    return 0;
  }
  try {
    return b->run(data, len, cmd);
  } catch (const std::exception&) {  // a read the host refused: libzip stops the archive
    zip_error_set(&b->error, ZIP_ER_READ, EIO);
    return -1;
  }
}

}  // namespace

bool compressed_already(const std::string& mime) {
  for (const char* p : {"image/", "video/", "audio/"})
    if (mime.rfind(p, 0) == 0) return mime != "image/bmp" && mime != "image/tiff";
  // PDF keeps its pages compressed inside: deflating it again gains a few per cent for much time.
  return mime == "application/pdf" || mime == "application/zip" || mime == "application/gzip" || mime == "application/epub+zip" ||
         mime.rfind("application/vnd.openxmlformats-officedocument.", 0) == 0 ||
         mime.rfind("application/vnd.oasis.opendocument.", 0) == 0;
}

ZipWriter::ZipWriter(const std::string& path) {
  int code = 0;
  zip_ = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &code);
  if (!zip_) {
    zip_error_t e;
    zip_error_init_with_code(&e, code);
    std::string why = zip_error_strerror(&e);
    zip_error_fini(&e);
    throw quartier::Error(QT_ERR_INTERNAL, "zip: cannot create the archive: " + why);
  }
}

ZipWriter::~ZipWriter() {
  if (zip_) zip_discard(zip_);
}

void ZipWriter::added(std::int64_t index, std::time_t mtime, bool compress, const std::string& name) {
  if (index < 0) failed(("cannot add " + name).c_str(), zip_get_error(zip_));
  const auto i = static_cast<zip_uint64_t>(index);
  if (zip_file_set_mtime(zip_, i, mtime, 0) != 0 ||
      zip_set_file_compression(zip_, i, compress ? ZIP_CM_DEFLATE : ZIP_CM_STORE, compress ? 6 : 0) != 0)
    failed(("cannot set up " + name).c_str(), zip_get_error(zip_));
}

void ZipWriter::add_folder(const std::string& name, std::time_t mtime) {
  added(zip_dir_add(zip_, name.c_str(), ZIP_FL_ENC_UTF_8), mtime, false, name);
}

void ZipWriter::add_blob(const std::string& name, const std::string& key, std::uint64_t bytes, std::time_t mtime,
                         bool compress) {
  auto src = std::make_unique<BlobSource>();
  src->key = key;
  src->bytes = bytes;
  src->mtime = mtime;
  zip_error_t e;
  zip_error_init(&e);
  zip_source_t* s = zip_source_function_create(blob_callback, src.get(), &e);
  if (!s) failed("cannot make a source", &e);
  src.release();  // the source owns it now (ZIP_SOURCE_FREE)
  zip_error_fini(&e);
  const auto index = zip_file_add(zip_, name.c_str(), s, ZIP_FL_ENC_UTF_8);
  if (index < 0) zip_source_free(s);
  added(index, mtime, compress, name);
}

void ZipWriter::add_text(const std::string& name, std::string text, std::time_t mtime) {
  // zip_source_buffer with freep = 1 takes a malloc'd copy that libzip frees.
  void* copy = std::malloc(text.size() ? text.size() : 1);
  if (!copy) throw std::bad_alloc();
  std::memcpy(copy, text.data(), text.size());
  zip_source_t* s = zip_source_buffer(zip_, copy, text.size(), 1);
  if (!s) {
    std::free(copy);
    failed("cannot add a text", zip_get_error(zip_));
  }
  const auto index = zip_file_add(zip_, name.c_str(), s, ZIP_FL_ENC_UTF_8);
  if (index < 0) zip_source_free(s);
  added(index, mtime, true, name);
}

void ZipWriter::finish() {
  if (zip_close(zip_) != 0) failed("cannot write the archive", zip_get_error(zip_));
  zip_ = nullptr;
}

}  // namespace files
