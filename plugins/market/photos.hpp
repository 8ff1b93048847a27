#pragma once
// Photos of listings and business profiles. An upload goes through the core's image pipeline
// (ABI 1.3 image_render): a picture of at most 1600 px and a square thumbnail, both re-encoded
// from the pixels alone so no EXIF or GPS survives; the upload itself is not kept. Blobs are
// named by their content, so a blob is removed only when no photo row refers to it any more.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <boost/json.hpp>

namespace market {

enum class PhotoOwner { listing, business };

struct Photo {
  std::int64_t id = 0, owner_id = 0, uploader_id = 0, created_at = 0;
  PhotoOwner owner = PhotoOwner::listing;
  std::string key, thumb_key;
};

inline constexpr std::size_t kMaxListingPhotos = 6;
inline constexpr std::size_t kMaxBusinessPhotos = 10;

std::vector<Photo> photos_of(PhotoOwner owner, std::int64_t owner_id);  // in order of upload
// The first photo of each of `ids` that has one, keyed by owner id (one query for a page).
std::map<std::int64_t, Photo> first_photos(PhotoOwner owner, const std::vector<std::int64_t>& ids);
std::optional<Photo> find_photo(std::int64_t id);

std::string photo_url(const Photo& p, bool thumb);
boost::json::object photo_json(const Photo& p);
boost::json::array photos_json(const std::vector<Photo>& photos);

// Deletes the photo rows of an owner (inside the caller's transaction) and has their blobs
// removed after it commits (a durable job, which removes only blobs no row refers to).
void delete_photos(PhotoOwner owner, std::int64_t owner_id);
// Has these blobs removed after the transaction commits, unless a photo row still uses them.
void sweep_later(const std::vector<std::string>& keys);
void drop_if_unused(const std::string& key);
void add_photo_jobs();

}  // namespace market
