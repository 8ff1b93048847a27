#pragma once
// The hook for an operator's virus scanner: [plugins.files] scan_command (e.g. "clamdscan
// --fdpass --no-summary") is run on each uploaded file, the file's path appended as the last
// argument, without a shell. Exit 0 = clean, 1 = infected, anything else (or no answer within
// scan_timeout_s) = the scanner failed. Until the verdict is "clean" a file is held back
// ("pending", shown as "in Prüfung"): listed, but neither downloaded nor previewed. An infected
// file is "blocked": its content is removed and never served. A failed scan is retried by the
// durable job with backoff (and can be retried by an admin after the last attempt).
#include <cstdint>
#include <string>

#include <quartier/plugin.hpp>

namespace files {

enum class Verdict { clean, infected, failed };

// Reads and checks scan_command and scan_timeout_s (throws quartier::Error for bad ones).
void load_scanner();
bool scanning();
// Runs the scanner on `path` (what it printed is logged when it did not say "clean").
Verdict scan_file(const std::string& path);
// Keeps the upload's temporary file for the scan (a hard link beside the store's temporary
// folder, a copy if the link fails) before blob_put moves it; returns the kept path.
std::string keep_for_scan(const std::string& upload_path);
// Enqueues the scan of the content `key` (of item `id`, or of its versions meanwhile) that
// waits at `kept` (joins the open transaction).
void scan_later(std::int64_t id, const std::string& key, const std::string& kept);
// The durable job "scan".
void add_scan_job(quartier::Plugin& plugin);

}  // namespace files
