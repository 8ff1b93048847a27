#pragma once
// Which kinds of file are taken: the type is sniffed from the content (libmagic over the
// uploaded temporary file, plus the signatures of programs checked here byte by byte), never
// taken from the name, and must match [plugins.files] allowed_types. Programs (ELF, PE/MZ,
// Mach-O) are refused whatever the list says.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json.hpp>

namespace files {

// The allow-list when [plugins.files] allowed_types is not set: documents, office formats,
// pictures (not SVG, which may carry scripts), PDF, plain text, audio, video, ZIP.
const std::vector<std::string>& default_allowed_types();
// Reads [plugins.files] allowed_types (a list of "type/subtype" entries; a trailing "*" matches
// any rest, "*" alone everything but programs). Throws quartier::Error naming the bad entry.
void load_type_policy();
const std::vector<std::string>& allowed_types();
bool type_allowed(std::string_view mime);
// The sniffed type of the file at `path`; HttpError 415 "upload_unsupported_type" for a program
// or a type the list does not allow. Reads only the file's head; nothing is stored.
std::string checked_type(const std::string& path);
// [plugins.files] max_file_mb in bytes (default 2048 MiB).
std::uint64_t max_file_bytes();
// [plugins.files] max_zip_mb in bytes: the largest folder (its files added up) sent as a ZIP.
std::uint64_t max_zip_bytes();
// {"max_file_bytes", "allowed_types"} for the UI, which checks the size before sending.
boost::json::object limits_json();
// Refuses with 415 as above when `mime` (the blob store's own sniffing) is not allowed.
void check_type(std::string_view mime);

}  // namespace files
