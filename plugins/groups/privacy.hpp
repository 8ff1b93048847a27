#pragma once
// A person's group data in their export, and its erasure when the account is deleted.
#include <cstdint>
#include <string>
#include <string_view>

namespace groups {

std::string export_person(std::int64_t user_id);
// Runs inside the core's deletion transaction (before the core drops the memberships): hands
// ownership of groups the person owns alone to the longest-standing other member, deletes
// groups nobody else is in, and removes their requests and invitations.
void erase_person(std::int64_t user_id);
// container.deleted (a core event, after the commit): the group whose container went, with its
// requests and invitations (ON DELETE CASCADE), whoever deleted it: erasure of its last member
// or the core. Idempotent, so the plugin's own deletes may come first.
void drop_group_of_container(std::string_view json);

}  // namespace groups
