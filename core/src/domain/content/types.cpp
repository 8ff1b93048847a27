#include "domain/content/types.hpp"

namespace qt::content {

std::string_view to_string(Visibility v) {
  switch (v) {
    case Visibility::public_: return "public";
    case Visibility::members: return "members";
    case Visibility::hidden: return "hidden";
  }
  return "members";
}
std::optional<Visibility> visibility_from(std::string_view s) {
  if (s == "public") return Visibility::public_;
  if (s == "members") return Visibility::members;
  if (s == "hidden") return Visibility::hidden;
  return std::nullopt;
}

std::string_view to_string(MemberRole r) {
  switch (r) {
    case MemberRole::owner: return "owner";
    case MemberRole::moderator: return "moderator";
    case MemberRole::member: return "member";
  }
  return "member";
}
std::optional<MemberRole> member_role_from(std::string_view s) {
  if (s == "owner") return MemberRole::owner;
  if (s == "moderator") return MemberRole::moderator;
  if (s == "member") return MemberRole::member;
  return std::nullopt;
}

std::string_view to_string(MemberState s) {
  switch (s) {
    case MemberState::active: return "active";
    case MemberState::requested: return "requested";
    case MemberState::invited: return "invited";
  }
  return "active";
}
std::optional<MemberState> member_state_from(std::string_view s) {
  if (s == "active") return MemberState::active;
  if (s == "requested") return MemberState::requested;
  if (s == "invited") return MemberState::invited;
  return std::nullopt;
}

std::string_view to_string(ItemVisibility v) { return v == ItemVisibility::public_ ? "public" : "members"; }
std::optional<ItemVisibility> item_visibility_from(std::string_view s) {
  if (s == "public") return ItemVisibility::public_;
  if (s == "members") return ItemVisibility::members;
  return std::nullopt;
}

}  // namespace qt::content
