#pragma once
// A person's part of the export (their events and answers) and of the erasure: answers and
// feeds go; the events they organised in a group stay with the group, anonymised; their other
// events go (the core deletes every item an erased person authored).
#include <cstdint>
#include <string>
#include <string_view>

namespace calendar {
std::string export_person(std::int64_t user);
void erase_person(std::int64_t user);
// At start, outside any erasure: the municipality's system author (ABI 1.2 system_author, which
// must not be called inside privacy_erase), whom a kept group event's item names instead.
void remember_system_author();
// content.deleted of one of our items (by the core, a moderator, an erasure): drop the event.
void drop_event_of_content(std::string_view json);
// container.deleted: the imports into a calendar that is gone (a deleted group).
void drop_imports_of_container(std::string_view json);
}  // namespace calendar
