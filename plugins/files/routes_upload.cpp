// Uploads: the body is streamed by the core to a temporary file (ABI 1.3 upload_route), taken
// into the blob store by its SHA-256, its type sniffed from the content; pictures get a preview
// re-encoded by the core's image pipeline (no EXIF or GPS). A refused or interrupted upload
// leaves no row and no blob.
#include <filesystem>

#include <boost/json.hpp>

#include "blobs.hpp"
#include "item.hpp"
#include "preview.hpp"
#include "quota.hpp"
#include "scan.hpp"
#include "routes.hpp"
#include "space.hpp"
#include "types.hpp"
#include "versions.hpp"
#include "util.hpp"

namespace files {
namespace {

using quartier::Request;
using quartier::Response;

// Keeps the new blobs (and the file kept for the scan) only if the row gets stored.
struct Pending {
  std::vector<std::string> keys;
  std::string kept;
  bool stored = false;
  ~Pending() {
    if (stored) return;
    if (!kept.empty()) {
      std::error_code ec;
      std::filesystem::remove(kept, ec);
    }
    for (const auto& k : keys) {
      try {
        drop_if_unused(k);
      } catch (...) {
      }
    }
  }
};

// A folder of that name blocks an upload; a file of that name gets a new version.
void check_not_folder(const Space& sp, const Item& it) {
  if (auto same = item_named(sp, it.parent_id, it.name); same && same->is_folder) name_taken();
}

// Inserts the row, or adds a version to the file of that name, under the quota lock; two
// uploads of one name at once thus become two versions, the later one current. Returns the id.
std::int64_t record(const Space& sp, Item& it, Pending& pending) {
  quartier::Transaction tx;
  check_quota_locked(sp, it.bytes);  // again, against uploads that finished meanwhile
  check_not_folder(sp, it);
  if (auto same = item_named(sp, it.parent_id, it.name)) {
    add_version(*same, it, it.owner_id);
    it.id = same->id;
  } else {
    it.id = insert_item(it);
  }
  if (scanning()) scan_later(it.id, it.blob_key, pending.kept);
  tx.commit();
  pending.stored = true;
  return it.id;
}

void upload(Request& req, Response& res) {
  const auto sp = writable_space(req, *req.param("kind"), req.id_param("ref"));
  Item it;
  it.space_kind = sp.kind;
  it.space_ref = sp.ref;
  it.parent_id = checked_folder(sp, query_int(req, "folder", 0, 0, INT64_MAX));
  it.name = clean_item_name(req.query("name").value_or(""));
  it.owner_id = req.user_id();
  check_not_folder(sp, it);
  const auto file = quartier::body_file(req);
  if (!file || file->second == 0)
    throw quartier::HttpError(400, "upload_empty",
                              "Die Datei ist leer; bitte eine Datei mit Inhalt wählen. / The file is empty; please choose "
                              "a file with content.");
  check_quota(sp, static_cast<std::int64_t>(file->second));
  checked_type(file->first);  // before the store: a refused type leaves nothing behind
  Pending pending;
  if (scanning()) {
    pending.kept = keep_for_scan(file->first);
    it.scan_status = "pending";
  }
  const auto blob = quartier::put_blob_file(file->first);
  pending.keys.push_back(blob.key);
  check_type(blob.mime);  // the store's own sniffing must agree
  it.blob_key = blob.key;
  it.bytes = static_cast<std::int64_t>(blob.bytes);
  it.mime = blob.mime;
  if (!scanning()) {  // a held-back picture is decoded only once the scanner calls it clean
    it.preview_key = render_preview(blob.key, blob.mime);
    pending.keys.push_back(it.preview_key);
  }
  send(res, item_json(*find_item(record(sp, it, pending))), 201);
}

}  // namespace

void add_upload_routes(quartier::Plugin& plugin, std::uint64_t max_file_bytes) {
  plugin.upload_route("POST", "/spaces/{kind}/{ref}/files", quartier::Access::user, upload, max_file_bytes);
}

}  // namespace files
