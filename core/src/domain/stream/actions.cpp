#include "domain/stream/actions.hpp"

#include <algorithm>
#include <boost/json.hpp>

#include "domain/content/sql.hpp"
#include "domain/errors/error.hpp"
#include "domain/notify/mail_fanout.hpp"
#include "domain/stream/live_item.hpp"
#include "platform/db/statement_cache.hpp"
#include "platform/live/hub.hpp"
#include "platform/log/log.hpp"
#include "platform/markdown/markdown.hpp"
#include "domain/content/events.hpp"
#include "platform/db/transaction.hpp"

namespace qt::stream {

using content::Viewer;

bool valid_reaction(std::string_view r) {
  return std::find(kReactions.begin(), kReactions.end(), r) != kReactions.end();
}

boost::json::value to_json(const Comment& c) {
  boost::json::object o;
  o["id"] = c.id;
  o["content_id"] = c.content_id;
  if (c.parent_id) o["parent_id"] = c.parent_id;
  else o["parent_id"] = nullptr;
  o["author"] = boost::json::object{{"id", c.author.id},
                                    {"display_name", c.author.display_name},
                                    {"role", c.author.role},
                                    {"department", c.author.department},
                                    {"verified", c.author.role == "staff" || c.author.role == "admin"},
                                    {"avatar", avatar_json(c.author)}};
  o["body"] = c.body;
  o["body_html"] = c.body_html;
  o["hidden"] = c.hidden;
  o["deleted"] = c.deleted;
  o["created_at"] = c.created_at;
  o["updated_at"] = c.updated_at;
  if (!c.images.empty()) o["images"] = boost::json::parse(c.images);
  return o;
}

namespace {

std::size_t utf8_length(std::string_view s) {
  std::size_t n = 0;
  for (char ch : s)
    if ((static_cast<unsigned char>(ch) & 0xC0) != 0x80) ++n;
  return n;
}

std::string trimmed(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

bool has_images(soci::session& s, std::int64_t content_id) {
  long long n = 0;
  s << "SELECT COUNT(*) FROM content_images WHERE content_id = :c", soci::use(content_id, "c"), soci::into(n);
  return n > 0;
}

boost::json::object item_ref(const content::Item& i) {
  return boost::json::object{{"content_id", i.id}, {"kind", i.kind}, {"title", i.title}, {"summary", i.summary}};
}

}  // namespace

void Actions::require_active(soci::session& s, const Viewer& v) const {
  if (!v.signed_in()) throw domain::Error(domain::ErrorKind::unauthenticated, "unauthenticated", "Bitte anmelden. / Please sign in.");
  std::string status;
  s << "SELECT status FROM users WHERE id = :u", soci::use(v.user_id, "u"), soci::into(status);
  if (!s.got_data()) throw domain::Error(domain::ErrorKind::unauthenticated, "unauthenticated", "Bitte erneut anmelden. / Please sign in again.");
  if (status == "suspended")
    throw domain::Error(domain::ErrorKind::denied, "suspended", "Ihr Konto ist gesperrt; Sie können nichts veröffentlichen. / Your account is suspended; you cannot post.");
  if (status != "active")
    throw domain::Error(domain::ErrorKind::denied, "inactive", "Bitte bestätigen Sie zuerst Ihr Konto. / Please confirm your account first.");
}

void Actions::count_write(const Viewer& v) const {
  if (auto wait = limiter_.hit("stream-write:" + std::to_string(v.user_id), limits.writes))
    throw domain::Error(domain::ErrorKind::rate_limited, "rate_limited",
                          "Zu viele Beiträge in kurzer Zeit; bitte in " + std::to_string(*wait) +
                              " Sekunden erneut versuchen. / Too many posts in a short time; try again in " +
                              std::to_string(*wait) + " seconds.");
}

content::Item Actions::readable_item(soci::session& s, const Viewer& v, std::int64_t id) const {
  auto item = store_.item(s, id);
  if (!item || !store_.can_read(s, v, *item))
    throw domain::Error(domain::ErrorKind::not_found, "not_found", "Diesen Beitrag gibt es nicht (mehr). / This item does not exist (any more).");
  return *item;
}

std::vector<std::int64_t> Actions::notify_mentions(soci::session& s, const Viewer& v, std::int64_t content_id,
                                                   std::string_view body, const std::vector<std::int64_t>& skip) const {
  std::vector<std::int64_t> ids;
  for (auto uid : mentioned_users(body)) {
    if (std::find(skip.begin(), skip.end(), uid) != skip.end()) continue;
    notify::NewNotification n;
    n.user_id = uid;
    n.kind = "mention";
    n.actor_id = v.user_id;
    n.content_id = content_id;  // only stored if the mentioned person may read the item
    n.link = "/content/" + std::to_string(content_id);
    n.payload = {{"content_id", content_id}};
    if (auto id = notifier_.store(s, n)) ids.push_back(id);
  }
  return ids;
}

void Actions::announce_live(std::int64_t content_id) const {
  // Tell the online people who may read it; everyone else never hears of it. The same event
  // as for items plugins create (plugin_host's content_create).
  publish_new_item(db_, store_, hub_, content_id);
}

std::string Actions::checked_text(std::string_view text, std::size_t max, bool has_images) const {
  std::string out = trimmed(text);
  if (out.empty() && !has_images)
    throw domain::Error(domain::ErrorKind::invalid, "invalid_body", "Bitte einen Text schreiben. / Please write some text.");
  if (utf8_length(out) > max)
    throw domain::Error(domain::ErrorKind::invalid, "invalid_body", "Der Text ist zu lang (höchstens " + std::to_string(max) +
                                                   " Zeichen). / The text is too long (at most " + std::to_string(max) + " characters).");
  return out;
}

void Actions::check_images(const std::vector<content::ImageChoice>& images, std::size_t max) const {
  if (images.empty()) return;
  if (!images_)
    throw domain::Error(domain::ErrorKind::invalid, "images_unavailable", "Bilder sind hier nicht möglich. / Pictures are not available here.");
  content::Images::check_choices(images, max);
}

std::int64_t Actions::create_post(const Viewer& v, const PostInput& in) const {
  const std::string body = checked_text(in.body, limits.max_body, !in.images.empty());
  check_images(in.images, content::Images::kMaxPerPost);
  count_write(v);
  std::int64_t id = 0;
  std::vector<std::int64_t> notes;
  // Rendered before joining the commit group: the writer is held for the statements only.
  const std::string body_html = render_markdown(body), summary = plain_summary(body);
  group_.run([&](soci::session& session) {
    soci::session* lease = &session;
    notes.clear();
    require_active(*lease, v);
    std::int64_t container_id = in.container_id;
    if (container_id == 0) {
      if (!v.neighbourhood_id)
        throw domain::Error(domain::ErrorKind::invalid, "no_neighbourhood", "Bitte im Profil ein Quartier wählen oder container_id angeben. / Choose a neighbourhood in your profile or pass container_id.");
      container_id = store_.neighbourhood_container(*lease, *v.neighbourhood_id);
    }
    auto c = store_.container(*lease, container_id);
    if (!c || (c->visibility == content::Visibility::hidden && !store_.can_read_container(*lease, v, *c)))
      throw domain::Error(domain::ErrorKind::not_found, "not_found", "Diesen Bereich gibt es nicht. / This container does not exist.");
    if (!store_.can_write_container(*lease, v, *c))
      throw domain::Error(domain::ErrorKind::denied, "forbidden", "Sie können hier nicht schreiben. / You cannot post here.");
    content::NewItem n;
    n.kind = "post";
    n.container_id = container_id;
    n.author_id = v.user_id;
    n.visibility = in.visibility;
    n.title = trimmed(in.title);
    n.body = body;
    n.body_html = body_html;
    n.summary = summary;
    id = store_.create_item(*lease, n);
    if (!in.images.empty()) images_->attach(*lease, v.user_id, {id, 0}, in.images);
    notes = notify_mentions(*lease, v, id, body, {});
  });
  notifier_.deliver(notes);
  announce_live(id);
  return id;
}

void Actions::edit_item(const Viewer& v, std::int64_t id, const std::optional<std::string>& title,
                        const std::optional<std::string>& body, std::optional<content::ItemVisibility> visibility,
                        const std::optional<std::vector<content::ImageChoice>>& images) const {
  std::vector<std::int64_t> notes;
  if (images) check_images(*images, content::Images::kMaxPerPost);
  std::vector<std::string> removed;
  {
    auto lease = db_.write();
    db::Transaction tx(*lease);
    require_active(*lease, v);
    auto item = readable_item(*lease, v, id);
    if (item.author_id != v.user_id)
      throw domain::Error(domain::ErrorKind::denied, "forbidden", "Nur die Verfasser:in kann den Text ändern. / Only the author can edit the text.");
    if (item.owner != "core")
      throw domain::Error(domain::ErrorKind::conflict, "owned_by_plugin", "Dieser Inhalt wird in seinem Modul bearbeitet. / Edit this item in its module (" + item.owner + ").");
    content::ItemPatch p;
    if (title) p.title = trimmed(*title);
    if (images) removed = images_->attach(*lease, v.user_id, {id, 0}, *images);
    if (body) {
      const std::string b = checked_text(*body, limits.max_body, has_images(*lease, id));
      p.body = b;
      p.body_html = render_markdown(b);
      p.summary = plain_summary(b);
    } else if (images && images->empty() && trimmed(item.body).empty()) {
      checked_text(item.body, limits.max_body, false);  // neither text nor pictures would be left
    }
    p.visibility = visibility;
    store_.update_item(*lease, id, v.user_id, p);
    if (body) notes = notify_mentions(*lease, v, id, *p.body, mentioned_users(item.body));
    tx.commit();
  }
  if (!removed.empty()) images_->release(removed);
  notifier_.deliver(notes);
}

void Actions::delete_item(const Viewer& v, std::int64_t id, std::string_view reason) const {
  auto lease = db_.write();
  db::Transaction tx(*lease);
  auto item = store_.item(*lease, id);
  if (!item || item->deleted_at || !store_.can_read(*lease, v, *item))
    throw domain::Error(domain::ErrorKind::not_found, "not_found", "Diesen Beitrag gibt es nicht (mehr). / This item does not exist (any more).");
  if (!store_.can_write(*lease, v, *item))
    throw domain::Error(domain::ErrorKind::denied, "forbidden", "Sie können diesen Beitrag nicht löschen. / You cannot delete this item.");
  store_.delete_item(*lease, id, v.user_id);
  if (item->author_id != v.user_id) {
    const std::int64_t t = content::now_ms();
    const std::string r(reason);
    *lease << "INSERT INTO moderation_log (moderator_id, action, target_type, target_id, subject_user_id, reason, created_at)"
              " VALUES (:m, 'delete', 'content', :id, :s, :r, :t)",
        soci::use(v.user_id, "m"), soci::use(id, "id"), soci::use(item->author_id, "s"), soci::use(r, "r"),
        soci::use(t, "t");
  }
  tx.commit();
}

std::int64_t Actions::announce(const Viewer& v, const AnnouncementInput& in) const {
  if (!v.area_wide())
    throw domain::Error(domain::ErrorKind::denied, "forbidden", "Nur Verwaltung und Moderation veröffentlichen Bekanntmachungen. / Only staff publish announcements.");
  const std::string title = trimmed(in.title), body = trimmed(in.body);
  if (title.empty() || body.empty())
    throw domain::Error(domain::ErrorKind::invalid, "invalid_announcement", "Bitte Titel und Text angeben. / Give a title and a text.");
  if (utf8_length(body) > limits.max_body) throw domain::Error(domain::ErrorKind::invalid, "invalid_body", "Der Text ist zu lang. / The text is too long.");
  std::int64_t id = 0, mail_job = 0;
  std::vector<std::int64_t> notes;
  {
    auto lease = db_.write();
    db::Transaction tx(*lease);
    require_active(*lease, v);
    const std::int64_t container_id = in.neighbourhood_id ? store_.neighbourhood_container(*lease, *in.neighbourhood_id)
                                                          : store_.city_container(*lease);
    content::NewItem n;
    n.kind = "announcement";
    n.container_id = container_id;
    n.author_id = v.user_id;
    n.visibility = content::ItemVisibility::members;
    n.title = title;
    n.body = body;
    n.body_html = render_markdown(body);
    n.summary = plain_summary(body);
    n.official = true;
    n.pinned = in.pinned;
    n.urgent = in.urgent;
    id = store_.create_item(*lease, n);
    if (in.urgent) {
      // Every resident of the area, whatever their digest setting.
      notify::NewNotification note;
      note.kind = "announcement";
      note.urgency = notify::Urgency::urgent;
      note.actor_id = v.user_id;
      note.content_id = id;
      note.link = "/content/" + std::to_string(id);
      note.payload = item_ref(store_.require_item(*lease, id));
      note.payload["official"] = true;
      notes = notifier_.store_area(*lease, in.neighbourhood_id, note);
      // The mails (100,000 for a city) are a job recorded with the announcement, so it
      // survives a stop; the request does not wait for them.
      if (fanout_) mail_job = fanout_->record(*lease, id, notes);
    }
    tx.commit();
  }
  // The live "content" event first: it is one frame to every online reader; then each online
  // resident's notification, read only for the people online.
  announce_live(id);
  if (!fanout_) {
    notifier_.deliver(notes);
    return id;
  }
  notifier_.deliver_live(notes);
  fanout_->start(mail_job);
  return id;
}

void Actions::set_pinned(const Viewer& v, std::int64_t id, bool pinned) const {
  if (!v.area_wide()) throw domain::Error(domain::ErrorKind::denied, "forbidden", "Only staff pin announcements.");
  auto lease = db_.write();
  db::Transaction tx(*lease);
  auto item = readable_item(*lease, v, id);
  if (!item.official) throw domain::Error(domain::ErrorKind::invalid, "not_official", "Only official announcements can be pinned.");
  content::ItemPatch p;
  p.pinned = pinned;
  store_.update_item(*lease, id, v.user_id, p);
  tx.commit();
}

namespace {

// Commenting needs the right to take part in the container (a public group's outsiders read only).
void check_may_comment(soci::session& s, const content::Store& store, const Viewer& v, const content::Item& item) {
  if (item.hidden) throw domain::Error(domain::ErrorKind::conflict, "hidden", "Dieser Beitrag ist ausgeblendet. / This item is hidden.");
  auto c = store.require_container(s, item.container_id);
  if (!store.can_write_container(s, v, c) && c.kind != content::kCity && c.kind != content::kProfile &&
      !(c.kind == content::kNeighbourhood && store.can_read_container(s, v, c)))
    throw domain::Error(domain::ErrorKind::denied, "forbidden", "Nur Mitglieder können hier kommentieren. / Only members can comment here.");
}

// The thread a reply joins: one level of replies, so a reply to a reply joins its parent's
// thread. Sets parent_author to the author of the comment replied to.
std::int64_t thread_of(soci::session& s, std::int64_t content_id, std::int64_t parent_id, std::int64_t& parent_author) {
  std::int64_t pc = 0, pp = 0;
  soci::indicator pp_ind = soci::i_null;
  s << "SELECT content_id, parent_id, author_id FROM comments WHERE id = :id AND deleted_at IS NULL",
      soci::use(parent_id, "id"), soci::into(pc), soci::into(pp, pp_ind), soci::into(parent_author);
  if (!s.got_data() || pc != content_id)
    throw domain::Error(domain::ErrorKind::not_found, "not_found", "Diesen Kommentar gibt es nicht. / This comment does not exist.");
  return pp_ind == soci::i_ok ? pp : parent_id;
}

}  // namespace

Comment Actions::add_comment(const Viewer& v, std::int64_t content_id, std::int64_t parent_id,
                             const std::string& body_in, const std::vector<content::ImageChoice>& images) const {
  const std::string body = checked_text(body_in, limits.max_comment, !images.empty());
  check_images(images, content::Images::kMaxPerComment);
  count_write(v);
  Comment out;
  std::vector<std::int64_t> notes;
  const std::string html = render_markdown(body);  // before joining the commit group
  group_.run([&](soci::session& session) {
    soci::session* lease = &session;
    notes.clear();
    require_active(*lease, v);
    auto item = readable_item(*lease, v, content_id);
    check_may_comment(*lease, store_, v, item);
    std::int64_t parent_author = 0;
    if (parent_id) parent_id = thread_of(*lease, content_id, parent_id, parent_author);
    const std::int64_t t = content::now_ms();
    std::int64_t parent_val = parent_id;
    soci::indicator parent_ind = parent_id ? soci::i_ok : soci::i_null;
    *lease << "INSERT INTO comments (content_id, parent_id, author_id, body, body_html, created_at, updated_at)"
              " VALUES (:c, :p, :a, :b, :h, :t1, :t2) RETURNING id",
        soci::use(content_id, "c"), soci::use(parent_val, parent_ind, "p"), soci::use(v.user_id, "a"),
        soci::use(body, "b"), soci::use(html, "h"), soci::use(t, "t1"), soci::use(t, "t2"), soci::into(out.id);
    *lease << "UPDATE content SET comment_count = comment_count + 1 WHERE id = :c", soci::use(content_id, "c");
    if (!images.empty()) images_->attach(*lease, v.user_id, {0, out.id}, images);
    content::events_out::comment(store_.events(), *lease, "created", out.id, item, v.user_id, v.user_id);
    std::vector<std::int64_t> told;
    auto payload = item_ref(item);
    payload["comment_id"] = out.id;
    const std::string link = "/content/" + std::to_string(content_id) + "#comment-" + std::to_string(out.id);
    if (parent_author && parent_author != v.user_id) {
      notify::NewNotification n{parent_author, "reply", payload, link, notify::Urgency::normal, v.user_id, content_id, {}};
      if (auto id = notifier_.store(*lease, n)) notes.push_back(id);
      told.push_back(parent_author);
    }
    if (item.author_id != v.user_id && std::find(told.begin(), told.end(), item.author_id) == told.end()) {
      notify::NewNotification n{item.author_id, "comment", payload, link, notify::Urgency::normal, v.user_id, content_id, {}};
      if (auto id = notifier_.store(*lease, n)) notes.push_back(id);
      told.push_back(item.author_id);
    }
    for (auto id : notify_mentions(*lease, v, content_id, body, told)) notes.push_back(id);
    auto list = comments(*lease, v, content_id, out.id - 1, 1);
    if (!list.empty()) out = list.front();
  });
  notifier_.deliver(notes);
  return out;
}

std::vector<Comment> Actions::comments(soci::session& s, const Viewer& v, std::int64_t content_id, std::int64_t after,
                                       int limit) const {
  readable_item(s, v, content_id);
  std::vector<Comment> out;
  Comment c;
  std::int64_t parent = 0, hidden = 0, deleted = 0;
  soci::indicator parent_ind = soci::i_null, deleted_ind = soci::i_null;
  const std::int64_t lim = std::clamp(limit, 1, 200);
  const std::int64_t moderator = v.moderator() ? 1 : 0;
  soci::statement st =
      (s.prepare << "SELECT c.id, c.parent_id, c.author_id, u.display_name, u.role, u.department, c.body, c.body_html,"
                    " c.hidden, c.created_at, c.updated_at, c.deleted_at, COALESCE(c.images, ''), COALESCE(u.avatar, '')"
                    " FROM comments c JOIN users u ON u.id = c.author_id"
                    " WHERE c.content_id = :c AND c.id > :after AND (c.hidden = 0 OR :mod = 1 OR c.author_id = :me)"
                    " ORDER BY c.id LIMIT :lim",
       soci::use(content_id, "c"), soci::use(after, "after"), soci::use(moderator, "mod"),
       soci::use(v.user_id, "me"), soci::use(lim, "lim"), soci::into(c.id), soci::into(parent, parent_ind),
       soci::into(c.author.id), soci::into(c.author.display_name), soci::into(c.author.role),
       soci::into(c.author.department), soci::into(c.body), soci::into(c.body_html), soci::into(hidden),
       soci::into(c.created_at), soci::into(c.updated_at), soci::into(deleted, deleted_ind), soci::into(c.images),
       soci::into(c.author.avatar));
  st.execute();
  while (st.fetch()) {
    Comment x = c;
    x.content_id = content_id;
    x.parent_id = parent_ind == soci::i_ok ? parent : 0;
    x.hidden = hidden != 0;
    x.deleted = deleted_ind == soci::i_ok;
    if (x.deleted) {
      x.body.clear();
      x.body_html.clear();
      x.images.clear();
    }
    out.push_back(std::move(x));
  }
  return out;
}

void Actions::delete_comment(const Viewer& v, std::int64_t comment_id) const {
  auto lease = db_.write();
  db::Transaction tx(*lease);
  std::int64_t content_id = 0, author = 0;
  *lease << "SELECT content_id, author_id FROM comments WHERE id = :id AND deleted_at IS NULL",
      soci::use(comment_id, "id"), soci::into(content_id), soci::into(author);
  if (!lease->got_data()) throw domain::Error(domain::ErrorKind::not_found, "not_found", "Diesen Kommentar gibt es nicht. / This comment does not exist.");
  auto item = readable_item(*lease, v, content_id);
  if (author != v.user_id && !store_.can_write(*lease, v, item))
    throw domain::Error(domain::ErrorKind::denied, "forbidden", "Sie können diesen Kommentar nicht löschen. / You cannot delete this comment.");
  const std::int64_t t = content::now_ms();
  *lease << "UPDATE comments SET deleted_at = :t, body = '', body_html = '' WHERE id = :id", soci::use(t, "t"),
      soci::use(comment_id, "id");
  *lease << "UPDATE content SET comment_count = comment_count - 1 WHERE id = :c AND comment_count > 0",
      soci::use(content_id, "c");
  if (images_) images_->drop(*lease, {0, comment_id});
  content::events_out::comment(store_.events(), *lease, "deleted", comment_id, item, author, v.user_id);
  tx.commit();
}

void Actions::react(const Viewer& v, std::int64_t content_id, std::string_view reaction) const {
  if (!valid_reaction(reaction))
    throw domain::Error(domain::ErrorKind::invalid, "invalid_reaction", "Erlaubt sind: like, heart, thanks, laugh, sad. / Allowed: like, heart, thanks, laugh, sad.");
  std::vector<std::int64_t> notes;
  group_.run([&](soci::session& session) {
    soci::session* lease = &session;
    notes.clear();
    require_active(*lease, v);
    auto item = readable_item(*lease, v, content_id);
    std::string before;
    bool existed = false;
    {
      db::CachedStatement st(*lease, "SELECT reaction FROM reactions WHERE content_id = :c AND user_id = :u");
      st, soci::use(content_id, "c"), soci::use(v.user_id, "u"), soci::into(before);
      existed = st.execute_once();
    }
    const std::string r(reaction);
    const std::int64_t t = content::now_ms();
    {
      // Cached: SQLite compiles the reaction_tally triggers (migration 0040) into this statement.
      db::CachedStatement st(*lease, "INSERT INTO reactions (content_id, user_id, reaction, created_at) VALUES (:c, :u, :r, :t)"
                                     " ON CONFLICT (content_id, user_id) DO UPDATE SET reaction = excluded.reaction");
      st, soci::use(content_id, "c"), soci::use(v.user_id, "u"), soci::use(r, "r"), soci::use(t, "t");
      st.execute_once();
    }
    if (!existed) {
      auto payload = item_ref(item);
      payload["reaction"] = r;
      notify::NewNotification n{item.author_id, "reaction", payload, "/content/" + std::to_string(content_id),
                                notify::Urgency::normal, v.user_id, content_id, {}};
      if (auto id = notifier_.store(*lease, n)) notes.push_back(id);
    }
  });
  notifier_.deliver(notes);
}

void Actions::unreact(const Viewer& v, std::int64_t content_id) const {
  group_.run([&](soci::session& s) {
    readable_item(s, v, content_id);
    db::CachedStatement st(s, "DELETE FROM reactions WHERE content_id = :c AND user_id = :u");
    st, soci::use(content_id, "c"), soci::use(v.user_id, "u");
    st.execute_once();
  });
}

}  // namespace qt::stream
