#include "domain/accounts/audit.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace qt::accounts {

void audit(soci::session& s, std::int64_t actor_id, const std::string& action, const std::string& target_type,
           std::int64_t target_id, const boost::json::object& details, std::int64_t now) {
  const long long actor = actor_id, target = target_id, at = now;
  soci::indicator actor_ind = actor_id ? soci::i_ok : soci::i_null;
  soci::indicator target_ind = target_id ? soci::i_ok : soci::i_null;
  const std::string json = boost::json::serialize(details);
  s << "INSERT INTO audit_log (actor_id, action, target_type, target_id, details, at) "
       "VALUES (:a, :act, :tt, :t, :d, :at)",
      soci::use(actor, actor_ind), soci::use(action), soci::use(target_type), soci::use(target, target_ind),
      soci::use(json), soci::use(at);
}

boost::json::array audit_entries(soci::session& s, std::int64_t before_id, int limit, const std::string& target_type,
                                 std::int64_t target_id) {
  boost::json::array out;
  const long long before = before_id > 0 ? before_id : (1LL << 62);
  const long long tid = target_id;
  long long id = 0, actor = 0, target = 0, at = 0;
  soci::indicator actor_ind = soci::i_ok, target_ind = soci::i_ok;
  std::string action, ttype, details;
  const long long all = target_type.empty() ? 1 : 0;
  soci::statement st =
      (s.prepare << "SELECT id, actor_id, action, target_type, target_id, details, at FROM audit_log "
                    "WHERE id < :before AND (:all = 1 OR (target_type = :tt AND target_id = :tid)) "
                    "ORDER BY id DESC LIMIT :lim",
       soci::use(before), soci::use(all), soci::use(target_type), soci::use(tid), soci::use(limit), soci::into(id),
       soci::into(actor, actor_ind), soci::into(action), soci::into(ttype), soci::into(target, target_ind),
       soci::into(details), soci::into(at));
  st.execute();
  while (st.fetch()) {
    boost::json::object o;
    o["id"] = id;
    o["actor_id"] = actor_ind == soci::i_ok ? boost::json::value(actor) : boost::json::value(nullptr);
    o["action"] = action;
    o["target_type"] = ttype;
    o["target_id"] = target_ind == soci::i_ok ? boost::json::value(target) : boost::json::value(nullptr);
    boost::system::error_code ec;
    auto parsed = boost::json::parse(details, ec);
    o["details"] = ec ? boost::json::value(details) : parsed;
    o["at"] = at;
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace qt::accounts
