#pragma once
// Plain data of the content model: containers, memberships, items. Shared by the store, the
// stream, moderation, search and the plugin host (which maps them onto the C ABI).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "platform/util/role.hpp"

namespace qt::content {

// Who may see a container's content.
//   public  - every signed-in person (anonymous visitors only items marked ItemVisibility::public_)
//   members - active members only; the container itself is listed and findable by name
//   hidden  - active members only; the container is not listed or findable for anyone else
// Neighbourhood containers are `members` with implicit membership: the residents whose
// users.neighbourhood_id is the container's neighbourhood, plus staff, moderators and admins.
enum class Visibility { public_, members, hidden };
std::string_view to_string(Visibility v);                 // "public", "members", "hidden"
std::optional<Visibility> visibility_from(std::string_view s);

enum class MemberRole { owner, moderator, member };
std::string_view to_string(MemberRole r);                 // "owner", "moderator", "member"
std::optional<MemberRole> member_role_from(std::string_view s);

enum class MemberState { active, requested, invited };
std::string_view to_string(MemberState s);                // "active", "requested", "invited"
std::optional<MemberState> member_state_from(std::string_view s);

// An item's own visibility on top of its container's:
//   members - whoever may read the container (the default)
//   public_ - additionally anonymous visitors, if the container is `public` (e.g. announcements)
enum class ItemVisibility { members, public_ };
std::string_view to_string(ItemVisibility v);             // "members", "public"
std::optional<ItemVisibility> item_visibility_from(std::string_view s);

// Built-in container kinds; plugins register "<plugin>.<kind>" (e.g. "groups.group").
inline constexpr std::string_view kCity = "city";
inline constexpr std::string_view kNeighbourhood = "neighbourhood";
inline constexpr std::string_view kProfile = "profile";

struct Container {
  std::int64_t id = 0;
  std::string kind;             // "city", "neighbourhood", "profile", "groups.group", ...
  std::string owner = "core";   // "core" or the plugin that registered the kind
  std::string name;
  std::string description;
  Visibility visibility = Visibility::public_;
  std::optional<std::int64_t> neighbourhood_id;  // scope: the neighbourhood it belongs to (if any)
  std::optional<std::int64_t> user_id;           // profile containers: whose profile
  std::int64_t created_by = 0;                   // 0 = the system
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
};

struct NewContainer {
  std::string kind;
  std::string owner = "core";
  std::string name;
  std::string description;
  Visibility visibility = Visibility::members;
  std::optional<std::int64_t> neighbourhood_id;
  std::int64_t created_by = 0;  // if non-zero, becomes the container's active owner member
};

struct ContainerPatch {
  std::optional<std::string> name;
  std::optional<std::string> description;
  std::optional<Visibility> visibility;
  std::optional<std::optional<std::int64_t>> neighbourhood_id;  // set: move it (nullopt inside = no neighbourhood)
};

struct Membership {
  std::int64_t container_id = 0;
  std::int64_t user_id = 0;
  MemberRole role = MemberRole::member;
  MemberState state = MemberState::active;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
};

// The person asking, as the access checks need them. Store::viewer() fills neighbourhood_id.
struct Viewer {
  std::int64_t user_id = 0;  // 0 = anonymous
  Role role = Role::none;
  std::optional<std::int64_t> neighbourhood_id;

  bool signed_in() const { return user_id != 0 && role != Role::none; }
  // Staff, moderators and admins serve every neighbourhood, so they read all of them.
  bool area_wide() const { return role == Role::staff || role == Role::moderator || role == Role::admin; }
  bool moderator() const { return role == Role::moderator || role == Role::admin; }
};

struct Item {
  std::int64_t id = 0;
  std::string kind;            // "post", "announcement", "groups.event", ...
  std::string owner = "core";  // the plugin that made it, or "core"
  std::int64_t container_id = 0;
  std::int64_t author_id = 0;
  ItemVisibility visibility = ItemVisibility::members;
  std::string title;
  std::string summary;         // plain text shown in the stream and indexed for search
  std::string body;            // source text (Markdown for posts)
  std::string body_html;       // sanitised HTML rendered from body ("" if the kind has none)
  bool official = false;       // published by staff on behalf of the administration
  bool pinned = false;
  bool urgent = false;
  bool hidden = false;         // hidden by moderation (or by the report threshold)
  std::string hidden_reason;
  std::int64_t comment_count = 0;
  std::int64_t revision = 1;   // 1 + number of edits
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
  std::optional<std::int64_t> deleted_at;
  std::string card;            // a plugin's card data: a serialised JSON object, "" = none
  std::optional<std::int64_t> expires_at;  // from then on out of the streams and search
};

struct NewItem {
  std::string kind;
  std::string owner = "core";
  std::int64_t container_id = 0;
  std::int64_t author_id = 0;
  ItemVisibility visibility = ItemVisibility::members;
  std::string title;
  std::string summary;
  std::string body;
  std::string body_html;
  bool official = false;
  bool pinned = false;
  bool urgent = false;
  std::string card;                        // checked with checked_card(); "" = none
  std::optional<std::int64_t> created_at;  // imports: checked with check_import_time(); else now
  std::optional<std::int64_t> expires_at;
};

struct ItemPatch {
  std::optional<std::string> title;
  std::optional<std::string> summary;
  std::optional<std::string> body;
  std::optional<std::string> body_html;
  std::optional<ItemVisibility> visibility;
  std::optional<bool> pinned;
  std::optional<std::string> card;                         // "" clears it
  std::optional<bool> official;
  std::optional<std::optional<std::int64_t>> expires_at;   // nullopt inside: never expires
};

struct Revision {
  std::int64_t id = 0;
  std::int64_t content_id = 0;
  std::int64_t revision = 0;  // the revision these values were (1 = the original)
  std::int64_t editor_id = 0;
  std::string title;
  std::string summary;
  std::string body;
  std::int64_t created_at = 0;  // when they were replaced
};

}  // namespace qt::content
