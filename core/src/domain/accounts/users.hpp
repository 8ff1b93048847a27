#pragma once
// People as the users table (0010) keeps them, and the reads every part of accounts shares.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>
#include <soci/soci.h>

#include "platform/util/role.hpp"

namespace qt::accounts {

struct User {
  std::int64_t id = 0;
  std::string email;
  std::string display_name;
  std::string real_name;
  std::string about;
  std::string avatar;  // "" = none
  std::string password_hash;
  std::string role = "resident";
  std::string department;
  std::optional<std::int64_t> neighbourhood_id;
  std::string status = "pending";
  std::optional<std::int64_t> email_confirmed_at;
  std::optional<std::int64_t> residence_verified_at;
  std::string language;
  std::string profile_visibility = "residents";
  bool search_indexable = false;
  std::string digest = "daily";
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
};

std::optional<User> load_user(soci::session& s, std::int64_t id);
std::optional<User> load_user_by_email(soci::session& s, std::string_view email);

// A page of people (status active or pending) for directories, ordered by id: keyset on
// after_id. Empty filters match everyone. limit is taken as given (callers bound it).
struct UserFilter {
  std::optional<std::int64_t> neighbourhood_id;
  std::string role;        // "" = any
  std::string department;  // "" = any
  std::int64_t after_id = 0;
  int limit = 100;
};
std::vector<User> find_users(soci::session& s, const UserFilter& f);

// Inserts the user (id ignored) and returns the new id.
std::int64_t insert_user(soci::session& s, const User& u);

// Lower-cased, trimmed e-mail address as stored.
std::string normalise_email(std::string_view email);

Role role_from_string(std::string_view role);  // unknown -> none
std::string_view role_name(Role role);
bool valid_role(std::string_view role);

// The person's own view (GET /api/me): everything but the password hash.
boost::json::object self_json(const User& u);
// What others may see of a profile (GET /api/users/{id}).
boost::json::object profile_json(const User& u);
// The smallest form for showing an author next to content.
boost::json::object author_json(const User& u);

}  // namespace qt::accounts
