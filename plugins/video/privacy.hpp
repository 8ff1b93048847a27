#pragma once
// Privacy: a person's rooms (those they made); nothing of a call is stored, guests leave nothing.
#include <cstdint>
#include <string>

namespace video {
std::string export_person(std::int64_t user);
// Deletes the person's own rooms (resident rooms and rooms they made for a group) and their
// presence; staff rooms (consultation hours, cafés) stay for the municipality without the name.
void erase_person(std::int64_t user);
}  // namespace video
