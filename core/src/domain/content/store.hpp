#pragma once
// qt::content::Store: containers, the one membership table, content items and the access
// checks over them. The core and every plugin (through the C ABI) use these same calls, and
// the checks are computed here from the core's tables, never by calling into a plugin.
//
// Transactions: EVERY method takes the soci::session& to run on and never leases a connection
// itself, so callers (route handlers, the plugin host, privacy providers) can group several
// calls in one transaction. Readers may pass db.read(); anything that writes needs db.write()
// (SQLite has a single writer; do not hold a read lease while waiting for the writer).
// Methods that write do not open a transaction of their own: wrap multi-step work in
// db::Transaction (platform/db/transaction.hpp: the core events of the work are delivered after
// its commit). Writes that touch several rows (create_item with its search index,
// update_item with its revision) are safe inside or outside a caller's transaction.
//
// Errors: problems a client can cause throw qt::domain::Error (404 not_found, 403 forbidden,
// 400 invalid_*); database failures surface as soci::soci_error.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <soci/soci.h>

#include "domain/content/types.hpp"
#include "platform/db/database.hpp"

namespace qt::events {
class Bus;
}

namespace qt::content {

class Images;
std::int64_t now_ms();  // UTC milliseconds since the epoch

class Store {
 public:
  explicit Store(db::Database& db) : db_(db) {}
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  db::Database& database() const { return db_; }
  // Where the core events of these calls go (domain/content/events.hpp); none until set.
  void set_events(const events::Bus* bus) { events_ = bus; }
  const events::Bus* events() const { return events_; }
  // Pictures in posts and comments (images.hpp): deleting an item or a container removes its
  // pictures, their files after the commit. None until set.
  void set_images(const Images* images) { images_ = images; }
  const Images* images() const { return images_; }

  // --- the person asking -------------------------------------------------------------------
  // Looks up users.neighbourhood_id for user_id (anonymous for 0). Role is taken as given
  // (the gate's req.role), so a role change takes effect with the session.
  Viewer viewer(soci::session& s, std::int64_t user_id, Role role) const;

  // --- containers --------------------------------------------------------------------------
  // The built-in containers, created on first use (idempotent, safe under concurrency); creating
  // needs a write session. The module creates the city container at start.
  std::int64_t city_container(soci::session& s) const;
  std::int64_t neighbourhood_container(soci::session& s, std::int64_t neighbourhood_id) const;
  std::int64_t profile_container(soci::session& s, std::int64_t user_id) const;  // owner = the user
  // Read-only lookups for read paths (nullopt = not created yet, so nothing posted there).
  std::optional<std::int64_t> find_city_container(soci::session& s) const;
  std::optional<std::int64_t> find_neighbourhood_container(soci::session& s, std::int64_t neighbourhood_id) const;
  std::optional<std::int64_t> find_profile_container(soci::session& s, std::int64_t user_id) const;

  // Plugin containers (kind "<plugin>.<kind>"). created_by, if set, becomes the active owner.
  std::int64_t create_container(soci::session& s, const NewContainer& c) const;
  void update_container(soci::session& s, std::int64_t id, const ContainerPatch& p) const;
  // Deletes the container, its memberships and all its content (comments, reactions, ...).
  // Publishes content.deleted for each live item, then container.deleted. actor_id 0 = system.
  void delete_container(soci::session& s, std::int64_t id, std::int64_t actor_id = 0) const;
  std::optional<Container> container(soci::session& s, std::int64_t id) const;
  Container require_container(soci::session& s, std::int64_t id) const;  // 404 if missing

  // --- memberships (one core table for every kind of container) ----------------------------
  void set_membership(soci::session& s, std::int64_t container_id, std::int64_t user_id,
                      MemberRole role, MemberState state, std::int64_t actor_id = 0) const;  // insert or update
  void remove_membership(soci::session& s, std::int64_t container_id, std::int64_t user_id,
                         std::int64_t actor_id = 0) const;
  std::optional<Membership> membership(soci::session& s, std::int64_t container_id,
                                       std::int64_t user_id) const;
  // Ordered by user id; keyset: pass the last user id seen as after_user.
  std::vector<Membership> members(soci::session& s, std::int64_t container_id,
                                  std::optional<MemberState> state, std::int64_t after_user,
                                  int limit) const;
  // Containers in which user_id is an active member (any role).
  std::vector<std::int64_t> member_containers(soci::session& s, std::int64_t user_id) const;
  // The active memberships of user_id in containers that `owner` (a plugin) registered.
  std::vector<Membership> owned_memberships(soci::session& s, std::int64_t user_id, const std::string& owner) const;

  // --- access (computed here, never by asking a plugin) ------------------------------------
  // Read: container public and viewer signed in; or viewer an active member; or a
  // neighbourhood container of the viewer's neighbourhood (or viewer staff/moderator/admin).
  bool can_read_container(soci::session& s, const Viewer& v, const Container& c) const;
  // Write (post into it): city - any signed-in person; neighbourhood - its residents and
  // staff/moderators/admins; profile - its owner; plugin containers - active members.
  bool can_write_container(soci::session& s, const Viewer& v, const Container& c) const;
  // Manage (edit the container, approve members): owner/moderator members; admins.
  bool can_manage_container(soci::session& s, const Viewer& v, const Container& c) const;

  // Of the given people, those who may read the container (one query; for live fan-out).
  std::vector<std::int64_t> readers_among(soci::session& s, const Container& c,
                                          const std::vector<std::int64_t>& user_ids) const;

  // An item: its container readable, the item not deleted, and not hidden by moderation
  // unless the viewer is its author or a moderator. Anonymous: public items in public containers.
  bool can_read(soci::session& s, const Viewer& v, const Item& item) const;
  // Edit or delete: the author, a manager of the container, or a moderator/admin.
  bool can_write(soci::session& s, const Viewer& v, const Item& item) const;
  bool can_read(soci::session& s, const Viewer& v, std::int64_t content_id) const;
  bool can_write(soci::session& s, const Viewer& v, std::int64_t content_id) const;

  // --- content items -----------------------------------------------------------------------
  // Checks nothing about the author's rights (callers check can_write_container first);
  // validates kind/owner/container and keeps the search index in step. Returns the new id.
  std::int64_t create_item(soci::session& s, const NewItem& item) const;
  // Stores the replaced values as a revision (editor_id), bumps revision and updated_at.
  void update_item(soci::session& s, std::int64_t id, std::int64_t editor_id, const ItemPatch& p) const;
  // Soft delete: keeps the row for comment threads and reports but clears title, summary, body
  // and revisions, and removes it from search. Idempotent.
  void delete_item(soci::session& s, std::int64_t id, std::int64_t actor_id = 0) const;
  std::optional<Item> item(soci::session& s, std::int64_t id) const;  // deleted ones too
  Item require_item(soci::session& s, std::int64_t id) const;         // 404 if missing or deleted
  std::vector<Item> items(soci::session& s, const std::vector<std::int64_t>& ids) const;  // one query
  std::vector<Revision> revisions(soci::session& s, std::int64_t content_id) const;  // newest first

  // Moderation state (used by qt::moderation; plugins may call it for their own tools).
  void set_hidden(soci::session& s, std::int64_t id, bool hidden, std::string_view reason,
                  std::int64_t actor_id = 0) const;

 private:
  db::Database& db_;
  const events::Bus* events_ = nullptr;
  const Images* images_ = nullptr;
};

}  // namespace qt::content
