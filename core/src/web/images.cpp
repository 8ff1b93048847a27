// Pictures in posts and comments: POST /api/images (the raw picture as the body; its
// Content-Type is not trusted) answers 201 with the upload's id, which POST /api/posts, PATCH
// /api/content/{id} and POST /api/content/{id}/comments then take in `images`, each with its alt
// text; GET /api/images/{id}?size=320|640|1280 serves it to whoever may read the post or comment.
#include <boost/json.hpp>

#include "domain/content/images.hpp"
#include "platform/http/response.hpp"
#include "platform/log/log.hpp"
#include "web/http_util.hpp"
#include "web/routes.hpp"
#include "web/stream_json.hpp"
#include "web/upload_errors.hpp"

namespace qt::stream {

using http::HttpError;
using http::Request;
using http::Response;

namespace web {

std::optional<std::vector<content::ImageChoice>> images_field(const boost::json::object& o) {
  const auto* v = o.if_contains("images");
  if (!v || v->is_null()) return std::nullopt;
  const auto refuse = [] {
    return HttpError(400, "invalid_field",
                     "Feld 'images': eine Liste von {\"id\": <Bild>, \"alt\": \"Beschreibung\"} erwartet (oder "
                     "\"decorative\": true). / Field 'images': a list of {\"id\", \"alt\"} objects expected.");
  };
  if (!v->is_array() || v->as_array().size() > 20) throw refuse();
  std::vector<content::ImageChoice> out;
  for (const auto& x : v->as_array()) {
    if (!x.is_object()) throw refuse();
    const auto& e = x.as_object();
    for (const auto& kv : e)
      if (kv.key() != "id" && kv.key() != "alt" && kv.key() != "decorative") throw refuse();
    content::ImageChoice c;
    c.id = integer(e, "id").value_or(0);
    c.alt = str(e, "alt", 4000).value_or("");
    c.decorative = boolean(e, "decorative").value_or(false);
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace web

namespace {

Response upload_image(const RouteDeps& d, accounts::RateLimiter& limiter, const accounts::Limit& limit, Request& req) {
  if (auto wait = limiter.hit("image-upload:" + std::to_string(req.user_id), limit))
    throw accounts::TooManyRequests(*wait);
  content::UploadedImage up;
  try {
    up = d.images.upload(req.user_id, req.body);
  } catch (const media::UploadError& e) {
    throw qt::web::upload_refusal(e);
  }
  boost::json::array sizes;
  for (int s : content::Images::kSizes) sizes.push_back(s);
  auto r = Response::json(boost::json::object{{"id", up.id},
                                              {"url", content::Images::url(up.id)},
                                              {"width", up.width},
                                              {"height", up.height},
                                              {"sizes", std::move(sizes)}},
                          201);
  r.set_header("Location", content::Images::url(up.id));
  return r;
}

[[noreturn]] void image_not_found() {
  throw HttpError(404, "image_not_found", "Dieses Bild gibt es nicht (mehr). / This picture does not exist (any more).");
}

int size_param(const Request& req) {
  int size = 640;
  if (auto s = req.query_param("size")) {
    try {
      size = std::stoi(*s);
    } catch (...) {
      size = 0;
    }
    if (!content::Images::valid_size(size))
      throw HttpError(400, "invalid_size", "size muss 320, 640 oder 1280 sein. / size must be 320, 640 or 1280.");
  }
  return size;
}

Response get_image(const RouteDeps& d, Request& req) {
  const auto id = req.id_param("id");
  const int size = size_param(req);
  std::optional<content::ImageRow> row;
  {
    auto lease = d.db.read_snapshot();
    const auto v = d.store.viewer(*lease, req.user_id, req.role);
    row = d.images.row(*lease, id);
    if (!row || !d.images.readable(*lease, d.store, v, *row)) image_not_found();
  }
  auto path = d.images.file(row->file_key, size);
  if (!path) {
    log::warn("picture file missing", {{"image_id", id}, {"size", static_cast<std::int64_t>(size)}});
    image_not_found();
  }
  Response r;
  // Never in shared caches (the post may be for members only); an id never changes its picture,
  // so an hour in the browser is safe, and moderation hiding reaches everyone within that hour.
  r.set_header("Cache-Control", "private, max-age=3600");
  r.set_header("Vary", "Cookie");
  r.set_header("X-Content-Type-Options", "nosniff");
  r.set_header("Content-Type", content::Images::content_type(row->file_key));
  r.set_header("Content-Disposition", "inline; filename=\"bild-" + std::to_string(id) + "-" + std::to_string(size) +
                                          (content::Images::content_type(row->file_key) == "image/jpeg" ? ".jpg\"" : ".webp\""));
  r.file = *path;
  return r;
}

}  // namespace

void add_image_routes(http::Router& r, const RouteDeps& d, accounts::RateLimiter& limiter, accounts::Limit limit) {
  http::RouteOptions upload{http::Access::user};
  upload.max_body_bytes = static_cast<std::uint64_t>(d.images.settings().limits.max_bytes);
  upload.lane = http::Lane::cpu;  // decoding and scaling take a while: off the I/O threads
  r.post("/api/images", accounts::with_retry_after([&d, &limiter, limit](Request& q) {
           return upload_image(d, limiter, limit, q);
         }), upload);
  r.get("/api/images/{id}", route_handler(d, get_image), http::RouteOptions{});
}

}  // namespace qt::stream
