#include "types.hpp"

#include <magic.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <fstream>
#include <memory>

#include <quartier/plugin.hpp>

namespace files {
namespace {

std::vector<std::string> g_allowed;

struct MagicClose {
  void operator()(magic_set* m) const { magic_close(m); }
};

// One libmagic handle per thread: a handle must not be shared between threads, and loading
// the database once per upload thread is cheap next to the upload itself.
std::string sniff(const std::string& path) {
  thread_local std::unique_ptr<magic_set, MagicClose> cookie = [] {
    std::unique_ptr<magic_set, MagicClose> c(magic_open(MAGIC_MIME_TYPE | MAGIC_ERROR));
    if (c && magic_load(c.get(), nullptr) != 0) c.reset();
    return c;
  }();
  if (!cookie) throw quartier::Error(QT_ERR_STATE, "libmagic could not load its database (Debian package libmagic-mgc)");
  const char* t = magic_file(cookie.get(), path.c_str());
  return t ? std::string(t) : std::string("application/octet-stream");
}

std::string head_of(const std::string& path, std::size_t n) {
  std::ifstream in(path, std::ios::binary);
  std::string head(n, '\0');
  in.read(head.data(), static_cast<std::streamsize>(n));
  head.resize(static_cast<std::size_t>(std::max<std::streamsize>(in.gcount(), 0)));
  return head;
}

std::uint32_t le32(std::string_view s, std::size_t at) {
  if (at + 4 > s.size()) return 0;
  std::uint32_t v = 0;
  for (std::size_t i = 0; i < 4; ++i) v |= static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + i])) << (8 * i);
  return v;
}

// Signatures of programs, independent of libmagic's database: ELF, Mach-O (and fat binaries),
// and MZ files that are PE programs (or that libmagic does not take for text).
bool program_signature(std::string_view head, std::string_view mime) {
  if (head.starts_with("\x7f" "ELF")) return true;
  static constexpr std::array<std::uint32_t, 5> macho{0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe, 0xbebafeca};
  if (std::find(macho.begin(), macho.end(), le32(head, 0)) != macho.end()) return true;
  if (!head.starts_with("MZ")) return false;
  const auto pe = le32(head, 0x3c);
  if (pe + 4 <= head.size() && head.substr(pe, 4) == std::string_view("PE\0\0", 4)) return true;
  return !mime.starts_with("text/");
}

bool program_type(std::string_view mime) {
  for (std::string_view bad : {"application/x-dosexec", "application/x-executable", "application/x-sharedlib",
                               "application/x-pie-executable", "application/x-mach-binary", "application/x-msdownload",
                               "application/x-msi", "application/vnd.microsoft.portable-executable",
                               "application/x-elf", "application/x-object", "application/x-coff"})
    if (mime == bad) return true;
  return false;
}

bool matches(std::string_view pattern, std::string_view mime) {
  if (pattern == "*") return true;
  if (pattern.ends_with('*')) return mime.starts_with(pattern.substr(0, pattern.size() - 1));
  return pattern == mime;
}

[[noreturn]] void refuse_program() {
  throw quartier::HttpError(415, "upload_unsupported_type",
                            "Programme werden nicht angenommen, auch nicht umbenannt. / Programs are not accepted, not "
                            "even renamed ones.");
}

[[noreturn]] void refuse_type(std::string_view mime) {
  const std::string m(mime);
  throw quartier::HttpError(415, "upload_unsupported_type",
                            "Dateien dieser Art (" + m + ") werden hier nicht angenommen. Erlaubt sind Dokumente, "
                            "Office-Dateien, Bilder, PDF, Text, Audio, Video und ZIP; bitte die Datei umwandeln oder die "
                            "Verwaltung fragen. / Files of this type (" + m + ") are not accepted here. Documents, office "
                            "files, pictures, PDF, text, audio, video and ZIP are; please convert the file or ask the "
                            "administration.");
}

