#include "quota.hpp"

#include <string>

#include <quartier/plugin.hpp>

namespace files {
namespace {

std::int64_t mib_setting(const char* key) {
  const auto v = quartier::config(key);
  if (!v || v->empty()) return 0;
  return std::stoll(std::string(*v)) * 1024 * 1024;
}

std::int64_t space_quota(const Space& sp) {
  const std::string key = "quota_" + sp.kind + "_mb";
  const auto own = mib_setting(key.c_str());
  return own > 0 ? own : mib_setting("quota_space_mb");
}

std::int64_t used(const Space& sp) {
  quartier::Statement s(
      "SELECT COALESCE((SELECT SUM(bytes) FROM files_items WHERE space_kind = :k AND space_ref = :r"
      " AND scan_status <> 'blocked'), 0) + COALESCE((SELECT SUM(v.bytes) FROM files_versions v JOIN files_items i"
      " ON i.id = v.item_id WHERE i.space_kind = :k AND i.space_ref = :r AND v.scan_status <> 'blocked'), 0)");
  s.bind("k", sp.kind).bind("r", sp.ref);
  s.step();
  return s.int64(0);
}

// What lies in the trash: the trashed items and everything inside trashed folders.
std::int64_t in_trash(const Space& sp) {
  quartier::Statement s(
      "WITH RECURSIVE trashed(id, bytes) AS ("
      " SELECT id, CASE WHEN scan_status = 'blocked' THEN 0 ELSE bytes END FROM files_items"
      " WHERE space_kind = :k AND space_ref = :r AND deleted_at IS NOT NULL"
      " UNION ALL SELECT i.id, CASE WHEN i.scan_status = 'blocked' THEN 0 ELSE i.bytes END FROM files_items i JOIN trashed ON i.parent_id = trashed.id)"
      " SELECT COALESCE((SELECT SUM(bytes) FROM trashed), 0) + COALESCE((SELECT SUM(v.bytes) FROM files_versions v"
      " JOIN trashed ON v.item_id = trashed.id WHERE v.scan_status <> 'blocked'), 0)");
  s.bind("k", sp.kind).bind("r", sp.ref);
  s.step();
  return s.int64(0);
}

// Each stored content once, as the blob store keeps it.
std::int64_t site_used() {
  quartier::Statement s("SELECT COALESCE(SUM(b.bytes), 0) FROM (SELECT MAX(a.bytes) AS bytes FROM ("
                        "SELECT blob_key, bytes FROM files_items WHERE blob_key IS NOT NULL UNION ALL"
                        " SELECT blob_key, bytes FROM files_versions WHERE blob_key IS NOT NULL) a GROUP BY a.blob_key) b");
  s.step();
  return s.int64(0);
}

std::string mib(std::int64_t bytes) { return std::to_string((bytes + 1024 * 1024 - 1) / (1024 * 1024)); }

}  // namespace

void load_quotas() {
  for (const char* key : {"quota_space_mb", "quota_person_mb", "quota_group_mb", "quota_department_mb", "quota_site_mb"})
    if (mib_setting(key) < 0)
      throw quartier::Error(QT_ERR_INVALID, std::string("[plugins.files] ") + key + " must be 0 (no limit) or more");
}

void check_quota(const Space& sp, std::int64_t incoming) {
  if (const auto quota = space_quota(sp); quota > 0) {
    const auto now = used(sp);
    if (now + incoming > quota)
      throw quartier::HttpError(413, "quota_exceeded",
                                "Die Datei passt nicht mehr hinein: dieser Ablageort hat " + mib(quota) + " MB, belegt sind " +
                                    mib(now) + " MB (der Papierkorb zählt mit). Bitte zuerst Dateien endgültig löschen. / The "
                                    "file does not fit: this space holds " + mib(quota) + " MB, " + mib(now) +
                                    " MB are used (the trash counts). Please delete files for good first.");
  }
  if (const auto quota = mib_setting("quota_site_mb"); quota > 0 && site_used() + incoming > quota)
    throw quartier::HttpError(507, "storage_full",
                              "Der Speicher für Dateien auf dieser Plattform ist voll. Bitte der Verwaltung Bescheid geben. / "
                              "The file storage of this platform is full. Please tell the administration.");
}

void check_quota_locked(const Space& sp, std::int64_t incoming) {
  if (quartier::dialect() == "postgresql") {
    quartier::Statement lock("SELECT pg_advisory_xact_lock(7265021)");  // "files quota", held to the commit
    lock.step();
  }
  check_quota(sp, incoming);
}

boost::json::object usage_json(const Space& sp, bool site) {
  boost::json::object o{{"used_bytes", used(sp)}, {"trash_bytes", in_trash(sp)}, {"quota_bytes", space_quota(sp)}};
  if (site) o["site"] = boost::json::object{{"used_bytes", site_used()}, {"quota_bytes", mib_setting("quota_site_mb")}};
  return o;
}

}  // namespace files
