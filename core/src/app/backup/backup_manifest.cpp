#include "app/backup/backup_manifest.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include <boost/json.hpp>

#include "platform/media/blob_store.hpp"

namespace qt::backup {
namespace fs = std::filesystem;
namespace json = boost::json;

namespace {

json::object file_json(const ManifestFile& f) {
  return {{"path", f.path}, {"bytes", f.bytes}, {"sha256", f.sha256}};
}

ManifestFile file_of(const json::value& v) {
  const auto& o = v.as_object();
  return {std::string(o.at("path").as_string()), o.at("bytes").to_number<std::uint64_t>(),
          std::string(o.at("sha256").as_string())};
}

// A path inside the backup folder: relative, no "..", so a crafted manifest cannot reach out.
bool inside(const std::string& path) {
  const fs::path p(path);
  if (p.empty() || p.is_absolute()) return false;
  for (const auto& part : p)
    if (part == "..") return false;
  return true;
}

// A store's name becomes a folder name on restore: letters, digits, '_' and '-' only.
bool safe_store(const ManifestStore& s) {
  if (s.name.empty() || s.name.size() > 64 || s.dir != "stores/" + s.name) return false;
  for (char c : s.name)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) return false;
  return true;
}

}  // namespace

void write_manifest(const Manifest& m, const fs::path& file) {
  json::array stores;
  for (const auto& s : m.stores) {
    json::array files;
    for (const auto& f : s.files) files.push_back(file_json(f));
    stores.push_back(json::object{{"name", s.name}, {"dir", s.dir}, {"files", std::move(files)}});
  }
  json::object root{{"format", kManifestFormat},     {"quartier_version", m.quartier_version},
                    {"schema_version", m.schema_version}, {"created_at", m.created_at},
                    {"dialect", m.dialect},              {"stores", std::move(stores)}};
  root["database"] = m.has_database ? json::value(file_json(m.database)) : json::value(nullptr);
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << json::serialize(root) << "\n";
  out.close();
  if (!out) throw std::runtime_error("Cannot write " + file.string() + " (disk full?)");
}

Manifest read_manifest(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in)
    throw std::runtime_error(file.string() + " is missing: this folder is no complete Quartier backup "
                             "(a backup interrupted before its end has none). Use another backup.");
  std::stringstream text;
  text << in.rdbuf();
  try {
    const auto root = json::parse(text.str()).as_object();
    if (root.at("format").as_string() != kManifestFormat)
      throw std::runtime_error("unknown format " + json::serialize(root.at("format")));
    Manifest m;
    m.quartier_version = std::string(root.at("quartier_version").as_string());
    m.schema_version = root.at("schema_version").to_number<int>();
    m.created_at = std::string(root.at("created_at").as_string());
    m.dialect = std::string(root.at("dialect").as_string());
    m.has_database = !root.at("database").is_null();
    if (m.has_database) m.database = file_of(root.at("database"));
    for (const auto& s : root.at("stores").as_array()) {
      ManifestStore st{std::string(s.at("name").as_string()), std::string(s.at("dir").as_string()), {}};
      if (!safe_store(st)) throw std::runtime_error("a store with an unsafe name or folder: " + st.name);
      for (const auto& f : s.at("files").as_array()) st.files.push_back(file_of(f));
      for (const auto& f : st.files)
        if (f.path.rfind(st.dir + "/", 0) != 0) throw std::runtime_error("a file outside its store's folder: " + f.path);
      m.stores.push_back(std::move(st));
    }
    return m;
  } catch (const std::exception& e) {
    throw std::runtime_error(file.string() + " is damaged (" + e.what() +
                             "); the backup cannot be checked, so it is not restored. Use another backup.");
  }
}

std::vector<std::string> damaged_files(const Manifest& m, const fs::path& dir) {
  std::vector<const ManifestFile*> all;
  if (m.has_database) all.push_back(&m.database);
  for (const auto& s : m.stores)
    for (const auto& f : s.files) all.push_back(&f);
  std::vector<std::string> out;
  for (const auto* f : all) {
    const auto p = dir / f->path;
    std::error_code ec;
    const auto size = fs::file_size(p, ec);
    if (!inside(f->path)) out.push_back(f->path + ": the manifest names a path outside the backup folder");
    else if (ec) out.push_back(p.string() + ": missing");
    else if (size != f->bytes)
      out.push_back(p.string() + ": " + std::to_string(size) + " bytes, the manifest says " + std::to_string(f->bytes));
    else if (media::file_sha256(p) != f->sha256) out.push_back(p.string() + ": the SHA-256 checksum does not match");
  }
  return out;
}

}  // namespace qt::backup
