// files: folders and documents in a group, in a department's space and in a person's private
// space. Built only through the C ABI (quartier/plugin.hpp): uploads stream to disk and live in
// the core's blob store (ABI 1.3), downloads are sent from disk with Range and ETag, pictures get
// previews from the core's image pipeline.
#include <string>

#include <quartier/plugin.hpp>

#include "blobs.hpp"
#include "migrations.hpp"
#include "privacy.hpp"
#include "routes.hpp"
#include "trash.hpp"

namespace {

// [plugins.files] max_file_mb, in bytes.
std::uint64_t max_file_bytes() {
  const auto v = quartier::config("max_file_mb");
  const std::uint64_t mb = v ? std::stoull(std::string(*v)) : 2048;
  return mb * 1024 * 1024;
}

}  // namespace

QUARTIER_PLUGIN("files", "1.0.0") {
  const auto& a = quartier::api();
  if (!QT_HOST_HAS(&a, image_render) || !QT_HOST_HAS(&a, job_handler))
    throw quartier::Error(QT_ERR_UNSUPPORTED, "files needs plugin ABI 1.3 (big bodies, blobs, file answers, images)");
  plugin.description("Ordner und Dokumente für Gruppen, Fachbereiche und Einwohner / Folders and documents for groups, departments and residents");
  plugin.ui_module("ui.js");
  plugin.setting("dir", QT_SETTING_STRING, "",
                 "Ordner der gespeicherten Dateien (außerhalb des Web-Roots); leer = neben [media] dir, „data/files“.",
                 "Folder of the stored files (outside the web root); empty = next to [media] dir, \"data/files\".");
  plugin.setting("max_file_mb", QT_SETTING_INT, "2048",
                 "Größte Datei in MiB, die hochgeladen werden darf.", "Largest file in MiB that may be uploaded.");
  plugin.setting("quota_space_mb", QT_SETTING_INT, "0",
                 "Höchstens so viele MiB je Ablageort (Person, Gruppe, Fachbereich); 0 = ohne Grenze.",
                 "At most this many MiB per space (person, group, department); 0 = no limit.");
  plugin.setting("quota_site_mb", QT_SETTING_INT, "0", "Höchstens so viele MiB für alle Dateien zusammen; 0 = ohne Grenze.",
                 "At most this many MiB for all files together; 0 = no limit.");
  files::add_migrations(plugin);
  files::add_blob_jobs(plugin);
  files::add_space_routes(plugin);
  files::add_upload_routes(plugin, max_file_bytes());
  files::add_item_routes(plugin);
  files::add_trash_routes(plugin);
  plugin.on_export([](std::int64_t user) { return files::export_person(user); });
  plugin.on_erase([](std::int64_t user) { files::erase_person(user); });
}
