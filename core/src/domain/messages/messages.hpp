#pragma once
// Direct messages between two people or a small group (at most 10), unread counts, live
// delivery over /api/live ({"type":"message"}), and blocking: a block (either way) stops a
// two-person conversation, and in groups the blocker never sees the blocked person's messages.
#include <cstdint>
#include <string>
#include <vector>

#include <boost/json/value.hpp>
#include <soci/soci.h>

#include "domain/content/store.hpp"
#include "platform/db/database.hpp"

namespace qt::live {
class Hub;
}

namespace qt::messages {

inline constexpr std::size_t kMaxMembers = 10;

struct Message {
  std::int64_t id = 0;
  std::int64_t conversation_id = 0;
  std::int64_t sender_id = 0;
  std::string sender_name;
  std::string body;
  std::int64_t created_at = 0;
};
boost::json::value to_json(const Message& m);

// A member as the UI shows them (a deleted account's display_name already reads "Gelöschtes Konto").
struct Person {
  std::int64_t id = 0;
  std::string display_name;
  std::string avatar;  // users.avatar, "" = none
};

struct Conversation {
  std::int64_t id = 0;
  std::string title;
  std::vector<std::int64_t> members;
  std::vector<Person> people;  // the same members with their names, ordered by id
  std::int64_t last_message_id = 0;
  std::int64_t unread = 0;
  std::int64_t updated_at = 0;
};
boost::json::value to_json(const Conversation& c);

// True if either person blocks the other.
bool blocked_between(soci::session& s, std::int64_t a, std::int64_t b);
// Everyone the person blocks or is blocked by, each once, ordered by id.
std::vector<std::int64_t> blocked_people(soci::session& s, std::int64_t user);

class Messages {
 public:
  Messages(db::Database& db, live::Hub& hub) : db_(db), hub_(hub) {}

  // Starts a conversation with others (1..9 people) and its first message; a two-person
  // conversation that exists already is reused. Returns the conversation id.
  std::int64_t start(const content::Viewer& v, std::vector<std::int64_t> others, const std::string& title,
                     const std::string& body) const;
  Message send(const content::Viewer& v, std::int64_t conversation_id, const std::string& body) const;
  // A page of my conversations with members, names and unread counts: three queries per page.
  // Keyset on (updated_at, id) descending: those before (before_updated, before_id); before_id 0
  // means all with an earlier updated_at (the older, updated_at-only cursor).
  std::vector<Conversation> conversations(soci::session& s, const content::Viewer& v, std::int64_t before_updated,
                                          int limit, std::int64_t before_id = 0) const;
  // One conversation of mine; 404 for anyone who is not a member (as history does).
  Conversation conversation(soci::session& s, const content::Viewer& v, std::int64_t conversation_id) const;
  // Newest first; keyset on id.
  std::vector<Message> history(soci::session& s, const content::Viewer& v, std::int64_t conversation_id,
                               std::int64_t before, int limit) const;
  void mark_read(const content::Viewer& v, std::int64_t conversation_id, std::int64_t up_to) const;  // 0 = all
  std::int64_t unread_total(soci::session& s, const content::Viewer& v) const;

  void block(const content::Viewer& v, std::int64_t other) const;
  void unblock(const content::Viewer& v, std::int64_t other) const;
  std::vector<std::int64_t> blocked(soci::session& s, const content::Viewer& v) const;

 private:
  std::vector<std::int64_t> members(soci::session& s, std::int64_t conversation_id) const;
  // Fills members, people and unread of every conversation in `page` with one query each.
  void fill_page(soci::session& s, const content::Viewer& v, std::vector<Conversation>& page) const;
  db::Database& db_;
  live::Hub& hub_;
};

}  // namespace qt::messages
