#pragma once
// A ZIP archive written with libzip into a file on disk (the answer file of ABI 1.6), entry by
// entry: folders, stored blobs read through the ABI's blob reader while the archive is written
// (never a whole file in memory), and small texts. Entry names are UTF-8 and flagged so.
#include <cstdint>
#include <ctime>
#include <string>

struct zip;

namespace files {

class ZipWriter {
 public:
  // Creates (or replaces) the archive at `path`; quartier::Error when libzip refuses.
  explicit ZipWriter(const std::string& path);
  ~ZipWriter();  // discards an archive that was not finished
  ZipWriter(const ZipWriter&) = delete;
  ZipWriter& operator=(const ZipWriter&) = delete;

  void add_folder(const std::string& name, std::time_t mtime);  // name ends in '/'
  // A blob of `bytes` bytes; `compress` false stores it as it is (pictures, video, archives).
  void add_blob(const std::string& name, const std::string& key, std::uint64_t bytes, std::time_t mtime, bool compress);
  void add_text(const std::string& name, std::string text, std::time_t mtime);
  // Writes the archive; quartier::Error with libzip's reason when it cannot.
  void finish();

 private:
  void added(std::int64_t index, std::time_t mtime, bool compress, const std::string& name);
  struct zip* zip_ = nullptr;
};

// Types whose content is compressed already: deflating them again costs time for nothing.
bool compressed_already(const std::string& mime);

}  // namespace files
