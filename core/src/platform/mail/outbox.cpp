#include "platform/mail/outbox.hpp"

#include <chrono>
#include <fstream>
#include <stdexcept>
#include <vector>

#include "platform/log/log.hpp"

namespace qt::mail {
namespace {

long long now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// How long a claim holds a mail before another tick may try it (a crashed sender).
constexpr long long kClaimMs = 10LL * 60 * 1000;

std::string domain_of(const std::string& address) {
  const auto at = address.rfind('@');
  return at == std::string::npos ? "quartier.invalid" : address.substr(at + 1);
}

}  // namespace

Outbox::Outbox(db::Database& db, OutboxSettings settings) : db_(db), settings_(std::move(settings)) {}

std::int64_t Outbox::queue(const Mail& mail) {
  auto lease = db_.write();
  soci::transaction tx(lease.session());
  const auto id = queue(lease.session(), mail);
  tx.commit();
  return id;
}

std::int64_t Outbox::queue(soci::session& s, const Mail& mail) {
  if (!plausible_address(mail.to)) throw std::invalid_argument("mail recipient is not a plausible address");
  const long long now = now_ms();
  long long id = 0;
  s << "INSERT INTO mail_queue (to_address, subject, body_text, created_at, attempts, next_attempt_at, last_error) "
       "VALUES (:to, :subject, :body, :now, 0, :next, '') RETURNING id",
      soci::use(mail.to), soci::use(mail.subject), soci::use(mail.body), soci::use(now), soci::use(now),
      soci::into(id);
  return id;
}

std::int64_t Outbox::backoff_ms(const OutboxSettings& s, std::int64_t attempts) {
  std::int64_t d = s.retry_base_ms;
  for (std::int64_t i = 1; i < attempts && d < s.retry_cap_ms; ++i) d *= 2;
  return std::min(d, s.retry_cap_ms);
}

int Outbox::deliver_due() {
  std::lock_guard tick(tick_mu_);
  // Most ticks find nothing: look with a reader before taking the (SQLite: single) writer.
  if (!any_due()) return 0;
  int delivered = 0;
  // Delivery runs outside any lease: a slow mail server must not hold the writer.
  for (const auto& m : claim_due()) {
    try {
      deliver(m);
      record_sent(m);
      ++delivered;
    } catch (const std::exception& e) {
      record_failure(m, e.what());
    }
  }
  return delivered;
}

bool Outbox::any_due() {
  long long due_count = 0;
  auto lease = db_.read();
  const long long now = now_ms();
  lease.session() << "SELECT COUNT(*) FROM mail_queue WHERE sent_at IS NULL AND failed_at IS NULL "
                     "AND next_attempt_at <= :now",
      soci::use(now), soci::into(due_count);
  return due_count > 0;
}

// Claims up to batch_size due mails: each is moved kClaimMs into the future with a conditional
// UPDATE, so another tick (thread or node) that saw the same row skips it.
std::vector<Outbox::Claimed> Outbox::claim_due() {
  auto lease = db_.write();
  soci::session& s = lease.session();
  const long long now = now_ms();
  const int limit = settings_.batch_size;
  std::vector<std::pair<long long, long long>> due;  // id, next_attempt_at
  {
    long long id = 0, next = 0;
    soci::statement st = (s.prepare << "SELECT id, next_attempt_at FROM mail_queue "
                                       "WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= :now "
                                       "ORDER BY next_attempt_at, id LIMIT :lim",
                          soci::use(now), soci::use(limit), soci::into(id), soci::into(next));
    st.execute();
    while (st.fetch()) due.emplace_back(id, next);
  }
  std::vector<Claimed> claimed;
  for (const auto& [id, next] : due) {
    const long long until = now + kClaimMs;
    soci::statement claim = (s.prepare << "UPDATE mail_queue SET next_attempt_at = :until "
                                          "WHERE id = :id AND next_attempt_at = :next AND sent_at IS NULL",
                             soci::use(until), soci::use(id), soci::use(next));
    claim.execute(true);
    if (claim.get_affected_rows() != 1) continue;
    Claimed c;
    c.id = id;
    s << "SELECT to_address, subject, body_text, attempts, created_at FROM mail_queue WHERE id = :id",
        soci::use(id), soci::into(c.to), soci::into(c.subject), soci::into(c.body), soci::into(c.attempts),
        soci::into(c.created_at);
    claimed.push_back(std::move(c));
  }
  return claimed;
}

// A delivered mail keeps no body: the links in it carry tokens.
void Outbox::record_sent(const Claimed& m) {
  const long long now = now_ms();
  auto lease = db_.write();
  lease.session() << "UPDATE mail_queue SET sent_at = :now, attempts = attempts + 1, last_error = '', body_text = '' "
                     "WHERE id = :id",
      soci::use(now), soci::use(m.id);
}

// Schedules the next attempt with backoff, or gives up after max_attempts.
void Outbox::record_failure(const Claimed& m, std::string why) {
  const long long attempts = m.attempts + 1;
  const long long now = now_ms();
  const long long next = now + backoff_ms(settings_, attempts);
  if (why.size() > 500) why.resize(500);
  auto lease = db_.write();
  if (attempts >= settings_.max_attempts) {
    lease.session() << "UPDATE mail_queue SET attempts = :a, last_error = :e, failed_at = :now WHERE id = :id",
        soci::use(attempts), soci::use(why), soci::use(now), soci::use(m.id);
    log::error("mail given up after retries; check [mail] smtp_url and the mail server's log",
               {{"mail_id", static_cast<std::int64_t>(m.id)}, {"attempts", static_cast<std::int64_t>(attempts)},
                {"error", why}});
    return;
  }
  lease.session() << "UPDATE mail_queue SET attempts = :a, last_error = :e, next_attempt_at = :next WHERE id = :id",
      soci::use(attempts), soci::use(why), soci::use(next), soci::use(m.id);
  log::warn("mail delivery failed, will retry",
            {{"mail_id", static_cast<std::int64_t>(m.id)}, {"attempts", static_cast<std::int64_t>(attempts)},
             {"retry_in_s", static_cast<std::int64_t>((next - now) / 1000)}, {"error", why}});
}

void Outbox::deliver(const Claimed& m) {
  const std::string from_address = bare_address(settings_.from);
  const std::string message_id = "quartier." + std::to_string(m.id) + "." + std::to_string(m.created_at) + "@" +
                                 domain_of(from_address);
  const std::string message = format_message({m.to, m.subject, m.body}, settings_.from, message_id, now_ms());
  if (!settings_.smtp.url.empty()) {
    smtp_send(settings_.smtp, from_address, m.to, message);
    log::info("mail sent", {{"mail_id", static_cast<std::int64_t>(m.id)}});
    return;
  }
  std::error_code ec;
  std::filesystem::create_directories(settings_.outbox_dir, ec);
  const auto file = settings_.outbox_dir / (std::to_string(m.created_at) + "-" + std::to_string(m.id) + ".eml");
  const auto tmp = file.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(message.data(), static_cast<std::streamsize>(message.size()));
    if (!out) throw std::runtime_error("cannot write mail file into " + settings_.outbox_dir.string() +
                                       "; check [mail] outbox_dir and its permissions");
  }
  std::filesystem::rename(tmp, file);
  log::info("mail written to folder (no [mail] smtp_url configured)",
            {{"mail_id", static_cast<std::int64_t>(m.id)}, {"file", file.string()}});
}

OutboxCounts Outbox::counts() {
  OutboxCounts c;
  auto lease = db_.read();
  long long q = 0, sent = 0, failed = 0;
  lease.session() << "SELECT COUNT(*) FROM mail_queue WHERE sent_at IS NULL AND failed_at IS NULL", soci::into(q);
  lease.session() << "SELECT COUNT(*) FROM mail_queue WHERE sent_at IS NOT NULL", soci::into(sent);
  lease.session() << "SELECT COUNT(*) FROM mail_queue WHERE failed_at IS NOT NULL", soci::into(failed);
  c.queued = q;
  c.sent = sent;
  c.failed = failed;
  return c;
}

void Outbox::purge_sent(std::int64_t older_than_ms) {
  const long long horizon = now_ms() - older_than_ms;
  auto lease = db_.write();
  lease.session() << "DELETE FROM mail_queue WHERE sent_at IS NOT NULL AND sent_at < :h", soci::use(horizon);
}

void Outbox::erase_for_address(soci::session& s, const std::string& address) {
  s << "DELETE FROM mail_queue WHERE to_address = :a", soci::use(address);
}

}  // namespace qt::mail
