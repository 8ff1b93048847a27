#include "domain/credentials/devices.hpp"

#include <boost/json/object.hpp>

#include "domain/credentials/sessions.hpp"
#include "domain/credentials/tokens.hpp"

namespace qt::accounts {

std::optional<std::int64_t> find_known_device(soci::session& s, const std::string& token, std::int64_t user_id) {
  if (token.size() < 20 || token.size() > 100) return std::nullopt;
  const std::string hash = hash_token(token);
  long long id = 0, owner = 0;
  s << "SELECT id, user_id FROM known_devices WHERE token_hash = :h", soci::use(hash), soci::into(id), soci::into(owner);
  if (!s.got_data() || owner != user_id) return std::nullopt;
  return id;
}

std::string remember_device(soci::session& s, std::int64_t user_id, std::int64_t now, const std::string& user_agent) {
  const std::string token = random_token();
  const std::string hash = hash_token(token);
  const std::string ua = summarise_user_agent(user_agent);
  const long long uid = user_id, t = now, keep = kMaxKnownDevices - 1;
  // Room for the new one: the account's longest unused devices beyond the cap go.
  s << "DELETE FROM known_devices WHERE user_id = :u AND id NOT IN (SELECT id FROM known_devices WHERE user_id = :u2 "
       "ORDER BY last_seen_at DESC, id DESC LIMIT :k)",
      soci::use(uid), soci::use(uid), soci::use(keep);
  s << "INSERT INTO known_devices (user_id, token_hash, created_at, last_seen_at, user_agent) "
       "VALUES (:u, :h, :t, :t2, :ua)",
      soci::use(uid), soci::use(hash), soci::use(t), soci::use(t), soci::use(ua);
  return token;
}

void touch_device(soci::session& s, std::int64_t device_id, std::int64_t now) {
  const long long id = device_id, t = now;
  s << "UPDATE known_devices SET last_seen_at = :t WHERE id = :id", soci::use(t), soci::use(id);
}

void forget_devices(soci::session& s, std::int64_t user_id) {
  const long long uid = user_id;
  s << "DELETE FROM known_devices WHERE user_id = :u", soci::use(uid);
}

boost::json::array list_devices(soci::session& s, std::int64_t user_id) {
  const long long uid = user_id;
  boost::json::array out;
  long long created = 0, seen = 0;
  std::string ua;
  soci::statement st = (s.prepare << "SELECT created_at, last_seen_at, user_agent FROM known_devices WHERE user_id = :u "
                                     "ORDER BY last_seen_at DESC",
                        soci::use(uid), soci::into(created), soci::into(seen), soci::into(ua));
  st.execute();
  while (st.fetch()) out.push_back(boost::json::object{{"created_at", created}, {"last_seen_at", seen}, {"user_agent", ua}});
  return out;
}

}  // namespace qt::accounts
