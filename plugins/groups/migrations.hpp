#pragma once
// The plugin's own tables (all prefixed groups_), per dialect. The group itself is a core
// container and its members live in the core's membership table; these tables hold only what
// the core has no place for: directory details, pending join requests and invitations.
namespace groups {

void add_migrations(quartier::Plugin& plugin);

}  // namespace groups
