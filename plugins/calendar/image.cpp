// An event's picture (ABI 1.3): the upload streamed to disk, rendered by the core's image
// pipeline into a picture of at most 1600 px and a square thumbnail, both re-encoded from the
// pixels alone so that no EXIF or GPS survives; the upload itself is never kept. Read under the
// event's own rule. Blobs are named by their content: one is removed only when no event uses it.
#include "image.hpp"

#include "event.hpp"
#include "util.hpp"

namespace calendar {
namespace {

using quartier::Access;
using quartier::HttpError;
using quartier::Request;
using quartier::Response;

constexpr std::uint64_t kMaxUploadBytes = 15ull << 20;  // a phone camera's picture
constexpr std::uint32_t kPictureSide = 1600, kThumbSide = 400;

bool used(const std::string& key) {
  quartier::Statement s("SELECT 1 FROM calendar_events WHERE image_key = :k OR image_thumb = :k2 LIMIT 1");
  s.bind("k", key).bind("k2", key);
  return s.step();
}

void drop_if_unused(const std::string& key) {
  if (!key.empty() && !used(key)) quartier::remove_blob(key);
}

// Blobs this upload made that no row took are removed when the handler ends, refused or not.
struct Unkept {
  std::vector<std::string> keys;
  ~Unkept() {
    for (const auto& k : keys) {
      try {
        drop_if_unused(k);
      } catch (...) {  // left behind: swept with the next removal of the same content
      }
    }
  }
};

bool image_type(std::string_view mime) {
  return mime == "image/jpeg" || mime == "image/png" || mime == "image/webp" || mime == "image/gif";
}

Event managed_event(const Request& req) {
  auto e = load_readable(path_id(req), req.user_id());
  require_manage(e, req.user_id(), req.role());
  require_not_imported(e);
  return e;
}

void store_keys(const Event& e, const std::string& key, const std::string& thumb) {
  quartier::Statement s("UPDATE calendar_events SET image_key = :k, image_thumb = :t WHERE id = :id");
  s.bind("k", key).bind("t", thumb).bind("id", e.id).run();
}

// PUT /events/{id}/image (the picture's bytes as the body)
void put_image(Request& req, Response& res) {
  auto e = managed_event(req);
  const auto file = quartier::body_file(req);
  if (!file || file->second == 0)
    throw HttpError(400, "image_empty", "Die Datei ist leer; bitte ein Bild wählen. / The file is empty; please choose a picture.");
  Unkept unkept;
  const auto raw = quartier::put_blob_file(file->first);
  unkept.keys.push_back(raw.key);
  if (!image_type(raw.mime))
    throw HttpError(400, "invalid_image", "Das ist kein Bild (JPEG, PNG, WebP oder GIF). / This is not a picture (JPEG, PNG, WebP or GIF).");
  std::string why;
  const auto picture = quartier::render_image(raw.key, kPictureSide, false, "webp", &why);
  const auto thumb = picture ? quartier::render_image(raw.key, kThumbSide, true, "webp", &why) : std::nullopt;
  if (picture) unkept.keys.push_back(picture->key);
  if (thumb) unkept.keys.push_back(thumb->key);
  if (!picture || !thumb) throw HttpError(400, "invalid_image", why);
  const std::vector<std::string> old{e.image_key, e.image_thumb};
  quartier::Transaction tx;
  store_keys(e, picture->key, thumb->key);
  e.image_key = picture->key, e.image_thumb = thumb->key;
  sync_item(e);  // the card shows the thumbnail
  tx.commit();
  unkept.keys.insert(unkept.keys.end(), old.begin(), old.end());  // the picture it replaced
  send(res, boost::json::object{{"image", event_json(e).at("image")}}, 201);
}

// DELETE /events/{id}/image
void delete_image(Request& req, Response& res) {
  auto e = managed_event(req);
  if (e.image_key.empty()) throw HttpError(404, "no_image", "Der Termin hat kein Bild. / The event has no picture.");
  Unkept unkept{{e.image_key, e.image_thumb}};
  quartier::Transaction tx;
  store_keys(e, "", "");
  e.image_key.clear(), e.image_thumb.clear();
  sync_item(e);
  tx.commit();
  res.status(204);
}

// GET /events/{id}/image[?size=thumb]: whoever may read the event.
void get_image(Request& req, Response& res) {
  const auto e = load_readable(path_id(req), req.user_id());
  const bool thumb = req.query("size").value_or("") == "thumb";
  const auto& key = thumb ? e.image_thumb : e.image_key;
  if (key.empty() || !quartier::send_blob(res, key, "image/webp", "", true))
    throw HttpError(404, "no_image", "Der Termin hat kein Bild. / The event has no picture.");
}

}  // namespace

std::vector<std::string> image_keys_where(const std::string& where, std::int64_t v) {
  std::vector<std::string> keys;
  quartier::Statement s("SELECT image_key, image_thumb FROM calendar_events WHERE " + where + " = :v AND image_key <> ''");
  s.bind("v", v);
  while (s.step()) {
    keys.push_back(s.text(0));
    keys.push_back(s.text(1));
  }
  return keys;
}

void sweep_later(const std::vector<std::string>& keys) {
  boost::json::array list;
  for (const auto& k : keys)
    if (!k.empty()) list.push_back(boost::json::string(k));
  if (!list.empty()) quartier::job_enqueue("calendar_sweep_images", boost::json::serialize(boost::json::object{{"keys", list}}));
}

void add_image_routes(quartier::Plugin& plugin) {
  plugin.setting("dir", QT_SETTING_STRING, "\"\"",
                 "Ordner der Bilder von Terminen (außerhalb des Web-Roots); leer = neben [media] dir, „data/calendar“.",
                 "Folder of the events' pictures (outside the web root); empty = next to [media] dir, \"data/calendar\".");
  plugin.upload_route("PUT", "/events/{id}/image", Access::user, put_image, kMaxUploadBytes);
  plugin.route("DELETE", "/events/{id}/image", Access::user, delete_image);
  plugin.get("/events/{id}/image", Access::public_, get_image);
  const auto& a = quartier::api();
  if (!QT_HOST_HAS(&a, job_handler)) return;
  quartier::job_handler("calendar_sweep_images", [](const quartier::JobInfo& job) {
    const auto payload = boost::json::parse(job.payload);
    for (const auto& k : payload.at("keys").as_array()) drop_if_unused(std::string(k.as_string()));
  });
}

}  // namespace calendar
