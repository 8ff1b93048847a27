#pragma once
// A person's group data in their export, and its erasure when the account is deleted.
#include <cstdint>
#include <string>

namespace groups {

std::string export_person(std::int64_t user_id);
// Runs inside the core's deletion transaction (before the core drops the memberships): hands
// ownership of groups the person owns alone to the longest-standing other member, deletes
// groups nobody else is in, and removes their requests and invitations.
void erase_person(std::int64_t user_id);

}  // namespace groups
