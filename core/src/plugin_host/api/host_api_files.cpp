// ABI 1.3 (files): request bodies streamed to disk, the plugin's blob store, blobs sent as
// answers from disk (Range, If-None-Match), and the core's image pipeline for a plugin.
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "platform/http/files/file_reply.hpp"
#include "platform/media/blob_store.hpp"
#include "platform/media/image.hpp"
#include "plugin_host/abi_types.hpp"
#include "plugin_host/api/host_api_detail.hpp"
#include "web/upload_errors.hpp"

namespace qt::plugin_host {
namespace detail {

// [plugins.<name>] dir, or "<parent of [media] dir>/<name>" (data/<name> by default).
media::BlobStore blobs_of(const Plugin& p) {
  if (auto it = p.config_values.find("dir"); it != p.config_values.end() && !it->second.empty())
    return media::BlobStore(it->second);
  const std::filesystem::path media_dir = p.host->services().config.media.dir;
  return media::BlobStore(media_dir.parent_path() / p.name);
}

namespace {

void fill_blob(const media::BlobInfo& info, qt_blob* out) {
  if (!out || out->size < sizeof(std::uint32_t)) return;
  qt_blob b{};
  b.size = out->size;
  std::memcpy(b.key, info.key.data(), std::min<std::size_t>(info.key.size(), sizeof b.key - 1));
  b.bytes = info.bytes;
  std::memcpy(b.mime, info.mime.data(), std::min<std::size_t>(info.mime.size(), sizeof b.mime - 1));
  std::memcpy(out, &b, std::min<std::size_t>(out->size, sizeof b));
}

std::string checked_key(qt_str key) {
  std::string k(sv(key));
  if (!media::BlobStore::valid_key(k)) throw HostError(QT_ERR_INVALID, "a blob key is 64 lower-case hex digits");
  return k;
}

qt_status api_req_body_file(const qt_request* r, qt_str* path, uint64_t* bytes) {
  if (!r || !path || !bytes) return QT_ERR_INVALID;
  const auto& file = r->req.body_file;
  if (!file || file->path.empty()) return QT_ERR_NOT_FOUND;
  *path = qs(file->path.native());
  *bytes = file->size;
  return QT_OK;
}

qt_status api_blob_put(qt_host* h, qt_str path, qt_bytes bytes, qt_blob* out) {
  return guarded(h, "blob_put", [&] {
    const auto store = blobs_of(*h);
    media::BlobInfo info;
    if (path.len) {
      try {
        info = store.put_file(std::filesystem::path(std::string(sv(path))));
      } catch (const std::invalid_argument& e) {
        throw HostError(QT_ERR_DENIED, e.what());
      }
    } else {
      info = store.put_bytes(std::string_view(reinterpret_cast<const char*>(bytes.ptr), bytes.ptr ? bytes.len : 0));
    }
    fill_blob(info, out);
    return QT_OK;
  });
}

qt_status api_blob_stat(qt_host* h, qt_str key, qt_blob* out) {
  return guarded(h, "blob_stat", [&] {
    auto info = blobs_of(*h).stat(checked_key(key));
    if (!info) throw HostError(QT_ERR_NOT_FOUND, "no blob " + std::string(sv(key)));
    fill_blob(*info, out);
    return QT_OK;
  });
}

qt_status api_blob_remove(qt_host* h, qt_str key) {
  return guarded(h, "blob_remove", [&] {
    blobs_of(*h).remove(checked_key(key));
    return QT_OK;
  });
}

qt_status api_res_blob(qt_response* res, const qt_blob_reply* reply) {
  if (!res || !res->plugin || !res->request) return QT_ERR_STATE;
  return guarded(res->plugin, "res_blob", [&] {
    const auto r = sized(reply, "reply");
    const auto store = blobs_of(*res->plugin);
    const auto key = checked_key(r.key);
    http::FileReply f;
    f.path = store.path_of(key);
    f.etag = key;
    f.content_type = std::string(sv(r.content_type));
    if (f.content_type.empty())
      if (auto info = store.stat(key)) f.content_type = info->mime;
    f.download_name = std::string(sv(r.download_name));
    f.inline_ = r.inline_view == 1;
    auto answer = http::file_reply(*res->request, f);
    if (!answer) throw HostError(QT_ERR_NOT_FOUND, "no blob " + key);
    res->response = std::move(*answer);
    return QT_OK;
  });
}

std::string read_all(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

qt_status api_image_render(qt_host* h, qt_str key, const qt_image_spec* spec, qt_blob* out) {
  return guarded(h, "image_render", [&] {
    const auto s = sized(spec, "spec");
    if (s.max_side < 16 || s.max_side > 4096) throw HostError(QT_ERR_INVALID, "max_side must lie in 16..4096");
    media::ImageFormat format;
    try {
      format = media::image_format_from(s.format.len ? sv(s.format) : "webp");
    } catch (const std::invalid_argument& e) {
      throw HostError(QT_ERR_INVALID, e.what());
    }
    const auto store = blobs_of(*h);
    auto info = store.stat(checked_key(key));
    if (!info) throw HostError(QT_ERR_NOT_FOUND, "no blob " + std::string(sv(key)));
    const auto& media_cfg = h->host->services().config.media;
    // Pictures from cameras are larger than avatars: the pixel limit is what guards memory here.
    media::ImageLimits limits{std::max<std::int64_t>(media_cfg.max_upload_bytes, 64 * 1024 * 1024), media_cfg.max_pixels};
    if (static_cast<std::int64_t>(info->bytes) > limits.max_bytes)
      throw HostError(QT_ERR_INVALID, web::upload_refusal(media::UploadError(media::UploadProblem::too_large, "", limits.max_bytes)).what());
    try {
      const auto bytes = read_all(store.path_of(info->key));
      const int side = static_cast<int>(s.max_side);
      auto images = s.square == 1 ? media::square_images(bytes, {side}, format, limits)
                                  : media::fitted_images(bytes, {side}, format, limits);
      fill_blob(store.put_bytes(images.renditions.front().bytes), out);
    } catch (const media::UploadError& e) {
      throw HostError(QT_ERR_INVALID, web::upload_refusal(e).what());
    }
    return QT_OK;
  });
}

}  // namespace

void body_options(const Plugin& p, const qt_route& r, http::RouteOptions& options) {
  options.max_body_bytes = r.max_body_bytes;
  if (r.body_to_file == 1) options.body_dir = blobs_of(p).tmp_dir();
}

void fill_files_api(qt_host_api& a, const HostServices&) {
  a.req_body_file = api_req_body_file;
  a.blob_put = api_blob_put;
  a.blob_stat = api_blob_stat;
  a.blob_remove = api_blob_remove;
  a.res_blob = api_res_blob;
  a.image_render = api_image_render;
}

}  // namespace detail
}  // namespace qt::plugin_host
