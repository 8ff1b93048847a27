#pragma once
// qt::notify::Notifier: notifications stored per person, pushed live over /api/live the moment
// they are delivered, and mailed: urgent ones at once whatever the person's digest setting,
// the others collected into the daily/weekly digest.
//
// Two steps so that nothing is pushed for a transaction that rolls back:
//   store(session, ...)  inside the caller's transaction (plugin host, stream handlers), then
//   deliver(ids)         after the commit: live push + urgent mail.
// notify(...) does both with its own write lease and transaction: never call it while the
// same thread holds the writer (SQLite has one), use store()+deliver() there.
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>
#include <soci/soci.h>

#include "platform/db/database.hpp"

namespace qt::live {
class Hub;
}
namespace qt::content {
class Store;
}

namespace qt::notify {

enum class Urgency { normal, urgent };

struct NewNotification {
  std::int64_t user_id = 0;       // recipient
  std::string kind;               // "mention", "comment", "reaction", "announcement", "moderation", "groups.invite", ...
  boost::json::object payload;    // small, kind-specific; shown by the UI; never secrets
  std::string link;               // relative UI link, e.g. "/content/42"
  Urgency urgency = Urgency::normal;
  std::int64_t actor_id = 0;      // who caused it (0 = the system); blocked actors notify nobody
  std::int64_t content_id = 0;    // the item it is about (0 = none); only stored if the recipient may read it
  // Non-empty: what recipients whose language is English get instead of `payload` (which is
  // German, and what everyone else gets). store() and store_area() pick per recipient.
  boost::json::object payload_en;
};

struct Notification {
  std::int64_t id = 0;
  std::int64_t user_id = 0;
  std::string kind;
  boost::json::object payload;
  std::string link;
  Urgency urgency = Urgency::normal;
  std::int64_t actor_id = 0;
  std::int64_t content_id = 0;
  std::int64_t created_at = 0;
  std::optional<std::int64_t> read_at;
};

// Mail side: called after delivery with the urgent notifications of that delivery (one call,
// so an announcement to a whole area queues its mails in one transaction), and per person with
// the batch for a digest. Set by the module from qt::mail::Outbox (accounts); unset = no mail.
// Called without any database lease held.
struct MailHooks {
  std::function<void(const std::vector<Notification>&)> urgent;
  // The same mails queued on the caller's session, inside its transaction (the urgent mail job
  // of notify/mail_fanout.hpp commits each batch with its progress).
  std::function<void(soci::session&, const std::vector<Notification>&)> urgent_on;
  std::function<void(std::int64_t user_id, const std::vector<Notification>&)> digest;
};

class Notifier {
 public:
  Notifier(db::Database& db, const content::Store& store, live::Hub& hub) : db_(db), store_(store), hub_(hub) {}
  Notifier(const Notifier&) = delete;
  Notifier& operator=(const Notifier&) = delete;

  void set_mail(MailHooks hooks) { mail_ = std::move(hooks); }
  // Web Push (domain/push/sender.hpp): told the ids of every delivery (deliver, deliver_live)
  // after the commit, without a lease held. Unset = no pushes.
  void set_push(std::function<void(const std::vector<std::int64_t>&)> push) { push_ = std::move(push); }
  const MailHooks& mail() const { return mail_; }

  // Stores one notification in the caller's transaction. Returns 0 (stores nothing) if the
  // recipient is the actor, blocks the actor, or may not read content_id.
  std::int64_t store(soci::session& s, const NewNotification& n) const;
  // Stores the same notification for many recipients with one INSERT ... SELECT per batch
  // (announcements to a whole area). Returns the new ids.
  std::vector<std::int64_t> store_many(soci::session& s, const std::vector<std::int64_t>& users,
                                       const NewNotification& n) const;
  // Stores the same notification for every active resident of a neighbourhood (or, without
  // one, of the whole city) in one INSERT ... SELECT. Returns the new ids.
  std::vector<std::int64_t> store_area(soci::session& s, std::optional<std::int64_t> neighbourhood_id,
                                       const NewNotification& n) const;
  // How many people store_area() would notify for this author: the reach a staff member sees
  // before sending an urgent announcement (each of them is also mailed).
  std::int64_t area_reach(soci::session& s, std::optional<std::int64_t> neighbourhood_id, std::int64_t actor_id) const;
  // After commit: pushes each to its recipient's live connections and mails urgent ones.
  void deliver(const std::vector<std::int64_t>& ids) const;
  // Only the live push of deliver(), and only for the recipients online now: for an area-wide
  // announcement (100,000 ids) it reads the rows of the online people, not all of them. The
  // mails go through notify::MailFanout.
  void deliver_live(const std::vector<std::int64_t>& ids) const;
  // Several nodes: deliver() and deliver_live() push to this node's connections and tell the
  // other nodes (kNodeEvent, through the live relay), whose handler calls this with the event's
  // data to push the same notifications to the recipients online there. No mail is sent here.
  void deliver_from_other_node(const boost::json::value& data) const;
  static constexpr const char* kNodeEvent = "node:notifications";
  // store() + deliver() in its own write transaction.
  std::int64_t notify(const NewNotification& n) const;

  // Newest first; keyset: pass the last id seen as before (0 = from the newest).
  std::vector<Notification> list(soci::session& s, std::int64_t user_id, std::int64_t before,
                                 int limit, bool unread_only) const;
  std::int64_t unread_count(soci::session& s, std::int64_t user_id) const;
  // Marks the given ids (only the user's own) read, or all if ids is empty. Returns rows changed.
  std::int64_t mark_read(soci::session& s, std::int64_t user_id, const std::vector<std::int64_t>& ids) const;

  // Reads notifications by id (batches of 500), oldest first.
  std::vector<Notification> load(soci::session& s, const std::vector<std::int64_t>& ids) const;

  // Digest run (scheduled by the module, or POST /api/admin/digests/run): for every person whose
  // digest setting is `period` ("daily" or "weekly"), mails the unread, not yet mailed
  // notifications about things they may still read and marks them mailed. Returns mails queued.
  int run_digest(std::string_view period) const;

 private:
  // Pushes the notifications with ids in [lo, hi] that keep accepts to their recipients online
  // on this node (reads only the rows of the people online here).
  void push_here(std::int64_t lo, std::int64_t hi, const std::function<bool(const Notification&)>& keep) const;
  void tell_other_nodes(const std::vector<std::int64_t>& ids) const;
  enum class Languages { all = 0, not_english = 1, english = 2 };
  void store_area_part(soci::session& s, std::optional<std::int64_t> neighbourhood_id, const NewNotification& n,
                       const boost::json::object& payload, Languages langs, std::vector<std::int64_t>& out) const;
  db::Database& db_;
  const content::Store& store_;
  live::Hub& hub_;
  MailHooks mail_;
  std::function<void(const std::vector<std::int64_t>&)> push_;
  void push_out(const std::vector<std::int64_t>& ids) const;
  mutable std::mutex digest_mu_;  // one digest run at a time on this node (job and admin route)
};

}  // namespace qt::notify
