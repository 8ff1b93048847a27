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

std::int64_t used(const Space* sp) {
  quartier::Statement s(sp ? "SELECT COALESCE(SUM(bytes), 0) FROM files_items WHERE space_kind = :k AND space_ref = :r"
                           : "SELECT COALESCE(SUM(bytes), 0) FROM files_items");
  if (sp) s.bind("k", sp->kind).bind("r", sp->ref);
  s.step();
  return s.int64(0);
}

std::string mib(std::int64_t bytes) { return std::to_string((bytes + 1024 * 1024 - 1) / (1024 * 1024)); }

}  // namespace

void check_quota(const Space& sp, std::int64_t incoming) {
  for (const bool site : {false, true}) {
    const auto quota = mib_setting(site ? "quota_site_mb" : "quota_space_mb");
    if (quota <= 0) continue;
    const auto now = used(site ? nullptr : &sp);
    if (now + incoming <= quota) continue;
    const std::string where_de = site ? "der gesamte Speicher" : "dieser Ablageort";
    const std::string where_en = site ? "the whole storage" : "this space";
    throw quartier::HttpError(413, "quota_exceeded",
                              "Die Datei passt nicht mehr hinein: " + where_de + " hat " + mib(quota) + " MB, belegt sind " +
                                  mib(now) + " MB. Bitte zuerst Dateien löschen. / The file does not fit: " + where_en +
                                  " holds " + mib(quota) + " MB, " + mib(now) + " MB are used. Please delete files first.");
  }
}

boost::json::object usage_json(const Space& sp) {
  return {{"used_bytes", used(&sp)}, {"quota_bytes", mib_setting("quota_space_mb")}};
}

}  // namespace files
