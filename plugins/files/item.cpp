#include "item.hpp"

#include "util.hpp"

namespace files {
namespace {

constexpr const char* kColumns =
    "SELECT id, space_kind, space_ref, parent_id, is_folder, name, COALESCE(blob_key, ''), bytes, mime,"
    " COALESCE(preview_key, ''), owner_id, created_at, updated_at, COALESCE(deleted_at, 0), COALESCE(trashed_parent, 0),"
    " scan_status, content_by, content_at"
    " FROM files_items ";

Item row(const quartier::Statement& s) {
  Item it;
  it.id = s.int64(0);
  it.space_kind = s.text(1);
  it.space_ref = s.int64(2);
  it.parent_id = s.int64(3);
  it.is_folder = s.int64(4) != 0;
  it.name = s.text(5);
  it.blob_key = s.text(6);
  it.bytes = s.int64(7);
  it.mime = s.text(8);
  it.preview_key = s.text(9);
  it.owner_id = s.int64(10);
  it.created_at = s.int64(11);
  it.updated_at = s.int64(12);
  it.deleted_at = s.int64(13);
  it.trashed_parent = s.int64(14);
  it.scan_status = s.text(15);
  it.content_by = s.int64(16);
  it.content_at = s.int64(17);
  return it;
}

}  // namespace

void name_taken() {
  throw quartier::HttpError(409, "name_taken",
                            "In diesem Ordner gibt es schon etwas mit diesem Namen; bitte einen anderen Namen wählen. / "
                            "This folder already holds an item of that name; please choose another name.");
}

std::optional<Item> find_item(std::int64_t id) {
  quartier::Statement s(std::string(kColumns) + "WHERE id = :id");
  s.bind("id", id);
  if (!s.step()) return std::nullopt;
  return row(s);
}

namespace {
// In the trash itself, or inside a folder that is.
bool in_trash(const Item& it) {
  if (it.deleted_at) return true;
  for (const auto& f : folder_path(it.parent_id))
    if (f.deleted_at) return true;
  return false;
}
}  // namespace

std::pair<Item, Space> open_item(const quartier::Request& req, std::int64_t id, bool trashed) {
  auto it = find_item(id);
  if (!it || (trashed ? it->deleted_at == 0 : in_trash(*it)))
    throw quartier::HttpError(404, "item_not_found",
                              "Diese Datei oder diesen Ordner gibt es nicht (mehr). / This file or folder does not exist "
                              "(any more).");
  auto sp = open_space(req, it->space_kind, it->space_ref);
  return {std::move(*it), std::move(sp)};
}

std::vector<Item> children(std::string_view kind, std::int64_t ref, std::int64_t parent) {
  quartier::Statement s(std::string(kColumns) +
                        "WHERE space_kind = :k AND space_ref = :r AND parent_id = :p ORDER BY is_folder DESC, name");
  s.bind("k", kind).bind("r", ref).bind("p", parent);
  std::vector<Item> out;
  while (s.step()) out.push_back(row(s));
  return out;
}

std::vector<Item> folder_path(std::int64_t folder) {
  std::vector<Item> out;
  for (int depth = 0; folder != 0 && depth < 64; ++depth) {
    auto it = find_item(folder);
    if (!it) break;
    folder = it->parent_id;
    out.insert(out.begin(), std::move(*it));
  }
  return out;
}

std::int64_t checked_folder(const Space& sp, std::int64_t folder) {
  if (folder == 0) return 0;
  auto it = find_item(folder);
  if (!it || !it->is_folder || in_trash(*it) || it->space_kind != sp.kind || it->space_ref != sp.ref)
    throw quartier::HttpError(400, "invalid_folder",
                              "Den gewählten Ordner gibt es hier nicht; bitte die Ansicht neu laden. / The chosen folder "
                              "does not exist here; please reload the view.");
  return folder;
}

namespace {

[[noreturn]] void bad_name(const char* de, const char* en) {
  throw quartier::HttpError(400, "invalid_name", std::string(de) + " / " + en);
}

// The code points of valid UTF-8 (nullopt for anything else).
std::optional<std::vector<char32_t>> code_points(std::string_view s) {
  std::vector<char32_t> out;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const int n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + static_cast<std::size_t>(n) > s.size()) return std::nullopt;
    char32_t cp = n == 1 ? c : c & (0x7f >> n);
    for (int k = 1; k < n; ++k) {
      const auto d = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
      if ((d >> 6) != 2) return std::nullopt;
      cp = (cp << 6) | (d & 0x3f);
    }
    if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
        (cp >= 0xd800 && cp <= 0xdfff))
      return std::nullopt;
    out.push_back(cp);
    i += static_cast<std::size_t>(n);
  }
  return out;
}

