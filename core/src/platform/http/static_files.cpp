#include "platform/http/static_files.hpp"

#include <algorithm>
#include <chrono>
#include <system_error>

#include <fmt/format.h>

#include "platform/log/log.hpp"

namespace qt::http {
namespace fs = std::filesystem;

std::string_view content_type_for(const fs::path& p) {
  const auto ext = p.extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json" || ext == ".map") return "application/json; charset=utf-8";
  if (ext == ".webmanifest") return "application/manifest+json";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".jpg" || ext == ".jpeg") return "image/jpeg";
  if (ext == ".webp") return "image/webp";
  if (ext == ".avif") return "image/avif";
  if (ext == ".gif") return "image/gif";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".woff") return "font/woff";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  if (ext == ".wasm") return "application/wasm";
  return "application/octet-stream";
}

StaticFiles::StaticFiles(fs::path root, bool spa_fallback) : spa_fallback_(spa_fallback) {
  std::error_code ec;
  root_ = fs::weakly_canonical(root, ec);
  if (ec) root_ = std::move(root);
  if (!fs::is_regular_file(root_ / "index.html", ec))
    log::warn("web root has no index.html; the web UI is not built (run scripts/run or npm run build in frontend/)",
              {{"web_root", root_.string()}});
}

std::optional<fs::path> StaticFiles::resolve(std::string_view rel) const {
  // Reject traversal before touching the file system, then confirm containment after
  // resolving symlinks.
  std::string_view r = rel;
  while (!r.empty() && r.front() == '/') r.remove_prefix(1);
  if (r.empty()) r = "index.html";
  for (std::size_t i = 0; i <= r.size();) {
    const auto j = std::min(r.find('/', i), r.size());
    const auto seg = r.substr(i, j - i);
    if (seg == ".." || seg == "." || r.find('\\') != std::string_view::npos) return std::nullopt;
    i = j + 1;
  }
  std::error_code ec;
  fs::path p = fs::weakly_canonical(root_ / fs::path(std::string(r)), ec);
  if (ec) return std::nullopt;
  const auto rs = root_.native(), ps = p.native();
  if (ps.size() <= rs.size() || ps.compare(0, rs.size(), rs) != 0 || ps[rs.size()] != '/') return std::nullopt;
  if (!fs::is_regular_file(p, ec)) return std::nullopt;
  return p;
}

std::optional<Response> StaticFiles::serve(const Request& req, std::string_view rel) const {
  auto file = resolve(rel);
  bool fallback = false;
  if (!file && spa_fallback_) {
    // Client routes (no file extension in the last segment) get the app shell.
    const auto last = rel.substr(rel.rfind('/') == std::string_view::npos ? 0 : rel.rfind('/') + 1);
    if (last.find('.') == std::string_view::npos) {
      file = resolve("index.html");
      fallback = true;
    }
  }
  if (!file) return std::nullopt;

  std::error_code ec;
  const auto size = fs::file_size(*file, ec);
  const auto mtime = fs::last_write_time(*file, ec);
  const auto mtime_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(mtime.time_since_epoch()).count();
  const std::string etag = fmt::format("\"{:x}-{:x}\"", size, mtime_ns);

  Response res;
  res.set_header("Content-Type", content_type_for(*file));
  res.set_header("ETag", etag);
  const bool hashed_asset = rel.find("assets/") != std::string_view::npos && !fallback;
  res.set_header("Cache-Control", hashed_asset ? "public, max-age=31536000, immutable" : "no-cache");
  res.set_header("Vary", "Accept-Encoding");

  if (auto inm = req.header("if-none-match"); inm && (*inm == etag || *inm == "*" ||
                                                      inm->find(etag) != std::string_view::npos)) {
    res.status = 304;
    return res;
  }

  const auto ae = req.header("accept-encoding");
  if (ae && ae->find("gzip") != std::string_view::npos) {
    fs::path gz = *file;
    gz += ".gz";
    if (fs::is_regular_file(gz, ec)) {
      res.set_header("Content-Encoding", "gzip");
      res.file = gz;
      return res;
    }
  }
  res.file = *file;
  return res;
}

}  // namespace qt::http
