#include "domain/credentials/sessions.hpp"

#include <boost/json/object.hpp>

#include "domain/credentials/tokens.hpp"
#include "platform/db/statement_cache.hpp"

namespace qt::accounts {

NewSession create_session(soci::session& s, std::int64_t user_id, std::int64_t now, std::int64_t absolute_ms,
                          const std::string& user_agent, const std::string& ip_hash) {
  NewSession n;
  n.token = random_token();
  n.csrf_token = random_token();
  n.expires_at = now + absolute_ms;
  const std::string hash = hash_token(n.token);
  const std::string ua = summarise_user_agent(user_agent);
  const long long uid = user_id, created = now, expires = n.expires_at;
  long long id = 0;
  s << "INSERT INTO sessions (user_id, token_hash, csrf_token, created_at, last_seen_at, expires_at, user_agent, "
       "ip_hash) VALUES (:u, :h, :c, :now, :now2, :exp, :ua, :ip) RETURNING id",
      soci::use(uid), soci::use(hash), soci::use(n.csrf_token), soci::use(created), soci::use(created),
      soci::use(expires), soci::use(ua), soci::use(ip_hash), soci::into(id);
  n.id = id;
  return n;
}

std::optional<ActiveSession> find_session(soci::session& s, const std::string& token, std::int64_t now,
                                          std::int64_t idle_ms) {
  if (token.size() < 20 || token.size() > 100) return std::nullopt;
  const std::string hash = hash_token(token);
  ActiveSession a;
  long long id = 0, uid = 0, seen = 0, expires = 0;
  std::string status;
  // Every signed-in request runs this: a cached statement (parsed once per connection). The row
  // itself is read every time, so a revoked session or a changed role counts at once.
  db::CachedStatement st(s, "SELECT s.id, s.user_id, s.csrf_token, s.last_seen_at, s.expires_at, u.role, u.language, u.status "
                            "FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = :h");
  st, soci::use(hash, "h"), soci::into(id), soci::into(uid), soci::into(a.csrf_token), soci::into(seen),
      soci::into(expires), soci::into(a.role), soci::into(a.language), soci::into(status);
  if (!st.execute_once()) return std::nullopt;
  if (status != "active" || expires <= now || seen + idle_ms <= now) return std::nullopt;
  a.id = id;
  a.user_id = uid;
  a.last_seen_at = seen;
  return a;
}

void touch_session(soci::session& s, std::int64_t session_id, std::int64_t now) {
  const long long id = session_id, t = now;
  s << "UPDATE sessions SET last_seen_at = :t WHERE id = :id", soci::use(t), soci::use(id);
}

void delete_session(soci::session& s, std::int64_t session_id) {
  const long long id = session_id;
  s << "DELETE FROM sessions WHERE id = :id", soci::use(id);
}

std::int64_t delete_user_sessions(soci::session& s, std::int64_t user_id, std::int64_t except_session_id) {
  const long long uid = user_id, except = except_session_id;
  soci::statement st = (s.prepare << "DELETE FROM sessions WHERE user_id = :u AND id <> :e", soci::use(uid),
                        soci::use(except));
  st.execute(true);
  return st.get_affected_rows();
}

bool delete_own_session(soci::session& s, std::int64_t user_id, std::int64_t session_id) {
  const long long uid = user_id, id = session_id;
  soci::statement st =
      (s.prepare << "DELETE FROM sessions WHERE id = :id AND user_id = :u", soci::use(id), soci::use(uid));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

void purge_expired_sessions(soci::session& s, std::int64_t now, std::int64_t idle_ms) {
  const long long t = now, idle_before = now - idle_ms;
  s << "DELETE FROM sessions WHERE expires_at <= :t OR last_seen_at <= :i", soci::use(t), soci::use(idle_before);
}

boost::json::array list_sessions(soci::session& s, std::int64_t user_id, std::int64_t current_id) {
  boost::json::array out;
  const long long uid = user_id;
  long long id = 0, created = 0, seen = 0, expires = 0;
  std::string ua;
  soci::statement st = (s.prepare << "SELECT id, created_at, last_seen_at, expires_at, user_agent FROM sessions "
                                     "WHERE user_id = :u ORDER BY last_seen_at DESC",
                        soci::use(uid), soci::into(id), soci::into(created), soci::into(seen), soci::into(expires),
                        soci::into(ua));
  st.execute();
  while (st.fetch()) {
    boost::json::object o;
    o["id"] = id;
    o["created_at"] = created;
    o["last_seen_at"] = seen;
    o["expires_at"] = expires;
    o["user_agent"] = ua;
    o["current"] = id == current_id;
    out.push_back(std::move(o));
  }
  return out;
}

std::string summarise_user_agent(const std::string& ua) {
  auto has = [&](const char* s) { return ua.find(s) != std::string::npos; };
  std::string browser = "Unbekannter Browser";
  if (has("Edg/"))
    browser = "Edge";
  else if (has("Firefox/"))
    browser = "Firefox";
  else if (has("OPR/"))
    browser = "Opera";
  else if (has("Chrome/") || has("Chromium/"))
    browser = "Chrome";
  else if (has("Safari/"))
    browser = "Safari";
  else if (has("curl/"))
    browser = "curl";
  std::string os;
  if (has("Android"))
    os = "Android";
  else if (has("iPhone") || has("iPad"))
    os = "iOS";
  else if (has("Windows"))
    os = "Windows";
  else if (has("Mac OS"))
    os = "macOS";
  else if (has("Linux"))
    os = "Linux";
  return os.empty() ? browser : browser + " / " + os;
}

}  // namespace qt::accounts