// Characters that hide what a name says: controls, bidirectional overrides, zero-width ones.
bool hiding(char32_t c) {
  return c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= 0x200b && c <= 0x200f) || (c >= 0x202a && c <= 0x202e) ||
         (c >= 0x2066 && c <= 0x2069) || c == 0xfeff;
}

}  // namespace

// File names are not display names: "2026" or "01.jpg" are fine, so the core's name rule (which
// wants a letter) is not used; the rest of its spirit is.
std::string clean_item_name(std::string_view raw) {
  const auto t = trim(raw);
  if (t.empty() || t == "." || t == ".." || t.find_first_of("/\\") != std::string::npos)
    bad_name("Der Name darf nicht leer sein, nicht „.“ oder „..“ lauten und keinen Schrägstrich enthalten.",
             "The name must not be empty, \".\" or \"..\", nor contain a slash.");
  const auto cps = code_points(t);
  if (!cps) bad_name("Der Name ist kein gültiges UTF-8.", "The name is not valid UTF-8.");
  for (char32_t c : *cps)
    if (hiding(c))
      bad_name("Der Name enthält Steuer- oder unsichtbare Zeichen; bitte nur sichtbare Zeichen verwenden.",
               "The name contains control or invisible characters; please use visible characters only.");
  if (cps->size() > kMaxNameChars)
    bad_name("Der Name ist zu lang (höchstens 200 Zeichen).", "The name is too long (at most 200 characters).");
  return t;
}

void check_free(const Space& sp, std::int64_t parent, const std::string& name, std::int64_t except) {
  quartier::Statement s("SELECT id FROM files_items WHERE space_kind = :k AND space_ref = :r AND parent_id = :p"
                        " AND name = :n AND id <> :x");
  s.bind("k", sp.kind).bind("r", sp.ref).bind("p", parent).bind("n", name).bind("x", except);
  if (s.step()) name_taken();
}

std::int64_t insert_item(const Item& it) {
  quartier::Statement s(
      "INSERT INTO files_items (space_kind, space_ref, parent_id, is_folder, name, blob_key, bytes, mime, preview_key,"
      " owner_id, created_at, updated_at, scan_status, content_by, content_at)"
      " VALUES (:k, :r, :p, :f, :n, :b, :bytes, :m, :pv, :o, :t, :t, :sc, :o, :t)"
      " RETURNING id");
  s.bind("k", it.space_kind).bind("r", it.space_ref).bind("p", it.parent_id).bind("f", it.is_folder ? 1 : 0);
  s.bind("sc", it.scan_status).bind("n", it.name).bind("bytes", it.bytes).bind("m", it.mime).bind("o", it.owner_id).bind("t", now_ms());
  if (it.blob_key.empty()) s.bind("b", nullptr); else s.bind("b", it.blob_key);
  if (it.preview_key.empty()) s.bind("pv", nullptr); else s.bind("pv", it.preview_key);
  try {
    s.step();
  } catch (const quartier::Error& e) {
    if (e.status() == QT_ERR_DATABASE) name_taken();  // the unique index: someone was quicker
    throw;
  }
  return s.int64(0);
}

boost::json::object item_json(const Item& it) {
  boost::json::object o{{"id", it.id},           {"kind", it.is_folder ? "folder" : "file"},
                        {"name", it.name},       {"parent_id", it.parent_id},
                        {"owner_id", it.owner_id}, {"created_at", it.created_at},
                        {"updated_at", it.updated_at}};
  if (it.deleted_at) o["deleted_at"] = it.deleted_at;
  if (!it.is_folder) {
    o["bytes"] = it.bytes;
    o["mime"] = it.mime;
    o["sha256"] = it.blob_key;
    o["preview"] = !it.preview_key.empty();
    o["scan"] = it.scan_status;
    o["content_by"] = it.content_by;
    o["content_at"] = it.content_at;
  }
  return o;
}

void check_servable(const Item& it) {
  if (it.scan_status == "pending")
    throw quartier::HttpError(423, "scan_pending",
                              "Diese Datei wird noch auf Schadsoftware geprüft; bitte später noch einmal versuchen. / This "
                              "file is still being checked for malware; please try again later.");
  if (it.scan_status == "blocked")
    throw quartier::HttpError(423, "file_blocked",
                              "Der Virenscanner hat in dieser Datei Schadsoftware gefunden; sie wird nicht ausgeliefert. / "
                              "The virus scanner found malware in this file; it is not served.");
}

}  // namespace files
