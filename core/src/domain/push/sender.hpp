#pragma once
// qt::push::Sender: turns delivered notifications into Web Push messages. After a notification
// commits, enqueue() records one durable job per (notification, subscription that wants it);
// each job (run on a job thread, never an HTTP thread) encrypts the message for the browser
// (RFC 8291), signs the request with the VAPID key (RFC 8292) and posts it to the push service
// (RFC 8030). The push service's answer decides: 2xx sent; 404/410 the browser dropped the
// subscription, so it is removed; 408, 429 and 5xx or no answer (timeout, network) fail the job,
// which the durable jobs retry with backoff; any other 4xx is recorded and not retried.
#include <cstdint>
#include <string>
#include <vector>

#include "domain/notify/notifier.hpp"
#include "domain/push/subscriptions.hpp"
#include "platform/db/database.hpp"
#include "platform/jobs/durable.hpp"
#include "platform/push/keys.hpp"

namespace qt::push {

struct SenderSettings {
  std::string subject;  // VAPID "sub": mailto: or https: contact
  long timeout_ms = 10'000;
  bool allow_local_endpoints = false;  // tests only: no public-address check on connect
  std::string user_agent;
};

class Sender {
 public:
  static constexpr const char* kJob = "core.push.send";
  static constexpr int kMaxAttempts = 6;

  Sender(db::Database& db, jobs::Durable& durable, const notify::Notifier& notifier, const VapidKey& key,
         SenderSettings settings)
      : db_(db), durable_(durable), notifier_(notifier), key_(key), settings_(std::move(settings)) {}

  // After the commit of notifications `ids`: one job per subscription that wants each of them.
  // Returns the jobs recorded.
  std::size_t enqueue(const std::vector<std::int64_t>& ids) const;
  // The job: payload {"n": notification id, "s": subscription id}. Throws to be retried.
  void run(const jobs::JobRun& job) const;

 private:
  void send(const Subscription& sub, const std::string& message, bool urgent) const;
  void record(std::int64_t sub_id, bool ok, const std::string& error) const;
  void drop(std::int64_t sub_id, long status) const;

  db::Database& db_;
  jobs::Durable& durable_;
  const notify::Notifier& notifier_;
  const VapidKey& key_;
  SenderSettings settings_;
};

}  // namespace qt::push
