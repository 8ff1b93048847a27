#include "domain/notify/notifier.hpp"

#include <algorithm>
#include <limits>
#include <unordered_map>
#include <unordered_set>

#include <boost/json.hpp>

#include "domain/content/sql.hpp"
#include "domain/content/store.hpp"
#include "domain/notify/json.hpp"
#include "platform/live/hub.hpp"
#include "platform/log/log.hpp"
#include "platform/db/transaction.hpp"

namespace qt::notify {

namespace {

Role role_from(std::string_view r) {
  if (r == "admin") return Role::admin;
  if (r == "moderator") return Role::moderator;
  if (r == "staff") return Role::staff;
  return Role::resident;
}

bool blocks(soci::session& s, std::int64_t blocker, std::int64_t blocked) {
  if (blocker == 0 || blocked == 0) return false;
  std::int64_t one = 0;
  s << "SELECT 1 FROM blocks WHERE blocker_id = :a AND blocked_id = :b", soci::use(blocker, "a"),
      soci::use(blocked, "b"), soci::into(one);
  return s.got_data();
}

struct Row {
  Notification n;
  std::string payload;
  std::int64_t urgent = 0;
  std::int64_t read_at = 0;
  soci::indicator read_ind = soci::i_null;

  void into(soci::details::prepare_temp_type& p) {
    p, soci::into(n.id), soci::into(n.user_id), soci::into(n.kind), soci::into(payload), soci::into(n.link),
        soci::into(urgent), soci::into(n.actor_id), soci::into(n.content_id), soci::into(n.created_at),
        soci::into(read_at, read_ind);
  }
  Notification finish() const {
    Notification out = n;
    boost::system::error_code ec;
    auto v = boost::json::parse(payload, ec);
    if (!ec && v.is_object()) out.payload = v.as_object();
    out.urgency = urgent ? Urgency::urgent : Urgency::normal;
    out.read_at = read_ind == soci::i_ok ? std::optional<std::int64_t>(read_at) : std::nullopt;
    return out;
  }
};

constexpr const char* kCols = "id, user_id, kind, payload, link, urgent, actor_id, content_id, created_at, read_at";

// Who an area-wide notification reaches (store_area) and what its preview counts (area_reach):
// active people of the neighbourhood or city, not the author, not those who blocked the author.
constexpr const char* kAreaRecipients =
    "u.status = 'active' AND (:all = 1 OR u.neighbourhood_id = :nb) AND u.id <> :actor2"
    " AND NOT EXISTS (SELECT 1 FROM blocks b WHERE b.blocker_id = u.id AND b.blocked_id = :actor3)";

}  // namespace

std::int64_t Notifier::store(soci::session& s, const NewNotification& n) const {
  if (n.user_id <= 0 || n.kind.empty()) return 0;
  if (n.actor_id != 0 && n.actor_id == n.user_id) return 0;
  if (blocks(s, n.user_id, n.actor_id)) return 0;
  std::string role, status, language;
  s << "SELECT role, status, language FROM users WHERE id = :u", soci::use(n.user_id, "u"), soci::into(role),
      soci::into(status), soci::into(language);
  if (!s.got_data() || status == "deleted" || status == "disabled") return 0;
  if (n.content_id != 0) {
    // Never tell someone about an item they may not see (a private group's post, a hidden item).
    const auto v = store_.viewer(s, n.user_id, role_from(role));
    if (!store_.can_read(s, v, n.content_id)) return 0;
  }
  const bool english = language == "en" && !n.payload_en.empty();
  const std::string payload = boost::json::serialize(english ? n.payload_en : n.payload);
  const std::int64_t urgent = n.urgency == Urgency::urgent ? 1 : 0;
  const std::int64_t t = content::now_ms();
  std::int64_t id = 0;
  s << "INSERT INTO notifications (user_id, kind, payload, link, urgent, actor_id, content_id, created_at)"
       " VALUES (:u, :kind, :payload, :link, :urg, :actor, :c, :t) RETURNING id",
      soci::use(n.user_id, "u"), soci::use(n.kind, "kind"), soci::use(payload, "payload"), soci::use(n.link, "link"),
      soci::use(urgent, "urg"), soci::use(n.actor_id, "actor"), soci::use(n.content_id, "c"), soci::use(t, "t"),
      soci::into(id);
  return id;
}

std::vector<std::int64_t> Notifier::store_many(soci::session& s, const std::vector<std::int64_t>& users,
                                               const NewNotification& n) const {
  std::vector<std::int64_t> out;
  const std::string payload = boost::json::serialize(n.payload);
  const std::int64_t urgent = n.urgency == Urgency::urgent ? 1 : 0;
  const std::int64_t t = content::now_ms();
  constexpr std::size_t kBatch = 500;
  for (std::size_t start = 0; start < users.size(); start += kBatch) {
    std::vector<std::int64_t> batch(users.begin() + static_cast<std::ptrdiff_t>(start),
                                    users.begin() + static_cast<std::ptrdiff_t>(std::min(users.size(), start + kBatch)));
    content::sql::IdList list("u", batch);
    std::int64_t id = 0;
    auto p = (s.prepare << "INSERT INTO notifications (user_id, kind, payload, link, urgent, actor_id, content_id, created_at)"
                           " SELECT u.id, :kind, :payload, :link, :urg, :actor, :c, :t FROM users u"
                           " WHERE u.id IN " << list.placeholders()
                        << " AND u.status IN ('active', 'pending', 'suspended') AND u.id <> :actor2"
                           " AND NOT EXISTS (SELECT 1 FROM blocks b WHERE b.blocker_id = u.id AND b.blocked_id = :actor3)"
                           " RETURNING id",
              soci::use(n.kind, "kind"), soci::use(payload, "payload"), soci::use(n.link, "link"),
              soci::use(urgent, "urg"), soci::use(n.actor_id, "actor"), soci::use(n.content_id, "c"),
              soci::use(t, "t"), soci::use(n.actor_id, "actor2"), soci::use(n.actor_id, "actor3"));
    list.bind(p);
    p, soci::into(id);
    soci::statement st(p);
    st.execute();
    while (st.fetch()) out.push_back(id);
  }
  return out;
}

std::vector<std::int64_t> Notifier::store_area(soci::session& s, std::optional<std::int64_t> neighbourhood_id,
                                               const NewNotification& n) const {
  // One statement for the whole area: an urgent city-wide announcement used to select the
  // 100,000 residents and insert them in 200 batches with 500 bound ids each (2 s inside the
  // writer's transaction); as one INSERT ... SELECT it takes a quarter of that.
  std::vector<std::int64_t> out;
  if (n.payload_en.empty()) {
    store_area_part(s, neighbourhood_id, n, n.payload, Languages::all, out);
  } else {
    // One statement per language, so each recipient gets the text in their language.
    store_area_part(s, neighbourhood_id, n, n.payload, Languages::not_english, out);
    store_area_part(s, neighbourhood_id, n, n.payload_en, Languages::english, out);
  }
  return out;
}

std::int64_t Notifier::area_reach(soci::session& s, std::optional<std::int64_t> neighbourhood_id,
                                  std::int64_t actor_id) const {
  const std::int64_t nb = neighbourhood_id.value_or(0);
  const std::int64_t whole_city = neighbourhood_id ? 0 : 1;
  std::int64_t n = 0;
  s << "SELECT COUNT(*) FROM users u WHERE " << kAreaRecipients, soci::use(whole_city, "all"), soci::use(nb, "nb"),
      soci::use(actor_id, "actor2"), soci::use(actor_id, "actor3"), soci::into(n);
  return n;
}

void Notifier::store_area_part(soci::session& s, std::optional<std::int64_t> neighbourhood_id,
                               const NewNotification& n, const boost::json::object& payload_object, Languages langs,
                               std::vector<std::int64_t>& out) const {
  const std::string payload = boost::json::serialize(payload_object);
  const std::int64_t lang = static_cast<std::int64_t>(langs);
  const std::int64_t urgent = n.urgency == Urgency::urgent ? 1 : 0;
  const std::int64_t t = content::now_ms();
  const std::int64_t nb = neighbourhood_id.value_or(0);
  const std::int64_t whole_city = neighbourhood_id ? 0 : 1;
  std::int64_t id = 0;
  soci::statement st =
      (s.prepare << "INSERT INTO notifications (user_id, kind, payload, link, urgent, actor_id, content_id, created_at)"
                    " SELECT u.id, :kind, :payload, :link, :urg, :actor, :c, :t FROM users u"
                    " WHERE " << kAreaRecipients <<
                    " AND (:lang = 0 OR (:lang1 = 1 AND u.language <> 'en') OR (:lang2 = 2 AND u.language = 'en'))"
                    " ORDER BY u.id RETURNING id",
       soci::use(n.kind, "kind"), soci::use(payload, "payload"), soci::use(n.link, "link"), soci::use(urgent, "urg"),
       soci::use(n.actor_id, "actor"), soci::use(n.content_id, "c"), soci::use(t, "t"), soci::use(whole_city, "all"),
       soci::use(nb, "nb"), soci::use(n.actor_id, "actor2"), soci::use(n.actor_id, "actor3"), soci::use(lang, "lang"),
       soci::use(lang, "lang1"), soci::use(lang, "lang2"), soci::into(id));
  st.execute();
  while (st.fetch()) out.push_back(id);
}

std::vector<Notification> Notifier::load(soci::session& s, const std::vector<std::int64_t>& ids) const {
  std::vector<Notification> out;
  if (ids.empty()) return out;
  constexpr std::size_t kBatch = 500;
  for (std::size_t start = 0; start < ids.size(); start += kBatch) {
    std::vector<std::int64_t> batch(ids.begin() + static_cast<std::ptrdiff_t>(start),
                                    ids.begin() + static_cast<std::ptrdiff_t>(std::min(ids.size(), start + kBatch)));
    content::sql::IdList list("n", batch);
    Row row;
    auto p = (s.prepare << "SELECT " << kCols << " FROM notifications WHERE id IN " << list.placeholders()
                        << " ORDER BY id");
    list.bind(p);
    row.into(p);
    soci::statement st(p);
    st.execute();
    while (st.fetch()) out.push_back(row.finish());
  }
  return out;
}

void Notifier::deliver(const std::vector<std::int64_t>& ids) const {
  std::vector<std::int64_t> wanted;
  for (auto id : ids)
    if (id > 0) wanted.push_back(id);
  if (wanted.empty()) return;
  std::vector<Notification> list;
  {
    auto lease = db_.read();
    list = load(*lease, wanted);
  }
  std::vector<Notification> urgent;
  for (const auto& n : list) {
    // Build the frame only for people online here (an urgent announcement reaches every
    // resident); the other nodes push to theirs.
    if (hub_.online(n.user_id)) hub_.deliver_local({n.user_id}, "notification", to_json(n));
    if (n.urgency == Urgency::urgent) urgent.push_back(n);
  }
  tell_other_nodes(wanted);
  push_out(wanted);
  if (urgent.empty() || !mail_.urgent) return;
  try {
    mail_.urgent(urgent);
  } catch (const std::exception& e) {
    log::error("urgent notification mail failed", {{"count", urgent.size()}, {"error", e.what()}});
    return;
  }
  std::vector<std::int64_t> mailed;
  for (const auto& n : urgent) mailed.push_back(n.id);
  if (mailed.empty()) return;
  auto lease = db_.write();
  const std::int64_t t = content::now_ms();
  for (std::size_t start = 0; start < mailed.size(); start += 500) {
    std::vector<std::int64_t> batch(mailed.begin() + static_cast<std::ptrdiff_t>(start),
                                    mailed.begin() + static_cast<std::ptrdiff_t>(std::min(mailed.size(), start + 500)));
    content::sql::IdList l("m", batch);
    auto p = (lease->prepare << "UPDATE notifications SET mailed_at = :t WHERE id IN " << l.placeholders(),
              soci::use(t, "t"));
    l.bind(p);
    soci::statement st(p);
    st.execute(true);
  }
}

void Notifier::deliver_live(const std::vector<std::int64_t>& ids) const {
  if (ids.empty()) return;
  const auto [lo, hi] = std::minmax_element(ids.begin(), ids.end());
  std::unordered_set<std::int64_t> wanted(ids.begin(), ids.end());
  push_here(*lo, *hi, [&wanted](const Notification& n) { return wanted.count(n.id) > 0; });
  tell_other_nodes(ids);
  push_out(ids);
}

void Notifier::push_out(const std::vector<std::int64_t>& ids) const {
  if (!push_ || ids.empty()) return;
  try {
    push_(ids);
  } catch (const std::exception& e) {
    // The notification itself is stored and delivered; only its pushes are lost.
    log::error("recording push messages failed", {{"count", ids.size()}, {"error", e.what()}});
  }
}

void Notifier::push_here(std::int64_t first, std::int64_t last,
                         const std::function<bool(const Notification&)>& keep) const {
  auto online = hub_.online_users();
  if (online.empty()) return;
  std::sort(online.begin(), online.end());
  std::vector<Notification> list;
  {
    auto lease = db_.read();
    for (std::size_t start = 0; start < online.size(); start += 500) {
      std::vector<std::int64_t> batch(online.begin() + static_cast<std::ptrdiff_t>(start),
                                      online.begin() + static_cast<std::ptrdiff_t>(std::min(online.size(), start + 500)));
      content::sql::IdList users("u", batch);
      Row row;
      auto p = (lease->prepare << "SELECT " << kCols << " FROM notifications WHERE user_id IN " << users.placeholders()
                               << " AND id >= :lo AND id <= :hi",
                soci::use(first, "lo"), soci::use(last, "hi"));
      users.bind(p);
      row.into(p);
      soci::statement st(p);
      st.execute();
      while (st.fetch()) {
        auto n = row.finish();
        if (keep(n)) list.push_back(std::move(n));
      }
    }
  }
  for (const auto& n : list) hub_.deliver_local({n.user_id}, "notification", to_json(n));
}

namespace {
// Ids per node event (a NOTIFY carries at most 8000 bytes); more than kRangeFrom ids (an
// area-wide announcement) go as one id range with the kind and item they share.
constexpr std::size_t kIdsPerEvent = 400;
constexpr std::size_t kRangeFrom = 2000;
}  // namespace

void Notifier::tell_other_nodes(const std::vector<std::int64_t>& ids) const {
  if (ids.empty()) return;
  if (ids.size() <= kRangeFrom) {
    for (std::size_t start = 0; start < ids.size(); start += kIdsPerEvent) {
      boost::json::array part;
      for (std::size_t i = start; i < std::min(ids.size(), start + kIdsPerEvent); ++i) part.push_back(ids[i]);
      hub_.to_other_nodes(kNodeEvent, boost::json::object{{"ids", std::move(part)}});
    }
    return;
  }
  const auto [lo, hi] = std::minmax_element(ids.begin(), ids.end());
  std::string kind;
  std::int64_t content_id = 0;
  {
    auto lease = db_.read();
    *lease << "SELECT kind, content_id FROM notifications WHERE id = :id", soci::use(*lo, "id"), soci::into(kind),
        soci::into(content_id);
  }
  hub_.to_other_nodes(kNodeEvent, boost::json::object{{"lo", *lo}, {"hi", *hi}, {"kind", kind}, {"content_id", content_id}});
}

void Notifier::deliver_from_other_node(const boost::json::value& data) const {
  const auto& o = data.as_object();
  if (const auto* ids = o.if_contains("ids")) {
    std::unordered_set<std::int64_t> wanted;
    std::int64_t lo = 0, hi = 0;
    for (const auto& v : ids->as_array()) {
      const auto id = v.to_number<std::int64_t>();
      wanted.insert(id);
      lo = lo == 0 ? id : std::min(lo, id);
      hi = std::max(hi, id);
    }
    if (!wanted.empty()) push_here(lo, hi, [&wanted](const Notification& n) { return wanted.count(n.id) > 0; });
    return;
  }
  const auto lo = o.at("lo").to_number<std::int64_t>(), hi = o.at("hi").to_number<std::int64_t>();
  const std::string kind(o.at("kind").as_string());
  const auto content_id = o.at("content_id").to_number<std::int64_t>();
  push_here(lo, hi, [&](const Notification& n) { return n.kind == kind && n.content_id == content_id; });
}

std::int64_t Notifier::notify(const NewNotification& n) const {
  std::int64_t id = 0;
  {
    auto lease = db_.write();
    db::Transaction tx(*lease);
    id = store(*lease, n);
    tx.commit();
  }
  deliver({id});
  return id;
}

std::vector<Notification> Notifier::list(soci::session& s, std::int64_t user_id, std::int64_t before, int limit,
                                         bool unread_only) const {
  std::vector<Notification> out;
  const std::int64_t b = before > 0 ? before : std::numeric_limits<std::int64_t>::max();
  const std::int64_t lim = std::clamp(limit, 1, 100);
  Row row;
  auto p = (s.prepare << "SELECT " << kCols << " FROM notifications WHERE user_id = :u AND id < :b"
                      << (unread_only ? " AND read_at IS NULL" : "") << " ORDER BY id DESC LIMIT :lim",
            soci::use(user_id, "u"), soci::use(b, "b"), soci::use(lim, "lim"));
  row.into(p);
  soci::statement st(p);
  st.execute();
  while (st.fetch()) out.push_back(row.finish());
  return out;
}

std::int64_t Notifier::unread_count(soci::session& s, std::int64_t user_id) const {
  std::int64_t n = 0;
  s << "SELECT COUNT(*) FROM notifications WHERE user_id = :u AND read_at IS NULL", soci::use(user_id, "u"),
      soci::into(n);
  return n;
}

std::int64_t Notifier::mark_read(soci::session& s, std::int64_t user_id, const std::vector<std::int64_t>& ids) const {
  const std::int64_t t = content::now_ms();
  if (ids.empty()) {
    soci::statement st = (s.prepare << "UPDATE notifications SET read_at = :t WHERE user_id = :u AND read_at IS NULL",
                          soci::use(t, "t"), soci::use(user_id, "u"));
    st.execute(true);
    return st.get_affected_rows();
  }
  content::sql::IdList list("n", ids);
  auto p = (s.prepare << "UPDATE notifications SET read_at = :t WHERE user_id = :u AND read_at IS NULL AND id IN "
                      << list.placeholders(),
            soci::use(t, "t"), soci::use(user_id, "u"));
  list.bind(p);
  soci::statement st(p);
  st.execute(true);
  return st.get_affected_rows();
}

int Notifier::run_digest(std::string_view period) const {
  if (!mail_.digest) return 0;
  std::lock_guard guard(digest_mu_);
  const std::string per(period);
  std::vector<std::pair<std::int64_t, Role>> users;
  {
    auto lease = db_.read();
    std::int64_t uid = 0;
    std::string role;
    soci::statement st = (lease->prepare << "SELECT DISTINCT n.user_id, u.role FROM notifications n JOIN users u ON u.id = n.user_id"
                                            " WHERE n.read_at IS NULL AND n.mailed_at IS NULL AND u.digest = :p"
                                            " AND u.status = 'active' ORDER BY n.user_id",
                          soci::use(per, "p"), soci::into(uid), soci::into(role));
    st.execute();
    while (st.fetch()) users.emplace_back(uid, role_from(role));
  }
  int mailed = 0;
  for (const auto& [uid, role] : users) {
    std::vector<Notification> batch;
    std::int64_t newest = 0;
    {
      auto lease = db_.read();
      Row row;
      auto p = (lease->prepare << "SELECT " << kCols << " FROM notifications WHERE user_id = :u AND read_at IS NULL"
                                   " AND mailed_at IS NULL ORDER BY id DESC LIMIT 50",
                soci::use(uid, "u"));
      row.into(p);
      soci::statement st(p);
      st.execute();
      while (st.fetch()) batch.push_back(row.finish());
      if (batch.empty()) continue;
      newest = batch.front().id;
      // Access is checked again now: an item of a group the person has left since, or one
      // deleted or hidden meanwhile, is not mailed (it is marked mailed with the rest).
      const auto v = store_.viewer(*lease, uid, role);
      std::erase_if(batch, [&](const Notification& n) { return n.content_id != 0 && !store_.can_read(*lease, v, n.content_id); });
    }
    if (!batch.empty()) {
      try {
        mail_.digest(uid, batch);
        ++mailed;
      } catch (const std::exception& e) {
        log::error("digest mail failed", {{"user", uid}, {"error", e.what()}});
        continue;
      }
    }
    auto lease = db_.write();
    const std::int64_t t = content::now_ms();
    *lease << "UPDATE notifications SET mailed_at = :t WHERE user_id = :u AND mailed_at IS NULL AND id <= :n",
        soci::use(t, "t"), soci::use(uid, "u"), soci::use(newest, "n");
  }
  return mailed;
}

}  // namespace qt::notify
