#include "domain/push/sender.hpp"

#include <algorithm>
#include <unordered_set>

#include <boost/json.hpp>

#include "domain/content/store.hpp"
#include "domain/push/message.hpp"
#include "platform/db/transaction.hpp"
#include "platform/fetch/fetch.hpp"
#include "platform/log/log.hpp"
#include "platform/push/endpoint.hpp"
#include "platform/push/payload.hpp"

namespace qt::push {
namespace {

// Pairs (notification, subscription) among notifications lo..hi whose subscription wants them;
// the same rule as wanted() in message.cpp.
constexpr const char* kPairs =
    "SELECT n.id, s.id FROM notifications n JOIN push_subscriptions s ON s.user_id = n.user_id"
    " WHERE n.id >= :lo AND n.id <= :hi AND ((n.urgent = 1 AND s.want_urgent = 1) OR (n.urgent = 0 AND"
    " ((n.kind = 'mention' AND s.want_mentions = 1) OR (n.kind IN ('reply', 'comment') AND s.want_replies = 1))))"
    " ORDER BY n.id, s.id";

constexpr std::int64_t kTokenSeconds = 12 * 3600;  // VAPID tokens may live up to 24 h (RFC 8292)

std::vector<std::pair<std::int64_t, std::int64_t>> pairs_for(soci::session& s, const std::vector<std::int64_t>& ids) {
  std::vector<std::pair<std::int64_t, std::int64_t>> out;
  const auto [lo, hi] = std::minmax_element(ids.begin(), ids.end());
  const std::unordered_set<std::int64_t> wanted_ids(ids.begin(), ids.end());
  std::int64_t nid = 0, sid = 0;
  soci::statement st = (s.prepare << kPairs, soci::use(*lo, "lo"), soci::use(*hi, "hi"), soci::into(nid), soci::into(sid));
  st.execute();
  while (st.fetch())
    if (wanted_ids.count(nid)) out.emplace_back(nid, sid);
  return out;
}

}  // namespace

std::size_t Sender::enqueue(const std::vector<std::int64_t>& ids_in) const {
  std::vector<std::int64_t> ids;
  for (auto id : ids_in)
    if (id > 0) ids.push_back(id);
  if (ids.empty()) return 0;
  std::vector<std::pair<std::int64_t, std::int64_t>> pairs;
  {
    auto lease = db_.read();
    pairs = pairs_for(*lease, ids);
  }
  if (pairs.empty()) return 0;
  auto lease = db_.write();
  db::Transaction tx(*lease);
  for (const auto& [nid, sid] : pairs)
    durable_.enqueue(*lease, "core", kJob, boost::json::serialize(boost::json::object{{"n", nid}, {"s", sid}}), 0,
                     kMaxAttempts);
  tx.commit();
  return pairs.size();
}

void Sender::run(const jobs::JobRun& job) const {
  const auto payload = boost::json::parse(job.payload).as_object();
  const auto nid = payload.at("n").to_number<std::int64_t>(), sid = payload.at("s").to_number<std::int64_t>();
  std::optional<Subscription> sub;
  notify::Notification n;
  notify::Context context;
  std::string language;
  {
    auto lease = db_.read();
    sub = Subscriptions(settings_.allow_local_endpoints).find(*lease, sid);
    if (!sub) return;  // switched off (or dropped) since
    auto list = notifier_.load(*lease, {nid});
    // Not for someone else (the browser moved to another person), not once it has been read.
    if (list.empty() || list.front().user_id != sub->user_id || list.front().read_at) return;
    n = list.front();
    if (!wanted(n, sub->topics)) return;
    *lease << "SELECT language FROM users WHERE id = :u AND status = 'active'", soci::use(n.user_id, "u"),
        soci::into(language);
    if (!lease->got_data()) return;
    context = notify::context_of(*lease, list);
  }
  send(*sub, message_for(n, context, language == "en"), n.urgency == notify::Urgency::urgent);
}

void Sender::send(const Subscription& sub, const std::string& message, bool urgent) const {
  fetch::Request r;
  r.method = "POST";
  r.url = sub.endpoint;
  r.timeout_ms = settings_.timeout_ms;
  r.max_bytes = 64 * 1024;
  r.user_agent = settings_.user_agent;
  r.public_only = !settings_.allow_local_endpoints;
  try {
    r.body = encrypt(message, b64url_decode(sub.p256dh, "p256dh"), b64url_decode(sub.auth, "auth"));
    const std::int64_t expires = content::now_ms() / 1000 + kTokenSeconds;
    r.headers = {"Authorization: " + key_.authorization(audience_of(sub.endpoint), expires, settings_.subject),
                 "Content-Encoding: aes128gcm", "Content-Type: application/octet-stream",
                 std::string("TTL: ") + (urgent ? "86400" : "43200"), std::string("Urgency: ") + (urgent ? "high" : "normal")};
  } catch (const PushError& e) {
    record(sub.id, false, e.what());  // a stored key that no longer works: trying again will not help
    log::warn("push message not sent", {{"subscription", sub.id}, {"error", e.what()}});
    return;
  }
  fetch::Response got;
  try {
    got = fetch::perform(r);
  } catch (const fetch::Error& e) {
    const bool final = e.kind() == fetch::Error::Kind::not_public || e.kind() == fetch::Error::Kind::invalid;
    const std::string why = final ? "the push service's address is not public" : std::string(e.what());
    record(sub.id, false, why);
    if (final) return;
    throw std::runtime_error("push service " + host_of(sub.endpoint) + ": " + why);
  }
  if (got.status >= 200 && got.status < 300) return record(sub.id, true, "");
  if (got.status == 404 || got.status == 410) return drop(sub.id, got.status);
  const std::string why = "push service " + host_of(sub.endpoint) + " answered " + std::to_string(got.status);
  record(sub.id, false, why);
  if (got.status == 408 || got.status == 429 || got.status >= 500) throw std::runtime_error(why);
  log::warn("push message refused", {{"subscription", sub.id}, {"status", got.status}});
}

void Sender::record(std::int64_t sub_id, bool ok, const std::string& error) const {
  auto lease = db_.write();
  if (ok) {
    const std::int64_t t = content::now_ms();
    *lease << "UPDATE push_subscriptions SET last_sent_at = :t, last_error = '' WHERE id = :id", soci::use(t, "t"),
        soci::use(sub_id, "id");
  } else {
    const std::string e = error.substr(0, 300);
    *lease << "UPDATE push_subscriptions SET last_error = :e WHERE id = :id", soci::use(e, "e"), soci::use(sub_id, "id");
  }
}

void Sender::drop(std::int64_t sub_id, long status) const {
  {
    auto lease = db_.write();
    *lease << "DELETE FROM push_subscriptions WHERE id = :id", soci::use(sub_id, "id");
  }
  log::info("push subscription removed: the push service no longer knows it",
            {{"subscription", sub_id}, {"status", static_cast<std::int64_t>(status)}});
}

}  // namespace qt::push
