#include "domain/accounts/users.hpp"

#include <algorithm>
#include <cctype>

#include "domain/accounts/avatars.hpp"

namespace qt::accounts {
namespace {

constexpr const char* kColumns =
    "SELECT id, email, display_name, real_name, about, avatar, password_hash, role, department, "
    "neighbourhood_id, status, email_confirmed_at, residence_verified_at, language, profile_visibility, "
    "search_indexable, digest, created_at, updated_at FROM users ";

template <typename Bind>
std::optional<User> load_where(soci::session& s, const std::string& where, const Bind& value) {
  User u;
  long long id = 0, nb = 0, confirmed = 0, verified = 0, indexable = 0, created = 0, updated = 0;
  std::string avatar;
  soci::indicator avatar_ind = soci::i_ok, nb_ind = soci::i_ok, confirmed_ind = soci::i_ok,
                  verified_ind = soci::i_ok;
  s << std::string(kColumns) + where, soci::use(value), soci::into(id), soci::into(u.email),
      soci::into(u.display_name), soci::into(u.real_name), soci::into(u.about), soci::into(avatar, avatar_ind),
      soci::into(u.password_hash), soci::into(u.role), soci::into(u.department), soci::into(nb, nb_ind),
      soci::into(u.status), soci::into(confirmed, confirmed_ind), soci::into(verified, verified_ind),
      soci::into(u.language), soci::into(u.profile_visibility), soci::into(indexable), soci::into(u.digest),
      soci::into(created), soci::into(updated);
  if (!s.got_data()) return std::nullopt;
  u.id = id;
  if (avatar_ind == soci::i_ok) u.avatar = avatar;
  if (nb_ind == soci::i_ok) u.neighbourhood_id = nb;
  if (confirmed_ind == soci::i_ok) u.email_confirmed_at = confirmed;
  if (verified_ind == soci::i_ok) u.residence_verified_at = verified;
  u.search_indexable = indexable != 0;
  u.created_at = created;
  u.updated_at = updated;
  return u;
}

void put_optional(boost::json::object& o, const char* key, const std::optional<std::int64_t>& v) {
  if (v)
    o[key] = *v;
  else
    o[key] = nullptr;
}

}  // namespace

std::optional<User> load_user(soci::session& s, std::int64_t id) {
  const long long v = id;
  return load_where(s, "WHERE id = :v", v);
}

std::optional<User> load_user_by_email(soci::session& s, std::string_view email) {
  const std::string v = normalise_email(email);
  return load_where(s, "WHERE email = :v", v);
}

std::vector<User> find_users(soci::session& s, const UserFilter& f) {
  // Only the columns a directory may show; the filters are bound, each one off when empty.
  std::vector<User> out;
  const long long nb = f.neighbourhood_id.value_or(0), any_nb = f.neighbourhood_id ? 0 : 1;
  const long long any_role = f.role.empty() ? 1 : 0, any_dep = f.department.empty() ? 1 : 0;
  const long long after = f.after_id, limit = f.limit;
  long long id = 0, nbv = 0, verified = 0;
  soci::indicator nb_ind = soci::i_ok, verified_ind = soci::i_ok;
  User u;
  soci::statement st =
      (s.prepare << "SELECT id, display_name, role, department, neighbourhood_id, status, language, residence_verified_at"
                    " FROM users"
                    " WHERE status IN ('active', 'pending') AND id > :after"
                    " AND (:anynb = 1 OR neighbourhood_id = :nb) AND (:anyrole = 1 OR role = :role)"
                    " AND (:anydep = 1 OR department = :dep) ORDER BY id LIMIT :lim",
       soci::use(after, "after"), soci::use(any_nb, "anynb"), soci::use(nb, "nb"), soci::use(any_role, "anyrole"),
       soci::use(f.role, "role"), soci::use(any_dep, "anydep"), soci::use(f.department, "dep"),
       soci::use(limit, "lim"), soci::into(id), soci::into(u.display_name), soci::into(u.role),
       soci::into(u.department), soci::into(nbv, nb_ind), soci::into(u.status), soci::into(u.language),
       soci::into(verified, verified_ind));
  st.execute();
  while (st.fetch()) {
    u.id = id;
    u.neighbourhood_id = nb_ind == soci::i_ok ? std::optional<std::int64_t>(nbv) : std::nullopt;
    u.residence_verified_at = verified_ind == soci::i_ok ? std::optional<std::int64_t>(verified) : std::nullopt;
    out.push_back(u);
  }
  return out;
}

std::int64_t insert_user(soci::session& s, const User& u) {
  long long id = 0;
  const long long indexable = u.search_indexable ? 1 : 0;
  const long long created = u.created_at, updated = u.updated_at;
  const long long nb = u.neighbourhood_id.value_or(0);
  soci::indicator nb_ind = u.neighbourhood_id ? soci::i_ok : soci::i_null;
  const long long confirmed = u.email_confirmed_at.value_or(0);
  soci::indicator confirmed_ind = u.email_confirmed_at ? soci::i_ok : soci::i_null;
  s << "INSERT INTO users (email, display_name, real_name, about, password_hash, role, department, "
       "neighbourhood_id, status, email_confirmed_at, language, profile_visibility, search_indexable, digest, "
       "created_at, updated_at) VALUES (:email, :dn, :rn, :about, :ph, :role, :dep, :nb, :status, :conf, :lang, "
       ":vis, :idx, :digest, :created, :updated) RETURNING id",
      soci::use(u.email), soci::use(u.display_name), soci::use(u.real_name), soci::use(u.about),
      soci::use(u.password_hash), soci::use(u.role), soci::use(u.department), soci::use(nb, nb_ind),
      soci::use(u.status), soci::use(confirmed, confirmed_ind), soci::use(u.language),
      soci::use(u.profile_visibility), soci::use(indexable), soci::use(u.digest), soci::use(created),
      soci::use(updated), soci::into(id);
  return id;
}

std::string normalise_email(std::string_view email) {
  while (!email.empty() && std::isspace(static_cast<unsigned char>(email.front()))) email.remove_prefix(1);
  while (!email.empty() && std::isspace(static_cast<unsigned char>(email.back()))) email.remove_suffix(1);
  std::string out(email);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

Role role_from_string(std::string_view role) {
  if (role == "resident") return Role::resident;
  if (role == "staff") return Role::staff;
  if (role == "moderator") return Role::moderator;
  if (role == "admin") return Role::admin;
  return Role::none;
}

std::string_view role_name(Role role) {
  switch (role) {
    case Role::resident: return "resident";
    case Role::staff: return "staff";
    case Role::moderator: return "moderator";
    case Role::admin: return "admin";
    case Role::none: break;
  }
  return "none";
}

bool valid_role(std::string_view role) { return role_from_string(role) != Role::none; }

boost::json::object self_json(const User& u) {
  boost::json::object o;
  o["id"] = u.id;
  o["email"] = u.email;
  o["display_name"] = u.display_name;
  o["real_name"] = u.real_name;
  o["about"] = u.about;
  o["avatar"] = u.avatar.empty() ? boost::json::value(nullptr) : boost::json::value(avatar_url(u.id, u.avatar));
  o["role"] = u.role;
  o["department"] = u.department;
  put_optional(o, "neighbourhood_id", u.neighbourhood_id);
  o["status"] = u.status;
  put_optional(o, "email_confirmed_at", u.email_confirmed_at);
  put_optional(o, "residence_verified_at", u.residence_verified_at);
  o["verified_resident"] = u.residence_verified_at.has_value();
  o["language"] = u.language;
  o["profile_visibility"] = u.profile_visibility;
  o["search_indexable"] = u.search_indexable;
  o["digest"] = u.digest;
  o["created_at"] = u.created_at;
  o["updated_at"] = u.updated_at;
  return o;
}

boost::json::object profile_json(const User& u) {
  boost::json::object o;
  o["id"] = u.id;
  o["display_name"] = u.display_name;
  if (!u.real_name.empty()) o["real_name"] = u.real_name;
  o["about"] = u.about;
  o["avatar"] = u.avatar.empty() ? boost::json::value(nullptr) : boost::json::value(avatar_url(u.id, u.avatar));
  o["role"] = u.role;
  if (!u.department.empty()) o["department"] = u.department;
  put_optional(o, "neighbourhood_id", u.neighbourhood_id);
  o["verified_resident"] = u.residence_verified_at.has_value();
  o["profile_visibility"] = u.profile_visibility;
  o["search_indexable"] = u.search_indexable;
  o["member_since"] = u.created_at;
  return o;
}

boost::json::object author_json(const User& u) {
  boost::json::object o;
  o["id"] = u.id;
  const bool deleted = u.status == "deleted";
  o["display_name"] = deleted ? std::string("Gelöschtes Konto") : u.display_name;
  o["role"] = deleted ? std::string("resident") : u.role;
  if (!deleted && !u.department.empty()) o["department"] = u.department;
  o["verified_resident"] = !deleted && u.residence_verified_at.has_value();
  o["avatar"] = deleted || u.avatar.empty() ? boost::json::value(nullptr) : boost::json::value(avatar_url(u.id, u.avatar));
  o["deleted"] = deleted;
  return o;
}

}  // namespace qt::accounts
