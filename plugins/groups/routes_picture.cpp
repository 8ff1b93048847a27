// The group picture: uploaded by the group's owners and moderators (PUT, the raw picture as the
// body, streamed to disk), rendered by the core's image pipeline (type read from the content,
// pixel limit, turned upright, re-encoded as WebP at most 800 px on the longer side without any
// metadata), served to whoever may see the group, removed with DELETE or with the group. The
// upload itself is never kept: it may carry GPS data.
#include "group.hpp"
#include "routes.hpp"
#include "util.hpp"

namespace groups {
namespace {

using quartier::Access;
using quartier::HttpError;
using quartier::Request;
using quartier::Response;
using quartier::Statement;

constexpr std::uint64_t kMaxUploadBytes = 15ull << 20;  // phone cameras: a few MB per picture
constexpr std::uint32_t kPictureSide = 800;

bool referenced(const std::string& key) {
  Statement s("SELECT 1 FROM groups_groups WHERE picture_key = :k");
  s.bind("k", key);
  return s.step();
}

// Blobs that no row refers to (any more) go when the handler ends, refused or not.
struct Unkept {
  std::vector<std::string> keys;
  ~Unkept() {
    for (const auto& k : keys) {
      try {
        if (!k.empty() && !referenced(k)) quartier::remove_blob(k);
      } catch (...) {  // left behind: `quartier check-blobs --delete-orphans` finds it
      }
    }
  }
};

std::string render_upload(const Request& req, Unkept& unkept) {
  const auto file = quartier::body_file(req);
  if (!file || file->second == 0)
    throw HttpError(400, "picture_empty", "Es kam keine Datei an; bitte ein Bild wählen. / No file arrived; please choose a picture.");
  const auto raw = quartier::put_blob_file(file->first);
  unkept.keys.push_back(raw.key);
  const bool image = raw.mime == "image/jpeg" || raw.mime == "image/png" || raw.mime == "image/webp" || raw.mime == "image/gif";
  if (!image)
    throw HttpError(415, "invalid_picture",
                    "Das ist kein Bild. Erlaubt sind JPEG, PNG, WebP oder GIF. / This is not a picture; please upload a "
                    "JPEG, PNG, WebP or GIF image.");
  std::string why;
  const auto picture = quartier::render_image(raw.key, kPictureSide, false, "webp", &why);
  if (!picture) throw HttpError(422, "invalid_picture", why);
  unkept.keys.push_back(picture->key);
  return picture->key;
}

void set_picture(const Group& g, const std::string& key, Unkept& unkept) {
  quartier::Transaction tx;
  Statement up("UPDATE groups_groups SET picture_key = :k, image = '', updated_at = :t WHERE id = :id");
  if (key.empty()) up.bind("k", nullptr);
  else up.bind("k", key);
  up.bind("t", now_ms()).bind("id", g.id);
  up.run();
  tx.commit();
  unkept.keys.push_back(g.picture_key);  // the old picture, unless another group has the same
}

void upload(Request& req, Response& res) {
  auto f = load_visible(req);
  require_manager(f.caller);
  Unkept unkept;
  const auto key = render_upload(req, unkept);
  set_picture(f.group, key, unkept);
  send(res, to_json(*find_by_id(f.group.id), f.caller, true));
}

void remove(Request& req, Response& res) {
  auto f = load_visible(req);
  require_manager(f.caller);
  Unkept unkept;
  set_picture(f.group, "", unkept);
  res.status(204);
}

void picture(Request& req, Response& res) {
  const auto f = load_visible(req);
  if (f.group.picture_key.empty() || !quartier::send_blob(res, f.group.picture_key, "image/webp", "", true))
    throw HttpError(404, "not_found", "Diese Gruppe hat kein Bild. / This group has no picture.");
}

}  // namespace

void drop_picture(const std::string& key) {
  if (!key.empty() && !referenced(key)) quartier::remove_blob(key);
}

void add_picture_routes(quartier::Plugin& plugin) {
  plugin.upload_route("PUT", "/groups/{slug}/picture", Access::user, upload, kMaxUploadBytes);
  plugin.del("/groups/{slug}/picture", Access::user, remove);
  plugin.get("/groups/{slug}/picture", Access::user, picture);
}

}  // namespace groups