bool valid_pattern(std::string_view p) {
  if (p == "*") return true;
  const auto slash = p.find('/');
  if (slash == std::string_view::npos || slash == 0 || slash + 1 == p.size() || p.size() > 200) return false;
  for (std::size_t i = 0; i < p.size(); ++i) {
    const char c = p[i];
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    std::string_view("+-._/").find(c) != std::string_view::npos || (c == '*' && i + 1 == p.size());
    if (!ok || (c == '/' && i != slash)) return false;
  }
  return true;
}

}  // namespace

const std::vector<std::string>& default_allowed_types() {
  static const std::vector<std::string> list{
      "application/pdf", "text/plain", "text/csv", "text/rtf", "application/rtf",
      "application/msword", "application/vnd.ms-excel", "application/vnd.ms-powerpoint",
      "application/vnd.openxmlformats-officedocument.*", "application/vnd.oasis.opendocument.*",
      "image/jpeg", "image/png", "image/gif", "image/webp", "image/heic", "image/heif", "image/avif",
      "image/tiff", "image/bmp", "audio/*", "video/*", "application/zip", "application/epub+zip"};
  return list;
}

void load_type_policy() {
  const auto v = quartier::config("allowed_types");
  if (!v) {
    g_allowed = default_allowed_types();
    return;
  }
  boost::system::error_code ec;
  const auto list = boost::json::parse(*v, ec);
  if (ec || !list.is_array()) throw quartier::Error(QT_ERR_INVALID, "[plugins.files] allowed_types must be a list of strings");
  std::vector<std::string> out;
  for (const auto& e : list.as_array()) {
    const std::string p = e.is_string() ? std::string(e.as_string()) : std::string();
    if (!valid_pattern(p))
      throw quartier::Error(QT_ERR_INVALID, "[plugins.files] allowed_types: \"" + p +
                                                "\" is no type; write \"type/subtype\", \"type/*\" or \"*\"");
    std::string lower = p;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    out.push_back(std::move(lower));
  }
  g_allowed = std::move(out);
}

const std::vector<std::string>& allowed_types() { return g_allowed; }

std::uint64_t max_zip_bytes() {
  const auto v = quartier::config("max_zip_mb");
  const long long mb = v && !v->empty() ? std::stoll(std::string(*v)) : 2048;
  if (mb < 1 || mb > 1024 * 1024) throw quartier::Error(QT_ERR_INVALID, "[plugins.files] max_zip_mb must be from 1 to 1048576");
  return static_cast<std::uint64_t>(mb) * 1024 * 1024;
}

std::uint64_t max_file_bytes() {
  const auto v = quartier::config("max_file_mb");
  const long long mb = v && !v->empty() ? std::stoll(std::string(*v)) : 2048;
  if (mb < 1 || mb > 1024 * 1024) throw quartier::Error(QT_ERR_INVALID, "[plugins.files] max_file_mb must be from 1 to 1048576");
  return static_cast<std::uint64_t>(mb) * 1024 * 1024;
}

boost::json::object limits_json() {
  boost::json::array types;
  for (const auto& t : g_allowed) types.push_back(boost::json::string(t));
  return {{"max_file_bytes", max_file_bytes()}, {"allowed_types", types}};
}

bool type_allowed(std::string_view mime) {
  std::string lower(mime);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (program_type(lower)) return false;
  return std::any_of(g_allowed.begin(), g_allowed.end(), [&](const std::string& p) { return matches(p, lower); });
}

std::string checked_type(const std::string& path) {
  const auto mime = sniff(path);
  if (program_type(mime) || program_signature(head_of(path, 4096), mime)) refuse_program();
  if (!type_allowed(mime)) refuse_type(mime);
  return mime;
}

void check_type(std::string_view mime) {
  if (program_type(mime)) refuse_program();
  if (!type_allowed(mime)) refuse_type(mime);
}

}  // namespace files
