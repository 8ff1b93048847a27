#include "platform/http/encoding/gzip.hpp"

#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace qt::http {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

// "q=0", "q=0.0", "q=0.000": the coding is refused (RFC 9110 section 12.4.2).
bool refused(std::string_view params) {
  while (!params.empty()) {
    const auto semi = params.find(';');
    const auto param = trim(params.substr(0, semi));
    params = semi == std::string_view::npos ? std::string_view{} : params.substr(semi + 1);
    if (param.size() < 2 || std::tolower(static_cast<unsigned char>(param[0])) != 'q' || param[1] != '=') continue;
    const auto value = param.substr(2);
    return !value.empty() && value.find_first_not_of("0.") == std::string_view::npos;
  }
  return false;
}

bool compressible(std::string_view type) {
  return type.starts_with("application/json") || type.starts_with("text/") ||
         type.starts_with("application/javascript") || type.starts_with("image/svg+xml") ||
         type.starts_with("application/manifest+json");
}

}  // namespace

bool accepts_gzip(std::string_view accept_encoding) {
  bool star = false;
  while (!accept_encoding.empty()) {
    const auto comma = accept_encoding.find(',');
    const auto item = accept_encoding.substr(0, comma);
    accept_encoding = comma == std::string_view::npos ? std::string_view{} : accept_encoding.substr(comma + 1);
    const auto semi = item.find(';');
    const auto coding = trim(item.substr(0, semi));
    const auto params = semi == std::string_view::npos ? std::string_view{} : item.substr(semi + 1);
    if (iequals(coding, "gzip") || iequals(coding, "x-gzip")) return !refused(params);
    if (coding == "*") star = !refused(params);
  }
  return star;
}

std::string gzip(std::string_view data, int level) {
  z_stream z{};
  // windowBits 15 + 16: a gzip header and trailer around the deflate data.
  if (deflateInit2(&z, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    throw std::runtime_error("gzip: deflateInit2 failed");
  std::string out(deflateBound(&z, static_cast<uLong>(data.size())) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&z, Z_FINISH);
  const auto written = z.total_out;
  deflateEnd(&z);
  if (rc != Z_STREAM_END) throw std::runtime_error("gzip: deflate did not finish");
  out.resize(written);
  return out;
}

void compress_answer(Response& res, std::optional<std::string_view> accept_encoding) {
  constexpr std::size_t kMinBytes = 1024;
  if (!accept_encoding || res.file || res.status < 200 || res.status >= 300 || res.status == 204) return;
  if (res.body.size() < kMinBytes || res.header("content-encoding")) return;
  if (!compressible(res.header("content-type").value_or(""))) return;
  if (auto cc = res.header("cache-control"); cc && cc->find("no-store") != std::string_view::npos) return;
  if (auto etag = res.header("etag"); etag && !etag->starts_with("W/")) return;
  if (!accepts_gzip(*accept_encoding)) return;
  std::string packed = gzip(res.body, 4);
  if (packed.size() >= res.body.size()) return;
  res.body = std::move(packed);
  res.set_header("Content-Encoding", "gzip");
  auto vary = res.header("vary");
  if (!vary) res.set_header("Vary", "Accept-Encoding");
  else if (vary->find("Accept-Encoding") == std::string_view::npos) res.set_header("Vary", std::string(*vary) + ", Accept-Encoding");
}

}  // namespace qt::http
