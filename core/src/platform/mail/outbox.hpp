#pragma once
// Outgoing mail: queued in the database (mail_queue) in the caller's transaction, delivered by a
// periodic tick through SMTP (libcurl) with exponential backoff, so an outage of the mail server
// loses nothing. Without an SMTP URL every mail is written as an .eml file into outbox_dir (the
// demo) and the log says where.
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "platform/db/database.hpp"
#include "platform/mail/message.hpp"
#include "platform/mail/smtp.hpp"

namespace qt::mail {

struct OutboxSettings {
  SmtpTarget smtp;                                    // smtp.url empty = write .eml files
  std::string from = "Quartier <noreply@quartier.invalid>";
  std::filesystem::path outbox_dir = "data/outbox";
  int max_attempts = 10;                              // then the mail is marked failed
  std::int64_t retry_base_ms = 60'000;                // 1 min, 2 min, 4 min, ...
  std::int64_t retry_cap_ms = 6LL * 60 * 60 * 1000;   // ... at most 6 h apart
  int batch_size = 20;                                // mails per tick
};

struct OutboxCounts {
  std::int64_t queued = 0;   // waiting (incl. retries)
  std::int64_t sent = 0;
  std::int64_t failed = 0;   // gave up
};

class Outbox {
 public:
  Outbox(db::Database& db, OutboxSettings settings);

  // Queues in its own transaction; returns the mail's id. Throws std::invalid_argument for an
  // implausible recipient.
  std::int64_t queue(const Mail& mail);
  // Queues on s, inside the caller's transaction (committed with the change that caused it).
  std::int64_t queue(soci::session& s, const Mail& mail);

  // One worker tick: claims due mails, delivers them outside any database lease, records the
  // outcome. Returns how many were delivered. Safe to call from several threads or nodes: a mail
  // is claimed with a conditional UPDATE before it is sent.
  int deliver_due();

  OutboxCounts counts();
  const OutboxSettings& settings() const { return settings_; }

  // Delay before attempt number `attempts + 1` after `attempts` failures.
  static std::int64_t backoff_ms(const OutboxSettings& s, std::int64_t attempts);

  // Deletes delivered mail older than the horizon (delivered mail keeps no body anyway: the links
  // in it carry tokens).
  void purge_sent(std::int64_t older_than_ms = 30LL * 24 * 60 * 60 * 1000);

  // Privacy: drops all mail to an address, unsent and delivered (the person deleted their
  // account): the delivery log would otherwise keep the address for another 30 days.
  static void erase_for_address(soci::session& s, const std::string& address);

 private:
  struct Claimed {
    long long id = 0;
    std::string to, subject, body;
    long long attempts = 0;
    long long created_at = 0;
  };
  bool any_due();
  std::vector<Claimed> claim_due();
  void deliver(const Claimed& m);
  void record_sent(const Claimed& m);
  void record_failure(const Claimed& m, std::string why);

  db::Database& db_;
  OutboxSettings settings_;
  std::mutex tick_mu_;
};

}  // namespace qt::mail
