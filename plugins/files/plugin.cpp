// files: folders and documents in a group, in a department's space and in a person's private
// space. Built only through the C ABI (quartier/plugin.hpp): uploads stream to disk and live in
// the core's blob store (ABI 1.3), downloads are sent from disk with Range and ETag, pictures get
// previews from the core's image pipeline.
#include <string>

#include <boost/json.hpp>

#include <quartier/plugin.hpp>

#include "blobs.hpp"
#include "migrations.hpp"
#include "privacy.hpp"
#include "quota.hpp"
#include "scan.hpp"
#include "routes.hpp"
#include "trash.hpp"
#include "types.hpp"
#include "links.hpp"
#include "versions.hpp"

namespace {

// The default allow-list as the setting's JSON default.
const char* default_types_json() {
  static const std::string json = [] {
    boost::json::array a;
    for (const auto& t : files::default_allowed_types()) a.push_back(boost::json::string(t));
    return boost::json::serialize(a);
  }();
  return json.c_str();
}

}  // namespace

QUARTIER_PLUGIN("files", "1.0.0") {
  const auto& a = quartier::api();
  if (!QT_HOST_HAS(&a, res_file) || !QT_HOST_HAS(&a, job_handler))
    throw quartier::Error(QT_ERR_UNSUPPORTED,
                          "files needs plugin ABI 1.6 (big bodies, blobs read and written, file answers, images)");
  plugin.description("Ordner und Dokumente für Gruppen, Fachbereiche und Einwohner / Folders and documents for groups, departments and residents");
  plugin.ui_module("ui.js");
  plugin.setting("dir", QT_SETTING_STRING, "",
                 "Ordner der gespeicherten Dateien (außerhalb des Web-Roots); leer = neben [media] dir, „data/files“.",
                 "Folder of the stored files (outside the web root); empty = next to [media] dir, \"data/files\".");
  plugin.setting("max_file_mb", QT_SETTING_INT, "2048",
                 "Größte Datei in MiB, die hochgeladen werden darf.", "Largest file in MiB that may be uploaded.");
  plugin.setting("max_zip_mb", QT_SETTING_INT, "2048",
                 "Größter Ordner in MiB (Summe seiner Dateien), der als ZIP heruntergeladen werden kann.",
                 "Largest folder in MiB (its files added up) that can be downloaded as a ZIP.");
  plugin.setting("allowed_types", QT_SETTING_LIST, default_types_json(),
                 "Erlaubte Dateiarten, aus dem Inhalt erkannt („type/subtype“, „image/*“; „*“ = alle außer Programmen).",
                 "Allowed file types, sniffed from the content (\"type/subtype\", \"image/*\"; \"*\" = all but programs).");
  plugin.setting("quota_person_mb", QT_SETTING_INT, "0",
                 "Höchstens so viele MiB im privaten Ablageort einer Person; 0 = wie quota_space_mb.",
                 "At most this many MiB in a person's private space; 0 = as quota_space_mb.");
  plugin.setting("quota_group_mb", QT_SETTING_INT, "0", "Höchstens so viele MiB je Gruppe; 0 = wie quota_space_mb.",
                 "At most this many MiB per group; 0 = as quota_space_mb.");
  plugin.setting("quota_department_mb", QT_SETTING_INT, "0", "Höchstens so viele MiB je Fachbereich; 0 = wie quota_space_mb.",
                 "At most this many MiB per department; 0 = as quota_space_mb.");
  plugin.setting("quota_space_mb", QT_SETTING_INT, "0",
                 "Höchstens so viele MiB je Ablageort ohne eigene Grenze oben (Papierkorb zählt mit); 0 = ohne Grenze.",
                 "At most this many MiB per space without its own limit above (the trash counts); 0 = no limit.");
  plugin.setting("quota_site_mb", QT_SETTING_INT, "0",
                 "Höchstens so viele MiB für alle Dateien zusammen (gleicher Inhalt zählt einmal); 0 = ohne Grenze.",
                 "At most this many MiB for all files together (identical content counts once); 0 = no limit.");
  plugin.setting("scan_command", QT_SETTING_STRING, "\"\"",
                 "Virenscanner, der jede hochgeladene Datei prüft (z. B. „clamdscan --fdpass --no-summary“; der Pfad kommt "
                 "dazu; Exit 0 = sauber, 1 = befallen, sonst Fehler); leer = ohne Prüfung.",
                 "Virus scanner run on each uploaded file (e.g. \"clamdscan --fdpass --no-summary\"; the path is appended; "
                 "exit 0 = clean, 1 = infected, else failure); empty = no scanning.");
  plugin.setting("scan_timeout_s", QT_SETTING_INT, "600", "So viele Sekunden darf der Virenscanner je Datei brauchen.",
                 "Seconds the virus scanner may take per file.");
  plugin.setting("max_versions", QT_SETTING_INT, "20",
                 "So viele ältere Versionen einer Datei werden behalten (die ältesten gehen zuerst); 0 = keine.",
                 "This many older versions of a file are kept (the oldest go first); 0 = none.");
  files::load_quotas();
  files::load_versions();
  files::load_scanner();
  files::load_type_policy();
  files::max_zip_bytes();  // a bad value stops the start with its reason
  files::add_migrations(plugin);
  files::add_blob_jobs(plugin);
  files::add_scan_job(plugin);
  files::add_space_routes(plugin);
  files::add_upload_routes(plugin, files::max_file_bytes());
  files::add_item_routes(plugin);
  files::add_zip_routes(plugin);
  files::add_trash_routes(plugin);
  files::add_version_routes(plugin);
  files::add_link_routes(plugin);
  plugin.on_export([](std::int64_t user) { return files::export_person(user); });
  plugin.on_erase([](std::int64_t user) { files::erase_person(user); });
}
