#include "domain/accounts/email_change.hpp"

#include "domain/credentials/tokens.hpp"

namespace qt::accounts {

std::string issue_email_change(soci::session& s, std::int64_t user_id, const std::string& new_email, std::int64_t now,
                               std::int64_t valid_ms) {
  const std::string token = random_token();
  const std::string hash = hash_token(token);
  const long long uid = user_id, t = now, exp = now + valid_ms;
  s << "UPDATE email_changes SET used_at = :t WHERE user_id = :u AND used_at IS NULL", soci::use(t), soci::use(uid);
  s << "INSERT INTO email_changes (user_id, new_email, token_hash, created_at, expires_at) VALUES (:u, :e, :h, :t, :x)",
      soci::use(uid), soci::use(new_email), soci::use(hash), soci::use(t), soci::use(exp);
  return token;
}

std::optional<EmailChange> consume_email_change(soci::session& s, const std::string& token, std::int64_t now) {
  if (token.size() < 20 || token.size() > 100) return std::nullopt;
  const std::string hash = hash_token(token);
  const long long t = now;
  // One UPDATE decides: two clicks at once cannot both succeed.
  soci::statement st = (s.prepare << "UPDATE email_changes SET used_at = :t WHERE token_hash = :h AND used_at IS NULL "
                                     "AND expires_at > :now",
                        soci::use(t), soci::use(hash), soci::use(t));
  st.execute(true);
  if (st.get_affected_rows() != 1) return std::nullopt;
  EmailChange c;
  long long uid = 0;
  s << "SELECT user_id, new_email FROM email_changes WHERE token_hash = :h", soci::use(hash), soci::into(uid),
      soci::into(c.new_email);
  c.user_id = uid;
  return c;
}

std::optional<EmailChange> pending_email_change(soci::session& s, std::int64_t user_id, std::int64_t now) {
  const long long uid = user_id, t = now;
  EmailChange c;
  s << "SELECT new_email FROM email_changes WHERE user_id = :u AND used_at IS NULL AND expires_at > :t "
       "ORDER BY id DESC LIMIT 1",
      soci::use(uid), soci::use(t), soci::into(c.new_email);
  if (!s.got_data()) return std::nullopt;
  c.user_id = user_id;
  return c;
}

}  // namespace qt::accounts
