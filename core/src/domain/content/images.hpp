#pragma once
// Pictures in posts and comments. An upload goes through the core's image pipeline (type sniffed
// from the content, byte and pixel limits, EXIF/GPS dropped by re-encoding; media/image.hpp) and
// is kept in three sizes that keep its proportions (320, 640, 1280: the longer side at most that)
// in the media folder, images/<hash[0..2]>/<hash>-<size>.<ext>. Its row in content_images belongs
// to the uploader until a post or comment of theirs takes it (attach), with a description for
// people who cannot see it: a non-empty alt text, or the explicit choice "decorative".
// Limits: 4 pictures per post, 1 per comment, 500 characters of alt text.
// Files are shared by equal pictures, so they go only when no row names them any more (release,
// after the change committed). Access is the item's (or comment's): see Images::readable().
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/array.hpp>
#include <soci/soci.h>

#include "domain/content/store.hpp"
#include "platform/db/database.hpp"
#include "platform/media/file_store.hpp"
#include "platform/media/image.hpp"

namespace qt::content {

struct ImageSettings {
  std::filesystem::path dir = "data/media";
  media::ImageLimits limits;
  media::ImageFormat format = media::ImageFormat::webp;
};

// One picture as the author chose it for a post or comment.
struct ImageChoice {
  std::int64_t id = 0;       // from POST /api/images
  std::string alt;           // what it shows, for screen readers
  bool decorative = false;   // the author's explicit choice that it needs no description
};

struct UploadedImage {
  std::int64_t id = 0;
  std::int64_t width = 0, height = 0;
};

// Where pictures are attached: a post (content_id) or a comment (comment_id), one of the two.
struct ImageTarget {
  std::int64_t content_id = 0;
  std::int64_t comment_id = 0;
};

// One row, as the image route needs it.
struct ImageRow {
  std::int64_t id = 0, user_id = 0, content_id = 0, comment_id = 0;
  std::string file_key;
  std::int64_t width = 0, height = 0;
};

class Images {
 public:
  static constexpr int kSizes[] = {320, 640, 1280};
  static constexpr std::size_t kMaxPerPost = 4;
  static constexpr std::size_t kMaxPerComment = 1;
  static constexpr std::size_t kMaxAlt = 500;           // characters
  static constexpr std::int64_t kPendingMs = 86'400'000;  // unused uploads are removed after a day

  Images(ImageSettings settings, db::Database& db);

  // Runs the pipeline, stores the files and a row owned by user_id (not yet shown anywhere).
  // Throws media::UploadError. Removes unused uploads older than a day on the way.
  UploadedImage upload(std::int64_t user_id, std::string_view bytes) const;

  // 400 (domain::Error) for more than `max` pictures, a repeated id, or a picture without alt
  // text that is not marked decorative. Runs before any transaction.
  static void check_choices(const std::vector<ImageChoice>& choices, std::size_t max);

  // Makes `choices` the target's pictures, in this order: each must be the author's own upload,
  // unused or already the target's (400 invalid_image otherwise), and the target's other pictures
  // are removed. Writes the cards' JSON (content.images / comments.images). Returns the file keys
  // of removed pictures, for release() after the commit.
  std::vector<std::string> attach(soci::session& s, std::int64_t author_id, const ImageTarget& target,
                                  const std::vector<ImageChoice>& choices) const;
  // Removes every picture of the target; returns their file keys.
  std::vector<std::string> detach_all(soci::session& s, const ImageTarget& target) const;
  // detach_all, and the files released after the transaction on s commits (deleting a post or
  // comment, by its author or a moderator).
  void drop(soci::session& s, const ImageTarget& target) const;
  // Deleting an item: its pictures and those of its comments.
  void drop_item(soci::session& s, std::int64_t content_id) const;
  // Before a container is deleted (its rows go by cascade): its pictures' files, after the commit.
  void drop_container(soci::session& s, std::int64_t container_id) const;
  // Erasure: every row of the person, and after the commit the files nobody else uses.
  void erase_person(soci::session& s, std::int64_t user_id) const;
  // Export: the person's pictures (id, address, where used, size, description).
  boost::json::array export_person(soci::session& s, std::int64_t user_id) const;

  // Removes the files of these keys that no row names any more (after the change committed).
  void release(const std::vector<std::string>& keys) const;

  std::optional<ImageRow> row(soci::session& s, std::int64_t id) const;
  // May the viewer see it? The uploader always; else the post's readers (Store::can_read, so
  // moderation hiding applies), or for a comment's picture the readers of its item while the
  // comment is not deleted (hidden: its author and moderators only).
  bool readable(soci::session& s, const Store& store, const Viewer& v, const ImageRow& r) const;
  std::optional<std::filesystem::path> file(std::string_view key, int size) const;

  static bool valid_size(int size);
  static std::string_view content_type(std::string_view key);
  // "/api/images/<id>"
  static std::string url(std::int64_t id);
  const ImageSettings& settings() const { return settings_; }

 private:
  void remove_pending() const;
  ImageSettings settings_;
  media::FileStore store_;
  db::Database& db_;
};

}  // namespace qt::content
