#include "domain/accounts/accounts.hpp"

#include <boost/json/serialize.hpp>

#include "domain/accounts/audit.hpp"
#include "domain/credentials/devices.hpp"
#include "domain/accounts/display_name.hpp"
#include "domain/accounts/email_change.hpp"
#include "domain/credentials/password.hpp"
#include "domain/credentials/sessions.hpp"
#include "domain/credentials/tokens.hpp"
#include "domain/municipality/instance_settings.hpp"
#include "domain/municipality/legal.hpp"
#include "platform/log/log.hpp"
#include "platform/mail/message.hpp"
#include "platform/mail/outbox.hpp"
#include "platform/media/base64.hpp"
#include "platform/privacy/registry.hpp"
#include "platform/util/clock.hpp"
#include "platform/db/transaction.hpp"
#include "platform/events/bus.hpp"

namespace qt::accounts {
namespace {

// Touching last_seen_at at most once a minute keeps the idle timeout exact enough without a
// write on every request.
constexpr std::int64_t kTouchEveryMs = 60 * 1000;

}  // namespace

Accounts::Accounts(db::Database& db, mail::Outbox& outbox, privacy::Registry& privacy, Settings settings)
    : db_(db), outbox_(outbox), privacy_(privacy), settings_(std::move(settings)), avatars_(settings_.avatars) {
  // Several nodes may share one PostgreSQL: count login, reset and registration attempts there.
  if (db_.dialect() == db::Dialect::postgresql) limiter_.share_through(db_);
  if (!settings_.breached_passwords_file.empty()) {
    const auto n = load_extra_common_passwords(settings_.breached_passwords_file);
    log::info("loaded extra breached-password list", {{"entries", static_cast<std::int64_t>(n)}});
  }
}

std::optional<User> Accounts::user(std::int64_t id) {
  auto lease = db_.read();
  return load_user(lease.session(), id);
}

boost::json::object Accounts::author(std::int64_t id) {
  if (auto u = user(id)) return author_json(*u);
  User gone;
  gone.id = id;
  gone.status = "deleted";
  return author_json(gone);
}

bool Accounts::is_active(std::int64_t id) {
  auto u = user(id);
  return u && u->status == "active";
}

std::string Accounts::registration_mode() {
  auto lease = db_.read();
  return accounts::registration_mode(lease.session(), settings_.registration_default);
}

std::optional<ActiveSession> Accounts::session_for(const std::string& token, std::int64_t now) {
  std::optional<ActiveSession> session;
  {
    auto lease = db_.read();
    session = find_session(lease.session(), token, now, settings_.idle_ms);
  }
  if (session && now - session->last_seen_at >= kTouchEveryMs) {
    // Queued, not written here: a write (and with synchronous=FULL an fsync) on the request
    // path cost a signed-in page view 10 % of its CPU and held the single writer connection.
    std::lock_guard lock(touches_mu_);
    touches_[session->id] = now;
  }
  return session;
}

std::optional<std::int64_t> Accounts::spend_api_budget(std::int64_t user_id) {
  return api_limiter_.hit("api:" + std::to_string(user_id), settings_.api_per_user);
}

void Accounts::flush_session_touches() {
  std::unordered_map<std::int64_t, std::int64_t> due;
  {
    std::lock_guard lock(touches_mu_);
    due.swap(touches_);
  }
  if (due.empty()) return;
  auto lease = db_.write();
  db::Transaction tx(lease.session());
  for (const auto& [id, seen] : due) touch_session(lease.session(), id, seen);
  tx.commit();
}

std::int64_t Accounts::create_user(const NewUser& n, std::int64_t actor_id) {
  User u;
  u.email = normalise_email(n.email);
  if (!mail::plausible_address(u.email))
    throw domain::Error(domain::ErrorKind::invalid, "invalid_email", "Bitte eine gültige E-Mail-Adresse angeben. / Invalid e-mail address.");
  u.display_name = checked_display_name(n.display_name);
  if (auto problem = password_problem(n.password, u.email, u.display_name))
    throw domain::Error(domain::ErrorKind::invalid, "weak_password", *problem);
  if (!valid_role(n.role))
    throw domain::Error(domain::ErrorKind::invalid, "invalid_role", "Rolle muss resident, staff, moderator oder admin sein.");
  u.role = n.role;
  u.department = n.department;
  u.neighbourhood_id = n.neighbourhood_id;
  u.status = n.status;
  u.password_hash = hash_password(n.password);
  const auto now = now_ms();
  u.created_at = u.updated_at = now;
  if (n.email_confirmed) u.email_confirmed_at = now;
  auto lease = db_.write();
  db::Transaction tx(lease.session());
  if (load_user_by_email(lease.session(), u.email))
    throw domain::Error(domain::ErrorKind::conflict, "email_taken", "Für diese E-Mail-Adresse gibt es schon ein Konto.");
  if (u.neighbourhood_id) {
    long long found = 0;
    const long long nb = *u.neighbourhood_id;
    lease.session() << "SELECT COUNT(*) FROM neighbourhoods WHERE id = :id", soci::use(nb), soci::into(found);
    if (found == 0) throw domain::Error(domain::ErrorKind::invalid, "unknown_neighbourhood", "Dieses Quartier gibt es nicht.");
  }
  const auto id = insert_user(lease.session(), u);
  audit(lease.session(), actor_id, "user.created", "user", id, {{"role", u.role}}, now);
  tx.commit();
  return id;
}

void Accounts::change_role(std::int64_t actor_id, std::int64_t user_id, const std::string& role,
                           const std::optional<std::string>& department) {
  if (!valid_role(role))
    throw domain::Error(domain::ErrorKind::invalid, "invalid_role", "Rolle muss resident, staff, moderator oder admin sein.");
  const auto now = now_ms();
  auto lease = db_.write();
  db::Transaction tx(lease.session());
  auto u = load_user(lease.session(), user_id);
  if (!u || u->status == "deleted") throw domain::Error(domain::ErrorKind::not_found, "user_not_found", "Dieses Konto gibt es nicht.");
  if (u->role == "admin" && role != "admin") {
    long long admins = 0;
    lease.session() << "SELECT COUNT(*) FROM users WHERE role = 'admin' AND status = 'active'", soci::into(admins);
    if (admins <= 1)
      throw domain::Error(domain::ErrorKind::conflict, "last_admin",
                            "Das ist das letzte aktive Admin-Konto. Bitte zuerst ein weiteres Konto zum Admin machen.");
  }
  const std::string dep = department.value_or(u->department);
  const long long id = user_id, t = now;
  lease.session() << "UPDATE users SET role = :r, department = :d, updated_at = :t WHERE id = :id", soci::use(role),
      soci::use(dep), soci::use(t), soci::use(id);
  // A privilege change ends every session: the next login gets a new token (ASVS V3.2.1).
  const auto revoked = u->role != role ? delete_user_sessions(lease.session(), user_id) : 0;
  audit(lease.session(), actor_id, "user.role_changed", "user", user_id,
        {{"from", u->role}, {"to", role}, {"department", dep}, {"sessions_revoked", revoked}}, now);
  publish_user_updated(lease.session(), user_id, actor_id, {"role", "department"});
  tx.commit();
}

void Accounts::change_status(std::int64_t actor_id, std::int64_t user_id, const std::string& status) {
  if (status != "active" && status != "disabled" && status != "suspended")
    throw domain::Error(domain::ErrorKind::invalid, "invalid_status", "Status muss active, disabled oder suspended sein.");
  const auto now = now_ms();
  auto lease = db_.write();
  db::Transaction tx(lease.session());
  auto u = load_user(lease.session(), user_id);
  if (!u || u->status == "deleted") throw domain::Error(domain::ErrorKind::not_found, "user_not_found", "Dieses Konto gibt es nicht.");
  if (u->role == "admin" && status != "active" && u->status == "active") {
    long long admins = 0;
    lease.session() << "SELECT COUNT(*) FROM users WHERE role = 'admin' AND status = 'active'", soci::into(admins);
    if (admins <= 1)
      throw domain::Error(domain::ErrorKind::conflict, "last_admin", "Das letzte aktive Admin-Konto kann nicht gesperrt werden.");
  }
  const long long id = user_id, t = now;
  lease.session() << "UPDATE users SET status = :s, updated_at = :t WHERE id = :id", soci::use(status), soci::use(t),
      soci::use(id);
  if (status == "active" && !u->email_confirmed_at)
    lease.session() << "UPDATE users SET email_confirmed_at = :t WHERE id = :id", soci::use(t), soci::use(id);
  const auto revoked = status != "active" ? delete_user_sessions(lease.session(), user_id) : 0;
  audit(lease.session(), actor_id, "user.status_changed", "user", user_id,
        {{"from", u->status}, {"to", status}, {"sessions_revoked", revoked}}, now);
  publish_user_updated(lease.session(), user_id, actor_id, {"status"});
  tx.commit();
}

void Accounts::erase_user(std::int64_t user_id) {
  std::string avatar;
  if (auto u = user(user_id)) avatar = u->avatar;
  privacy_.erase_user(user_id, db_);
  // Committed by now: plugins drop what they kept about the person.
  if (events_) events_->publish_committed("user.erased", boost::json::object{{"id", user_id}});
  // Files go after the erasure committed (a rollback must not leave a profile without its picture).
  if (!avatar.empty()) {
    auto lease = db_.read();
    avatars_.release_if_unused(lease.session(), avatar);
  }
  log::info("account erased", {{"user_id", user_id}});
}

void Accounts::publish_user_updated(soci::session& s, std::int64_t user_id, std::int64_t actor_id,
                                    const std::vector<std::string>& changed) const {
  if (!events_) return;
  boost::json::array fields;
  for (const auto& f : changed) fields.emplace_back(f);
  events_->publish_after_commit(s, "user.updated",
                                boost::json::object{{"id", user_id}, {"actor_id", actor_id}, {"changed", std::move(fields)}});
}

boost::json::object Accounts::export_user(std::int64_t user_id) { return privacy_.export_user(user_id, db_); }

namespace {

// The mails queued to the person's address (subject and dates; the bodies stay out).
boost::json::array mails_to(soci::session& s, const std::string& address) {
  boost::json::array mails;
  long long created = 0, sent = 0;
  soci::indicator sent_ind = soci::i_ok;
  std::string subject;
  soci::statement st = (s.prepare << "SELECT subject, created_at, sent_at FROM mail_queue WHERE to_address = :a "
                                     "ORDER BY id",
                        soci::use(address), soci::into(subject), soci::into(created), soci::into(sent, sent_ind));
  st.execute();
  while (st.fetch())
    mails.push_back(boost::json::object{{"subject", subject}, {"created_at", created},
                                        {"sent_at", sent_ind == soci::i_ok ? boost::json::value(sent)
                                                                           : boost::json::value(nullptr)}});
  return mails;
}

// Everything of the account that names the person goes; the users row stays, anonymised.
void erase_account(soci::session& s, std::int64_t uid) {
  auto u = load_user(s, uid);
  if (!u) return;
  const long long id = uid, t = now_ms();
  mail::Outbox::erase_for_address(s, u->email);
  // A pending address change mailed its link to the new address: that mail names them too.
  std::vector<std::string> pending;
  {
    soci::rowset<std::string> rows = (s.prepare << "SELECT new_email FROM email_changes WHERE user_id = :u", soci::use(id));
    pending.assign(rows.begin(), rows.end());
  }
  for (const auto& address : pending) mail::Outbox::erase_for_address(s, address);
  s << "DELETE FROM sessions WHERE user_id = :u", soci::use(id);
  forget_devices(s, uid);
  s << "DELETE FROM one_time_tokens WHERE user_id = :u", soci::use(id);
  s << "DELETE FROM email_changes WHERE user_id = :u", soci::use(id);
  s << "DELETE FROM consents WHERE user_id = :u", soci::use(id);
  s << "DELETE FROM invitations WHERE email = :e AND accepted_at IS NULL", soci::use(u->email);
  s << "UPDATE invitations SET email = '' WHERE accepted_user_id = :u", soci::use(id);
  // The row stays so that what others keep (replies in their threads) still has an author:
  // shown as "Gelöschtes Konto", with nothing personal left in it.
  const std::string email = "deleted-" + std::to_string(uid) + "@deleted.invalid";
  s << "UPDATE users SET email = :e, display_name = 'Gelöschtes Konto', real_name = '', about = '', "
       "avatar = NULL, password_hash = '', department = '', neighbourhood_id = NULL, status = 'deleted', "
       "email_confirmed_at = NULL, residence_verified_at = NULL, language = '', "
       "profile_visibility = 'residents', search_indexable = 0, updated_at = :t WHERE id = :u",
      soci::use(email), soci::use(t), soci::use(id);
}

}  // namespace

void Accounts::register_privacy_provider() {
  privacy_.add(
      "accounts",
      [this](std::int64_t uid, soci::session& s) -> boost::json::value {
        boost::json::object o;
        auto u = load_user(s, uid);
        if (!u) return o;
        o["profile"] = self_json(*u);
        o["sessions"] = list_sessions(s, uid, 0);
        o["known_devices"] = list_devices(s, uid);
        o["consents"] = consents_of(s, uid);
        if (!u->avatar.empty())
          if (auto bytes = avatars_.read(u->avatar, Avatars::kDefaultSize))
            o["avatar"] = boost::json::object{{"content_type", Avatars::content_type(u->avatar)},
                                              {"size", Avatars::kDefaultSize},
                                              {"data_base64", media::base64(*bytes)}};
        if (auto pending = pending_email_change(s, uid, now_ms())) o["pending_email_change"] = pending->new_email;
        o["audit_about_you"] = audit_entries(s, 0, 1000, "user", uid);
        o["mails"] = mails_to(s, u->email);
        return o;
      },
      [](std::int64_t uid, soci::session& s) { erase_account(s, uid); });
}

void Accounts::maintenance() {
  const auto now = now_ms();
  {
    auto lease = db_.write();
    purge_expired_sessions(lease.session(), now, settings_.idle_ms);
    const long long horizon = now - 7LL * 24 * 60 * 60 * 1000;
    lease.session() << "DELETE FROM one_time_tokens WHERE expires_at < :h OR (used_at IS NOT NULL AND used_at < :h2)",
        soci::use(horizon), soci::use(horizon);
    lease.session() << "DELETE FROM email_changes WHERE expires_at < :h OR (used_at IS NOT NULL AND used_at < :h2)",
        soci::use(horizon), soci::use(horizon);
  }
  limiter_.sweep_shared();
}

}  // namespace qt::accounts
