#pragma once
// A person's part of the data export, and their erasure with the account.
#include <cstdint>
#include <string>

namespace files {

// Every file and folder the person made, wherever it lies (name, space, size, type, SHA-256).
std::string export_person(std::int64_t user);
// Their private space goes entirely; what they put into groups and department spaces stays
// there for the others but no longer names them (owner_id 0). Blobs no row needs any more are
// removed by the sweep job after the erasure commits.
void erase_person(std::int64_t user);

}  // namespace files
