// GET /folders/{id}/zip: a folder with everything in it as one ZIP (subfolders kept). The plan
// is made from the database first (names made safe and unique, files held back by the scanner
// left out and named in a note, the size checked against [plugins.files] max_zip_mb), then
// libzip writes the archive into the answer file of ABI 1.6, reading each blob through the
// ABI's reader, and the core sends it from disk and removes it.
#include <algorithm>
#include <deque>
#include <string>
#include <vector>

#include <quartier/plugin.hpp>

#include "item.hpp"
#include "routes.hpp"
#include "types.hpp"
#include "util.hpp"
#include "zip_archive.hpp"
#include "zip_names.hpp"

namespace files {
namespace {

using quartier::Request;
using quartier::Response;

constexpr const char* kNoteName = "NICHT ENTHALTEN - NOT INCLUDED.txt";

struct ZipFile {
  std::string path, key, mime;
  std::uint64_t bytes = 0;
  std::time_t mtime = 0;
};

struct ZipPlan {
  std::vector<std::pair<std::string, std::time_t>> folders;  // "Root/", "Root/sub/", ...
  std::vector<ZipFile> files;
  std::vector<std::string> skipped;  // "path: why"
  std::uint64_t bytes = 0;
};

std::time_t seconds(std::int64_t ms) { return static_cast<std::time_t>(ms / 1000); }

[[noreturn]] void too_large(std::uint64_t limit) {
  const auto mb = std::to_string(limit / (1024 * 1024));
  throw quartier::HttpError(413, "zip_too_large",
                            "Dieser Ordner ist zu groß für einen ZIP-Download (höchstens " + mb +
                                " MiB); bitte die Unterordner oder Dateien einzeln herunterladen. / This folder is too "
                                "large for a ZIP download (at most " + mb +
                                " MiB); please download its subfolders or files one by one.");
}

std::string held_back(const Item& it) {
  if (it.scan_status == "pending") return "wird noch auf Schadsoftware geprüft / still being checked for malware";
  return "vom Virenscanner gesperrt / blocked by the virus scanner";
}

// One folder's items into the plan; subfolders are queued.
void plan_folder(const Item& folder, const std::string& prefix, bool root, ZipPlan& plan, std::uint64_t limit,
                 std::deque<std::pair<Item, std::string>>& queue) {
  ZipNames names;
  if (root) names.unique(kNoteName, false);  // the note's name stays free in the top folder
  for (auto& c : children(folder.space_kind, folder.space_ref, folder.id)) {
    const auto path = prefix + names.unique(zip_safe_name(c.name), c.is_folder);
    if (c.is_folder) {
      plan.folders.emplace_back(path + "/", seconds(c.updated_at));
      queue.emplace_back(std::move(c), path + "/");
    } else if (c.scan_status != "clean") {
      plan.skipped.push_back(path + ": " + held_back(c));
    } else {
      plan.bytes += static_cast<std::uint64_t>(c.bytes);
      if (plan.bytes > limit) too_large(limit);
      plan.files.push_back({path, c.blob_key, c.mime, static_cast<std::uint64_t>(c.bytes),
                            seconds(std::max(c.content_at, c.updated_at))});
    }
  }
}

ZipPlan plan_of(const Item& root, std::uint64_t limit) {
  ZipPlan plan;
  const auto top = zip_safe_name(root.name) + "/";
  plan.folders.emplace_back(top, seconds(root.updated_at));
  std::deque<std::pair<Item, std::string>> queue;
  plan_folder(root, top, true, plan, limit, queue);
  while (!queue.empty()) {
    auto [folder, prefix] = std::move(queue.front());
    queue.pop_front();
    plan_folder(folder, prefix, false, plan, limit, queue);
  }
  return plan;
}

std::string note_text(const std::vector<std::string>& skipped) {
  std::string text =
      "Diese Dateien sind nicht in diesem ZIP enthalten; sie lassen sich erst herunterladen, wenn die Prüfung sie "
      "freigibt.\nThese files are not in this ZIP; they can be downloaded once the check releases them.\n\n";
  for (const auto& s : skipped) text += s + "\n";
  return text;
}

void write_zip(const std::string& path, const ZipPlan& plan, const std::string& note_path) {
  ZipWriter zip(path);
  for (const auto& [name, mtime] : plan.folders) zip.add_folder(name, mtime);
  for (const auto& f : plan.files) zip.add_blob(f.path, f.key, f.bytes, f.mtime, !compressed_already(f.mime));
  if (!plan.skipped.empty()) zip.add_text(note_path, note_text(plan.skipped), std::time(nullptr));
  zip.finish();
}

void folder_zip(Request& req, Response& res) {
  auto [folder, sp] = open_item(req, req.id_param("id"));
  if (!folder.is_folder)
    throw quartier::HttpError(400, "not_a_folder",
                              "Nur ein Ordner lässt sich als ZIP herunterladen; eine Datei bitte direkt herunterladen. / "
                              "Only a folder can be downloaded as a ZIP; please download a file directly.");
  auto plan = plan_of(folder, max_zip_bytes());
  // A blob removed since (the file was deleted meanwhile) is left out rather than failing the archive.
  std::vector<ZipFile> present;
  for (auto& f : plan.files) {
    if (quartier::stat_blob(f.key)) present.push_back(std::move(f));
    else plan.skipped.push_back(f.path + ": gerade gelöscht / deleted just now");
  }
  plan.files = std::move(present);
  const auto path = quartier::answer_file(res);
  write_zip(path, plan, plan.folders.front().first + kNoteName);
  quartier::send_file(res, path, "application/zip", zip_safe_name(folder.name) + ".zip");
  res.header("X-Files-Skipped", std::to_string(plan.skipped.size()));
}

}  // namespace

void add_zip_routes(quartier::Plugin& plugin) {
  plugin.route("GET", "/folders/{id}/zip", quartier::Access::user, folder_zip, QT_LANE_BLOCKING);
}

}  // namespace files
