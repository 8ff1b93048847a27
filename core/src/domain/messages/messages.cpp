#include "domain/messages/messages.hpp"

#include <algorithm>
#include <limits>
#include <map>

#include <boost/json.hpp>

#include "domain/accounts/avatars.hpp"
#include "domain/content/sql.hpp"
#include "domain/errors/error.hpp"
#include "platform/live/hub.hpp"
#include "platform/db/row_reader.hpp"
#include "platform/db/transaction.hpp"

namespace qt::messages {

using content::Viewer;

namespace {

std::string trimmed(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

void require_active(soci::session& s, const Viewer& v) {
  if (!v.signed_in()) throw domain::Error(domain::ErrorKind::unauthenticated, "unauthenticated", "Bitte anmelden. / Please sign in.");
  std::string status;
  s << "SELECT status FROM users WHERE id = :u", soci::use(v.user_id, "u"), soci::into(status);
  if (status == "suspended")
    throw domain::Error(domain::ErrorKind::denied, "suspended", "Ihr Konto ist gesperrt. / Your account is suspended.");
  if (status != "active") throw domain::Error(domain::ErrorKind::denied, "inactive", "Bitte bestätigen Sie zuerst Ihr Konto. / Please confirm your account first.");
}

void check_body(const std::string& body) {
  if (body.empty()) throw domain::Error(domain::ErrorKind::invalid, "invalid_body", "Bitte einen Text schreiben. / Please write some text.");
  if (body.size() > 10000) throw domain::Error(domain::ErrorKind::invalid, "invalid_body", "Die Nachricht ist zu lang (höchstens 10000 Zeichen). / The message is too long.");
}

// A statement over `ids` as an IN list: `sql` holds `{in}` where ":k0, :k1, ..." goes, each
// placeholder bound to one id (never spliced). `names` keeps the bind names alive.
class InListQuery {
 public:
  InListQuery(soci::session& s, const std::vector<std::int64_t>& ids) : ids_(ids), st_(s) {
    names_.reserve(ids_.size());
    for (std::size_t i = 0; i < ids_.size(); ++i) {
      names_.push_back("k" + std::to_string(i));
      in_ += (i ? ", :" : ":") + names_.back();
      st_.exchange(soci::use(ids_[i], names_[i]));
    }
  }
  soci::statement& statement() { return st_; }
  // Binds, prepares and runs the statement; rows come with statement().fetch().
  void run(const std::string& sql) {
    std::string text = sql;
    text.replace(text.find("{in}"), 4, in_);
    st_.alloc();
    st_.prepare(text);
    st_.define_and_bind();
    st_.execute(false);
  }

 private:
  std::vector<std::int64_t> ids_;
  std::vector<std::string> names_;
  std::string in_;
  soci::statement st_;  // last: it goes before the values it binds
};

domain::Error not_found() {
  return domain::Error(domain::ErrorKind::not_found, "not_found", "Dieses Gespräch gibt es nicht. / This conversation does not exist.");
}

}  // namespace

bool blocked_between(soci::session& s, std::int64_t a, std::int64_t b) {
  std::int64_t n = 0;
  s << "SELECT COUNT(*) FROM blocks WHERE (blocker_id = :a AND blocked_id = :b) OR (blocker_id = :b2 AND blocked_id = :a2)",
      soci::use(a, "a"), soci::use(b, "b"), soci::use(b, "b2"), soci::use(a, "a2"), soci::into(n);
  return n > 0;
}

std::vector<std::int64_t> blocked_people(soci::session& s, std::int64_t user) {
  std::vector<std::int64_t> out;
  db::RowReader r(s, "SELECT blocked_id FROM blocks WHERE blocker_id = :a UNION SELECT blocker_id FROM blocks"
                     " WHERE blocked_id = :b ORDER BY 1");
  r.bind(user).bind(user);
  while (r.next()) out.push_back(r.i64(0));
  return out;
}

boost::json::value to_json(const Message& m) {
  return boost::json::object{{"id", m.id},           {"conversation_id", m.conversation_id}, {"sender_id", m.sender_id},
                             {"sender_name", m.sender_name}, {"body", m.body}, {"created_at", m.created_at}};
}

boost::json::value to_json(const Conversation& c) {
  boost::json::array members, people;
  for (auto m : c.members) members.push_back(m);
  for (const auto& p : c.people)
    people.push_back(boost::json::object{
        {"id", p.id},
        {"display_name", p.display_name},
        {"avatar", p.avatar.empty() ? boost::json::value(nullptr) : boost::json::value(accounts::avatar_url(p.id, p.avatar))}});
  return boost::json::object{{"id", c.id},
                             {"title", c.title},
                             {"members", std::move(members)},
                             {"people", std::move(people)},
                             {"last_message_id", c.last_message_id},
                             {"unread", c.unread},
                             {"updated_at", c.updated_at}};
}

std::vector<std::int64_t> Messages::members(soci::session& s, std::int64_t conversation_id) const {
  std::vector<std::int64_t> out;
  std::int64_t uid = 0;
  soci::statement st = (s.prepare << "SELECT user_id FROM conversation_members WHERE conversation_id = :c ORDER BY user_id",
                        soci::use(conversation_id, "c"), soci::into(uid));
  st.execute();
  while (st.fetch()) out.push_back(uid);
  return out;
}

std::int64_t Messages::start(const Viewer& v, std::vector<std::int64_t> others, const std::string& title_in,
                             const std::string& body_in) const {
  std::sort(others.begin(), others.end());
  others.erase(std::unique(others.begin(), others.end()), others.end());
  others.erase(std::remove(others.begin(), others.end(), v.user_id), others.end());
  if (others.empty() || others.size() + 1 > kMaxMembers)
    throw domain::Error(domain::ErrorKind::invalid, "invalid_members", "Ein Gespräch hat 2 bis 10 Personen. / A conversation has 2 to 10 people.");
  const std::string body = trimmed(body_in), title = trimmed(title_in).substr(0, 200);
  check_body(body);
  std::int64_t conversation = 0;
  {
    auto lease = db_.write();
    auto& s = *lease;
    db::Transaction tx(s);
    require_active(s, v);
    for (auto o : others) {
      std::string status;
      s << "SELECT status FROM users WHERE id = :u", soci::use(o, "u"), soci::into(status);
      if (!s.got_data() || status == "deleted" || status == "disabled")
        throw domain::Error(domain::ErrorKind::not_found, "not_found", "Diese Person gibt es nicht. / This person does not exist.");
      if (others.size() == 1 && blocked_between(s, v.user_id, o))
        throw domain::Error(domain::ErrorKind::denied, "blocked", "Sie können dieser Person keine Nachricht schreiben. / You cannot message this person.");
    }
    if (others.size() == 1) {
      // Reuse the existing two-person conversation.
      std::int64_t existing = 0;
      const std::int64_t o = others[0];
      s << "SELECT a.conversation_id FROM conversation_members a JOIN conversation_members b"
           " ON b.conversation_id = a.conversation_id AND b.user_id = :o"
           " WHERE a.user_id = :me AND (SELECT COUNT(*) FROM conversation_members c WHERE c.conversation_id = a.conversation_id) = 2"
           " ORDER BY a.conversation_id LIMIT 1",
          soci::use(o, "o"), soci::use(v.user_id, "me"), soci::into(existing);
      if (s.got_data()) conversation = existing;
    }
    if (!conversation) {
      const std::int64_t t = content::now_ms();
      s << "INSERT INTO conversations (created_by, title, created_at, updated_at) VALUES (:u, :title, :t1, :t2) RETURNING id",
          soci::use(v.user_id, "u"), soci::use(title, "title"), soci::use(t, "t1"), soci::use(t, "t2"),
          soci::into(conversation);
      others.push_back(v.user_id);
      for (auto m : others)
        s << "INSERT INTO conversation_members (conversation_id, user_id, joined_at) VALUES (:c, :u, :t)",
            soci::use(conversation, "c"), soci::use(m, "u"), soci::use(t, "t");
    }
    tx.commit();
  }
  send(v, conversation, body);
  return conversation;
}

Message Messages::send(const Viewer& v, std::int64_t conversation_id, const std::string& body_in) const {
  const std::string body = trimmed(body_in);
  check_body(body);
  Message m;
  std::vector<std::int64_t> recipients;
  {
    auto lease = db_.write();
    auto& s = *lease;
    db::Transaction tx(s);
    require_active(s, v);
    const auto all = members(s, conversation_id);
    if (std::find(all.begin(), all.end(), v.user_id) == all.end()) throw not_found();
    for (auto o : all) {
      if (o == v.user_id) continue;
      const bool blocked = blocked_between(s, v.user_id, o);
      if (all.size() == 2 && blocked)
        throw domain::Error(domain::ErrorKind::denied, "blocked", "Sie können dieser Person keine Nachricht schreiben. / You cannot message this person.");
      if (!blocked) recipients.push_back(o);
    }
    m.created_at = content::now_ms();
    s << "INSERT INTO messages (conversation_id, sender_id, body, created_at) VALUES (:c, :u, :b, :t) RETURNING id",
        soci::use(conversation_id, "c"), soci::use(v.user_id, "u"), soci::use(body, "b"), soci::use(m.created_at, "t"),
        soci::into(m.id);
    s << "UPDATE conversations SET last_message_id = :m, updated_at = :t WHERE id = :c", soci::use(m.id, "m"),
        soci::use(m.created_at, "t"), soci::use(conversation_id, "c");
    s << "UPDATE conversation_members SET last_read_id = :m WHERE conversation_id = :c AND user_id = :u",
        soci::use(m.id, "m"), soci::use(conversation_id, "c"), soci::use(v.user_id, "u");
    s << "SELECT display_name FROM users WHERE id = :u", soci::use(v.user_id, "u"), soci::into(m.sender_name);
    tx.commit();
  }
  m.conversation_id = conversation_id;
  m.sender_id = v.user_id;
  m.body = body;
  hub_.publish(recipients, "message", to_json(m));
  return m;
}

void Messages::fill_page(soci::session& s, const Viewer& v, std::vector<Conversation>& page) const {
  if (page.empty()) return;
  std::map<std::int64_t, Conversation*> by_id;
  std::vector<std::int64_t> ids;
  for (auto& c : page) {
    c.members.clear();
    c.people.clear();
    c.unread = 0;
    by_id[c.id] = &c;
    ids.push_back(c.id);
  }
  {
    InListQuery q(s, ids);
    std::int64_t cid = 0;
    Person p;
    q.statement().exchange(soci::into(cid));
    q.statement().exchange(soci::into(p.id));
    q.statement().exchange(soci::into(p.display_name));
    q.statement().exchange(soci::into(p.avatar));
    q.run("SELECT cm.conversation_id, u.id, u.display_name, COALESCE(u.avatar, '') FROM conversation_members cm"
          " JOIN users u ON u.id = cm.user_id"
          " WHERE cm.conversation_id IN ({in}) ORDER BY cm.conversation_id, u.id");
    while (q.statement().fetch()) {
      auto& c = *by_id.at(cid);
      c.members.push_back(p.id);
      c.people.push_back(p);
    }
  }
  {
    // Unread: others' messages after my last read one, not deleted, not from people I block.
    InListQuery q(s, ids);
    std::int64_t cid = 0, n = 0, me = v.user_id, me2 = v.user_id, me3 = v.user_id;
    q.statement().exchange(soci::use(me, "me"));
    q.statement().exchange(soci::use(me2, "me2"));
    q.statement().exchange(soci::use(me3, "me3"));
    q.statement().exchange(soci::into(cid));
    q.statement().exchange(soci::into(n));
    q.run("SELECT x.conversation_id, COUNT(*) FROM messages x"
          " JOIN conversation_members m ON m.conversation_id = x.conversation_id AND m.user_id = :me"
          " WHERE x.conversation_id IN ({in}) AND x.id > m.last_read_id AND x.sender_id <> :me2 AND x.deleted_at IS NULL"
          " AND NOT EXISTS (SELECT 1 FROM blocks b WHERE b.blocker_id = :me3 AND b.blocked_id = x.sender_id)"
          " GROUP BY x.conversation_id");
    while (q.statement().fetch()) by_id.at(cid)->unread = n;
  }
}

std::vector<Conversation> Messages::conversations(soci::session& s, const Viewer& v, std::int64_t before_updated,
                                                  int limit, std::int64_t before_id) const {
  const std::int64_t b = before_updated > 0 ? before_updated : std::numeric_limits<std::int64_t>::max();
  const std::int64_t bid = before_updated > 0 ? before_id : 0;
  const std::int64_t lim = std::clamp(limit, 1, 100);
  std::vector<Conversation> out;
  Conversation c;
  soci::statement st =
      (s.prepare << "SELECT c.id, c.title, c.last_message_id, c.updated_at FROM conversations c"
                    " JOIN conversation_members m ON m.conversation_id = c.id AND m.user_id = :u"
                    " WHERE (c.updated_at < :b OR (c.updated_at = :b2 AND c.id < :bid))"
                    " ORDER BY c.updated_at DESC, c.id DESC LIMIT :lim",
       soci::use(v.user_id, "u"), soci::use(b, "b"), soci::use(b, "b2"), soci::use(bid, "bid"), soci::use(lim, "lim"),
       soci::into(c.id), soci::into(c.title),
       soci::into(c.last_message_id), soci::into(c.updated_at));
  st.execute();
  while (st.fetch()) out.push_back(c);
  fill_page(s, v, out);
  return out;
}

Conversation Messages::conversation(soci::session& s, const Viewer& v, std::int64_t conversation_id) const {
  std::vector<Conversation> one(1);
  auto& c = one.front();
  s << "SELECT c.id, c.title, c.last_message_id, c.updated_at FROM conversations c"
       " JOIN conversation_members m ON m.conversation_id = c.id AND m.user_id = :u WHERE c.id = :c",
      soci::use(v.user_id, "u"), soci::use(conversation_id, "c"), soci::into(c.id), soci::into(c.title),
      soci::into(c.last_message_id), soci::into(c.updated_at);
  if (!s.got_data()) throw not_found();
  fill_page(s, v, one);
  return one.front();
}

std::vector<Message> Messages::history(soci::session& s, const Viewer& v, std::int64_t conversation_id,
                                       std::int64_t before, int limit) const {
  const auto all = members(s, conversation_id);
  if (std::find(all.begin(), all.end(), v.user_id) == all.end()) throw not_found();
  const std::int64_t b = before > 0 ? before : std::numeric_limits<std::int64_t>::max();
  const std::int64_t lim = std::clamp(limit, 1, 100);
  std::vector<Message> out;
  Message m;
  soci::statement st =
      (s.prepare << "SELECT x.id, x.sender_id, u.display_name, x.body, x.created_at FROM messages x"
                    " JOIN users u ON u.id = x.sender_id"
                    " WHERE x.conversation_id = :c AND x.id < :b AND x.deleted_at IS NULL"
                    " AND NOT EXISTS (SELECT 1 FROM blocks k WHERE k.blocker_id = :me AND k.blocked_id = x.sender_id)"
                    " ORDER BY x.id DESC LIMIT :lim",
       soci::use(conversation_id, "c"), soci::use(b, "b"), soci::use(v.user_id, "me"), soci::use(lim, "lim"),
       soci::into(m.id), soci::into(m.sender_id), soci::into(m.sender_name), soci::into(m.body), soci::into(m.created_at));
  st.execute();
  while (st.fetch()) {
    Message x = m;
    x.conversation_id = conversation_id;
    out.push_back(std::move(x));
  }
  return out;
}

void Messages::mark_read(const Viewer& v, std::int64_t conversation_id, std::int64_t up_to) const {
  auto lease = db_.write();
  auto& s = *lease;
  const auto all = members(s, conversation_id);
  if (std::find(all.begin(), all.end(), v.user_id) == all.end()) throw not_found();
  std::int64_t last = up_to;
  if (last <= 0) s << "SELECT last_message_id FROM conversations WHERE id = :c", soci::use(conversation_id, "c"), soci::into(last);
  s << "UPDATE conversation_members SET last_read_id = :m WHERE conversation_id = :c AND user_id = :u AND last_read_id < :m2",
      soci::use(last, "m"), soci::use(conversation_id, "c"), soci::use(v.user_id, "u"), soci::use(last, "m2");
}

std::int64_t Messages::unread_total(soci::session& s, const Viewer& v) const {
  std::int64_t n = 0;
  s << "SELECT COUNT(*) FROM conversation_members m JOIN messages x ON x.conversation_id = m.conversation_id"
       " WHERE m.user_id = :u AND x.id > m.last_read_id AND x.sender_id <> :u2 AND x.deleted_at IS NULL"
       " AND NOT EXISTS (SELECT 1 FROM blocks b WHERE b.blocker_id = :u3 AND b.blocked_id = x.sender_id)",
      soci::use(v.user_id, "u"), soci::use(v.user_id, "u2"), soci::use(v.user_id, "u3"), soci::into(n);
  return n;
}

void Messages::block(const Viewer& v, std::int64_t other) const {
  if (!v.signed_in()) throw domain::Error(domain::ErrorKind::unauthenticated, "unauthenticated", "Bitte anmelden. / Please sign in.");
  if (other == v.user_id) throw domain::Error(domain::ErrorKind::invalid, "self", "Sie können sich nicht selbst blockieren. / You cannot block yourself.");
  auto lease = db_.write();
  auto& s = *lease;
  std::int64_t n = 0;
  s << "SELECT COUNT(*) FROM users WHERE id = :u", soci::use(other, "u"), soci::into(n);
  if (n == 0) throw domain::Error(domain::ErrorKind::not_found, "not_found", "Diese Person gibt es nicht. / This person does not exist.");
  const std::int64_t t = content::now_ms();
  s << "INSERT INTO blocks (blocker_id, blocked_id, created_at) VALUES (:a, :b, :t) ON CONFLICT DO NOTHING",
      soci::use(v.user_id, "a"), soci::use(other, "b"), soci::use(t, "t");
}

void Messages::unblock(const Viewer& v, std::int64_t other) const {
  auto lease = db_.write();
  *lease << "DELETE FROM blocks WHERE blocker_id = :a AND blocked_id = :b", soci::use(v.user_id, "a"), soci::use(other, "b");
}

std::vector<std::int64_t> Messages::blocked(soci::session& s, const Viewer& v) const {
  std::vector<std::int64_t> out;
  std::int64_t b = 0;
  soci::statement st = (s.prepare << "SELECT blocked_id FROM blocks WHERE blocker_id = :u ORDER BY blocked_id",
                        soci::use(v.user_id, "u"), soci::into(b));
  st.execute();
  while (st.fetch()) out.push_back(b);
  return out;
}

}  // namespace qt::messages
