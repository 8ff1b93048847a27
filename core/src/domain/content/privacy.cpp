#include "domain/content/privacy.hpp"

#include <boost/json.hpp>

#include "domain/content/store.hpp"

namespace qt::content {

namespace {

// One part of the export each: what the person wrote, reacted, was told, reported, joined,
// blocked and sent.
boost::json::array export_content(soci::session& s, std::int64_t user_id) {
  boost::json::array items;
  std::int64_t id = 0, container = 0, created = 0, updated = 0, deleted = 0;
  std::string kind, title, body, visibility;
  soci::indicator del_ind = soci::i_null;
  soci::statement st = (s.prepare << "SELECT id, kind, container_id, visibility, title, body, created_at, updated_at,"
                                     " deleted_at FROM content WHERE author_id = :u ORDER BY id",
                        soci::use(user_id, "u"), soci::into(id), soci::into(kind), soci::into(container),
                        soci::into(visibility), soci::into(title), soci::into(body), soci::into(created),
                        soci::into(updated), soci::into(deleted, del_ind));
  st.execute();
  while (st.fetch())
    items.push_back(boost::json::object{{"id", id}, {"kind", kind}, {"container_id", container},
                                        {"visibility", visibility}, {"title", title}, {"body", body},
                                        {"created_at", created}, {"updated_at", updated},
                                        {"deleted", del_ind == soci::i_ok}});
  return items;
}

boost::json::array export_revisions(soci::session& s, std::int64_t user_id) {
  boost::json::array revs;
  std::int64_t cid = 0, rev = 0, created = 0;
  std::string title, body;
  soci::statement st = (s.prepare << "SELECT r.content_id, r.revision, r.title, r.body, r.created_at FROM content_revisions r"
                                     " JOIN content c ON c.id = r.content_id WHERE c.author_id = :u ORDER BY r.id",
                        soci::use(user_id, "u"), soci::into(cid), soci::into(rev), soci::into(title), soci::into(body),
                        soci::into(created));
  st.execute();
  while (st.fetch())
    revs.push_back(boost::json::object{{"content_id", cid}, {"revision", rev}, {"title", title}, {"body", body}, {"replaced_at", created}});
  return revs;
}

boost::json::array export_comments(soci::session& s, std::int64_t user_id) {
  boost::json::array comments;
  std::int64_t id = 0, cid = 0, created = 0;
  std::string body;
  soci::statement st = (s.prepare << "SELECT id, content_id, body, created_at FROM comments WHERE author_id = :u"
                                     " AND deleted_at IS NULL ORDER BY id",
                        soci::use(user_id, "u"), soci::into(id), soci::into(cid), soci::into(body), soci::into(created));
  st.execute();
  while (st.fetch())
    comments.push_back(boost::json::object{{"id", id}, {"content_id", cid}, {"body", body}, {"created_at", created}});
  return comments;
}

boost::json::array export_reactions(soci::session& s, std::int64_t user_id) {
  boost::json::array reactions;
  std::int64_t cid = 0, created = 0;
  std::string reaction;
  soci::statement st = (s.prepare << "SELECT content_id, reaction, created_at FROM reactions WHERE user_id = :u ORDER BY content_id",
                        soci::use(user_id, "u"), soci::into(cid), soci::into(reaction), soci::into(created));
  st.execute();
  while (st.fetch()) reactions.push_back(boost::json::object{{"content_id", cid}, {"reaction", reaction}, {"created_at", created}});
  return reactions;
}

boost::json::array export_notifications(soci::session& s, std::int64_t user_id) {
  boost::json::array notes;
  std::int64_t id = 0, created = 0;
  std::string kind, payload, link;
  soci::statement st = (s.prepare << "SELECT id, kind, payload, link, created_at FROM notifications WHERE user_id = :u ORDER BY id",
                        soci::use(user_id, "u"), soci::into(id), soci::into(kind), soci::into(payload), soci::into(link),
                        soci::into(created));
  st.execute();
  while (st.fetch()) {
    boost::system::error_code ec;
    auto p = boost::json::parse(payload, ec);
    notes.push_back(boost::json::object{{"id", id}, {"kind", kind}, {"payload", ec ? boost::json::value() : p},
                                        {"link", link}, {"created_at", created}});
  }
  return notes;
}

boost::json::array export_reports_filed(soci::session& s, std::int64_t user_id) {
  boost::json::array reports;
  std::int64_t tid = 0, created = 0;
  std::string type, reason, details, status;
  soci::statement st = (s.prepare << "SELECT target_type, target_id, reason, details, status, created_at FROM reports"
                                     " WHERE reporter_id = :u ORDER BY id",
                        soci::use(user_id, "u"), soci::into(type), soci::into(tid), soci::into(reason),
                        soci::into(details), soci::into(status), soci::into(created));
  st.execute();
  while (st.fetch())
    reports.push_back(boost::json::object{{"target_type", type}, {"target_id", tid}, {"reason", reason},
                                          {"details", details}, {"status", status}, {"created_at", created}});
  return reports;
}

boost::json::array export_memberships(soci::session& s, std::int64_t user_id) {
  boost::json::array members;
  std::int64_t cid = 0;
  std::string role, state;
  soci::statement st = (s.prepare << "SELECT container_id, role, state FROM memberships WHERE user_id = :u ORDER BY container_id",
                        soci::use(user_id, "u"), soci::into(cid), soci::into(role), soci::into(state));
  st.execute();
  while (st.fetch()) members.push_back(boost::json::object{{"container_id", cid}, {"role", role}, {"state", state}});
  return members;
}

boost::json::array export_blocked_people(soci::session& s, std::int64_t user_id) {
  boost::json::array blocked;
  std::int64_t b = 0;
  soci::statement st = (s.prepare << "SELECT blocked_id FROM blocks WHERE blocker_id = :u ORDER BY blocked_id",
                        soci::use(user_id, "u"), soci::into(b));
  st.execute();
  while (st.fetch()) blocked.push_back(b);
  return blocked;
}

boost::json::array export_messages_sent(soci::session& s, std::int64_t user_id) {
  boost::json::array sent;
  std::int64_t id = 0, conv = 0, created = 0;
  std::string body;
  soci::statement st = (s.prepare << "SELECT id, conversation_id, body, created_at FROM messages WHERE sender_id = :u"
                                     " AND deleted_at IS NULL ORDER BY id",
                        soci::use(user_id, "u"), soci::into(id), soci::into(conv), soci::into(body), soci::into(created));
  st.execute();
  while (st.fetch())
    sent.push_back(boost::json::object{{"id", id}, {"conversation_id", conv}, {"body", body}, {"created_at", created}});
  return sent;
}

}  // namespace

boost::json::value export_person(soci::session& s, std::int64_t user_id) {
  boost::json::object out;
  out["content"] = export_content(s, user_id);
  out["revisions"] = export_revisions(s, user_id);
  out["comments"] = export_comments(s, user_id);
  out["reactions"] = export_reactions(s, user_id);
  out["notifications"] = export_notifications(s, user_id);
  out["reports_filed"] = export_reports_filed(s, user_id);
  out["memberships"] = export_memberships(s, user_id);
  out["blocked_people"] = export_blocked_people(s, user_id);
  out["messages_sent"] = export_messages_sent(s, user_id);
  return out;
}

void erase_person(soci::session& s, std::int64_t user_id) {
  const std::int64_t t = now_ms();
  // Comments in others' threads stay as deleted placeholders; counts follow.
  s << "UPDATE comments SET body = '', body_html = '', deleted_at = :t WHERE author_id = :u AND deleted_at IS NULL",
      soci::use(t, "t"), soci::use(user_id, "u");
  s << "UPDATE content SET comment_count = (SELECT COUNT(*) FROM comments c WHERE c.content_id = content.id"
       " AND c.deleted_at IS NULL) WHERE id IN (SELECT content_id FROM comments WHERE author_id = :u)",
      soci::use(user_id, "u");
  // Their own items go entirely (with comments, reactions, revisions and the search index).
  s << "DELETE FROM content WHERE author_id = :u", soci::use(user_id, "u");
  s << "DELETE FROM containers WHERE kind = 'profile' AND user_id = :u", soci::use(user_id, "u");
  s << "DELETE FROM reactions WHERE user_id = :u", soci::use(user_id, "u");
  s << "DELETE FROM notifications WHERE user_id = :u", soci::use(user_id, "u");
  s << "DELETE FROM reports WHERE reporter_id = :u", soci::use(user_id, "u");
  s << "DELETE FROM memberships WHERE user_id = :u", soci::use(user_id, "u");
  s << "DELETE FROM blocks WHERE blocker_id = :u OR blocked_id = :u2", soci::use(user_id, "u"), soci::use(user_id, "u2");
  // Messages others received stay as deleted placeholders; the person leaves every conversation.
  s << "UPDATE messages SET body = '', deleted_at = :t WHERE sender_id = :u AND deleted_at IS NULL", soci::use(t, "t"),
      soci::use(user_id, "u");
  s << "DELETE FROM conversation_members WHERE user_id = :u", soci::use(user_id, "u");
}

}  // namespace qt::content
