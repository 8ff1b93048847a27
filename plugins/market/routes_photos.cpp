// Photos of listings and business profiles: upload (the body streamed to disk, rendered by the
// core's image pipeline into a picture and a thumbnail without metadata), read, delete. A photo
// is read under the rules of what it shows: a listing's by whoever may read the listing (and is
// not blocked by its author), a business's by anyone.
#include "blocks.hpp"
#include "business.hpp"
#include "listing.hpp"
#include "photos.hpp"
#include "routes.hpp"
#include "util.hpp"

namespace market {
namespace {

using quartier::Access;
using quartier::Request;
using quartier::Response;
using quartier::Statement;

constexpr std::uint64_t kMaxUploadBytes = 15ull << 20;  // phone cameras: a few MB per picture
constexpr std::uint32_t kPictureSide = 1600, kThumbSide = 400;

bool image_type(std::string_view mime) {
  return mime == "image/jpeg" || mime == "image/png" || mime == "image/webp" || mime == "image/gif";
}

// Blobs that this upload made and no row took are removed when the handler ends, refused or not.
struct Unkept {
  std::vector<std::string> keys;
  ~Unkept() {
    for (const auto& k : keys) {
      try {
        drop_if_unused(k);
      } catch (...) {  // a blob left behind is swept with the next removal of its key
      }
    }
  }
};

// Takes the upload into the store and renders it; 400 with the pipeline's reason for anything
// that is not a picture it takes. The upload itself is never kept (it may carry GPS data).
Photo render_upload(const Request& req, Unkept& unkept) {
  const auto file = quartier::body_file(req);
  if (!file || file->second == 0)
    throw quartier::HttpError(400, "photo_empty", "Die Datei ist leer; bitte ein Foto wählen. / The file is empty; please choose a photo.");
  const auto raw = quartier::put_blob_file(file->first);
  unkept.keys.push_back(raw.key);
  if (!image_type(raw.mime))
    throw quartier::HttpError(400, "invalid_photo",
                              "Das ist kein Foto (JPEG, PNG, WebP oder GIF). / This is not a photo (JPEG, PNG, WebP or GIF).");
  std::string why;
  const auto picture = quartier::render_image(raw.key, kPictureSide, false, "webp", &why);
  const auto thumb = picture ? quartier::render_image(raw.key, kThumbSide, true, "webp", &why) : std::nullopt;
  if (picture) unkept.keys.push_back(picture->key);
  if (thumb) unkept.keys.push_back(thumb->key);
  if (!picture || !thumb) throw quartier::HttpError(400, "invalid_photo", why);
  Photo p;
  p.key = picture->key;
  p.thumb_key = thumb->key;
  p.uploader_id = req.user_id();
  return p;
}

void check_room(PhotoOwner owner, std::int64_t owner_id, std::size_t max) {
  if (photos_of(owner, owner_id).size() >= max)
    throw quartier::HttpError(409, "too_many_photos",
                              "Höchstens " + std::to_string(max) + " Fotos; bitte erst eines löschen. / At most " +
                                  std::to_string(max) + " photos; please delete one first.");
}

// Stores the row if the owner still has room (checked before the upload is rendered, and again
// here: two uploads may race).
std::int64_t insert_photo(const Photo& p, std::size_t max) {
  check_room(p.owner, p.owner_id, max);
  Statement ins(std::string("INSERT INTO market_photos (") + (p.owner == PhotoOwner::listing ? "listing_id" : "business_id") +
                ", uploader_id, blob_key, thumb_key, created_at) VALUES (:o, :u, :k, :t, :now) RETURNING id");
  ins.bind("o", p.owner_id).bind("u", p.uploader_id).bind("k", p.key).bind("t", p.thumb_key).bind("now", now_ms());
  ins.step();
  const auto id = ins.int64(0);
  ins.reset();
  return id;
}

Listing own_listing(const Request& req, std::int64_t id) {
  auto l = readable_listing(req, id);
  if (l.author_id != req.user_id())
    forbidden("Nur wer die Anzeige aufgegeben hat, darf Fotos hinzufügen.", "Only the person who posted the listing may add photos.");
  return l;
}

void upload_listing_photo(Request& req, Response& res) {
  const auto l = own_listing(req, req.id_param("id"));
  check_room(PhotoOwner::listing, l.id, kMaxListingPhotos);
  Unkept unkept;
  auto p = render_upload(req, unkept);
  p.owner = PhotoOwner::listing;
  p.owner_id = l.id;
  quartier::Transaction tx;
  p.id = insert_photo(p, kMaxListingPhotos);
  sync_listing_item(l);  // the card shows the first photo
  tx.commit();
  send(res, photo_json(*find_photo(p.id)), 201);
}

void upload_business_photo(Request& req, Response& res) {
  const auto b = require_business(req.id_param("id"));
  require_manager(req, b);
  check_room(PhotoOwner::business, b.id, kMaxBusinessPhotos);
  Unkept unkept;
  auto p = render_upload(req, unkept);
  p.owner = PhotoOwner::business;
  p.owner_id = b.id;
  p.id = insert_photo(p, kMaxBusinessPhotos);
  send(res, photo_json(*find_photo(p.id)), 201);
}

// 404 unless the viewer may see what the photo shows.
Photo visible_photo(const Request& req) {
  auto p = find_photo(req.id_param("id"));
  if (!p) not_found();
  if (p->owner == PhotoOwner::listing) {
    const auto l = find_listing(p->owner_id);
    if (!l || !quartier::can_read_content(req.user_id(), l->content_id) || BlockFilter(req.user_id()).hides(l->author_id))
      not_found();
  }
  return *p;
}

void picture(Request& req, Response& res) {
  const auto p = visible_photo(req);
  if (!quartier::send_blob(res, p.key, "", "", true)) not_found();
}

void thumbnail(Request& req, Response& res) {
  const auto p = visible_photo(req);
  if (!quartier::send_blob(res, p.thumb_key, "", "", true)) not_found();
}

// DELETE /photos/{id}: the listing's author (or a moderator), a business's managers (or staff).
void remove(Request& req, Response& res) {
  const auto p = visible_photo(req);
  std::optional<Listing> listing;
  if (p.owner == PhotoOwner::listing) {
    listing = find_listing(p.owner_id);
    if (listing->author_id != req.user_id() && req.role() < QT_ROLE_MODERATOR)
      forbidden("Nur wer die Anzeige aufgegeben hat, darf ihre Fotos löschen.", "Only the person who posted the listing may delete its photos.");
  } else {
    require_manager(req, require_business(p.owner_id));
  }
  quartier::Transaction tx;
  Statement del("DELETE FROM market_photos WHERE id = :id");
  del.bind("id", p.id);
  del.run();
  if (listing) sync_listing_item(*listing);
  sweep_later({p.key, p.thumb_key});
  tx.commit();
  res.status(204);
}

}  // namespace

void add_photo_routes(quartier::Plugin& plugin) {
  plugin.upload_route("POST", "/listings/{id}/photos", Access::user, upload_listing_photo, kMaxUploadBytes);
  plugin.upload_route("POST", "/businesses/{id}/photos", Access::user, upload_business_photo, kMaxUploadBytes);
  plugin.get("/photos/{id}", Access::public_, picture);
  plugin.get("/photos/{id}/thumb", Access::public_, thumbnail);
  plugin.del("/photos/{id}", Access::user, remove);
}

}  // namespace market
