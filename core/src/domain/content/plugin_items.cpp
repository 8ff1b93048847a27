#include "domain/content/plugin_items.hpp"

#include <boost/json.hpp>

#include "domain/content/store.hpp"
#include "domain/errors/error.hpp"

namespace qt::content {

namespace {
// The system author's address: .invalid never resolves (RFC 2606), so no mail can reach anyone.
constexpr const char* kSystemEmail = "system@quartier.invalid";
}  // namespace

std::string checked_card(std::string_view json) {
  // Checked on the text the plugin sent, so the limit is what a module author can count.
  if (json.size() > kCardMaxBytes)
    throw domain::Error(domain::ErrorKind::invalid, "invalid_card",
                        "card_json has " + std::to_string(json.size()) + " bytes; at most " +
                            std::to_string(kCardMaxBytes) + " are allowed.");
  boost::system::error_code ec;
  auto value = boost::json::parse(json, ec);
  if (ec) throw domain::Error(domain::ErrorKind::invalid, "invalid_card", "card_json is not valid JSON: " + ec.message());
  if (!value.is_object())
    throw domain::Error(domain::ErrorKind::invalid, "invalid_card", "card_json must be a JSON object ({...}).");
  return boost::json::serialize(value);
}

void check_import_time(std::int64_t created_at, std::int64_t now_ms) {
  if (created_at > now_ms)
    throw domain::Error(domain::ErrorKind::invalid, "invalid_created_at",
                        "created_at lies in the future; only past times may be set (for imports).");
  if (created_at < kYear2000Ms)
    throw domain::Error(domain::ErrorKind::invalid, "invalid_created_at",
                        "created_at lies before 2000-01-01; pass UTC milliseconds since the epoch.");
}

void require_official_author(soci::session& s, std::int64_t author_id) {
  std::string role;
  s << "SELECT role FROM users WHERE id = :id", soci::use(author_id, "id"), soci::into(role);
  if (!s.got_data())
    throw domain::Error(domain::ErrorKind::not_found, "not_found", "no person " + std::to_string(author_id));
  if (role != "staff" && role != "admin")
    throw domain::Error(domain::ErrorKind::denied, "not_staff",
                        "Only staff may publish official items; person " + std::to_string(author_id) + " is " +
                            role + ".");
}

std::int64_t system_author(soci::session& s, const std::string& municipality_name) {
  const std::string email = kSystemEmail;
  std::int64_t id = 0;
  s << "SELECT id FROM users WHERE email = :e", soci::use(email, "e"), soci::into(id);
  if (s.got_data()) return id;
  const std::string name = municipality_name.empty() ? std::string("Quartier") : municipality_name;
  const std::int64_t t = now_ms();
  // Disabled and without a password hash: it can never sign in. ON CONFLICT: another node or
  // thread created it first, which is as good.
  s << "INSERT INTO users (email, display_name, password_hash, role, status, created_at, updated_at)"
       " VALUES (:e, :n, '', 'staff', 'disabled', :t1, :t2) ON CONFLICT (email) DO NOTHING",
      soci::use(email, "e"), soci::use(name, "n"), soci::use(t, "t1"), soci::use(t, "t2");
  s << "SELECT id FROM users WHERE email = :e", soci::use(email, "e"), soci::into(id);
  return id;
}

namespace sql {

std::string not_expired(std::string_view alias, db::Dialect dialect) {
  const std::string a(alias);
  const char* now = dialect == db::Dialect::postgresql
                        ? "CAST(EXTRACT(EPOCH FROM now()) * 1000 AS BIGINT)"
                        : "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)";
  return "(" + a + "expires_at IS NULL OR " + a + "expires_at > " + now + ")";
}

}  // namespace sql

}  // namespace qt::content
