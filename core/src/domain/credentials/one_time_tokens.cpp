#include "domain/credentials/one_time_tokens.hpp"

#include "domain/credentials/tokens.hpp"

namespace qt::accounts {

std::string issue_token(soci::session& s, std::int64_t user_id, const std::string& purpose, std::int64_t now,
                        std::int64_t valid_ms) {
  const std::string token = random_token();
  const std::string hash = hash_token(token);
  const long long uid = user_id, t = now, exp = now + valid_ms;
  s << "UPDATE one_time_tokens SET used_at = :t WHERE user_id = :u AND purpose = :p AND used_at IS NULL",
      soci::use(t), soci::use(uid), soci::use(purpose);
  s << "INSERT INTO one_time_tokens (user_id, purpose, token_hash, created_at, expires_at) "
       "VALUES (:u, :p, :h, :t, :e)",
      soci::use(uid), soci::use(purpose), soci::use(hash), soci::use(t), soci::use(exp);
  return token;
}

std::optional<std::int64_t> consume_token(soci::session& s, const std::string& token, const std::string& purpose,
                                          std::int64_t now) {
  if (token.size() < 20 || token.size() > 100) return std::nullopt;
  const std::string hash = hash_token(token);
  const long long t = now;
  soci::statement st = (s.prepare << "UPDATE one_time_tokens SET used_at = :t WHERE token_hash = :h AND purpose = :p "
                                     "AND used_at IS NULL AND expires_at > :now",
                        soci::use(t), soci::use(hash), soci::use(purpose), soci::use(t));
  st.execute(true);
  if (st.get_affected_rows() != 1) return std::nullopt;
  long long uid = 0;
  s << "SELECT user_id FROM one_time_tokens WHERE token_hash = :h", soci::use(hash), soci::into(uid);
  return uid;
}

}  // namespace qt::accounts
