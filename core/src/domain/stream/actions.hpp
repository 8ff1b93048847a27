#pragma once
// What people do with content: post, edit, delete, announce, comment, react. Each call runs in
// its own write transaction (posts, comments and reactions: in their own savepoint of a group
// commit, db/group_commit.hpp), checks access in the core, and after the commit delivers the
// notifications it stored (mentions, comments, replies, reactions, urgent announcements) and
// tells the online readers of the container about new items over /api/live.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/value.hpp>
#include <soci/soci.h>

#include "domain/content/images.hpp"
#include "domain/content/store.hpp"
#include "domain/notify/notifier.hpp"
#include "domain/stream/feed.hpp"
#include "platform/db/database.hpp"
#include "platform/db/group_commit.hpp"
#include "platform/ratelimit/rate_limiter.hpp"

namespace qt::live {
class Hub;
}
namespace qt::notify {
class MailFanout;
}

namespace qt::stream {

// The fixed set of reactions.
inline constexpr std::array<std::string_view, 5> kReactions = {"like", "heart", "thanks", "laugh", "sad"};
bool valid_reaction(std::string_view r);

struct Comment {
  std::int64_t id = 0;
  std::int64_t content_id = 0;
  std::int64_t parent_id = 0;  // 0 = top level
  Author author;
  std::string body;
  std::string body_html;
  bool hidden = false;
  bool deleted = false;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
  std::string images;  // the pictures as JSON (comments.images), "" = none
};
boost::json::value to_json(const Comment& c);

struct PostInput {
  std::int64_t container_id = 0;  // 0 = the author's neighbourhood
  std::string title;
  std::string body;               // Markdown; may be empty when there are pictures
  content::ItemVisibility visibility = content::ItemVisibility::members;
  std::vector<content::ImageChoice> images;  // at most Images::kMaxPerPost
};

struct AnnouncementInput {
  std::optional<std::int64_t> neighbourhood_id;  // none = the whole city
  std::string title;
  std::string body;  // Markdown
  bool pinned = false;
  bool urgent = false;  // crisis information: every resident of the area, live and by mail
};

struct Limits {
  std::size_t max_body = 20000;    // characters of Markdown in a post
  std::size_t max_comment = 5000;
  // Posts, comments and announcements per person (per node) in a sliding window: 429 beyond.
  accounts::Limit writes{30, std::chrono::seconds(10 * 60)};
};

class Actions {
 public:
  Actions(db::Database& db, const content::Store& store, const notify::Notifier& notifier, live::Hub& hub)
      : db_(db), store_(store), notifier_(notifier), hub_(hub) {}

  std::int64_t create_post(const content::Viewer& v, const PostInput& in) const;
  // Author only: title/body (re-rendered, mentions of new people notified), visibility.
  // images, if set, becomes the post's pictures (kept ones by id, others removed).
  void edit_item(const content::Viewer& v, std::int64_t id, const std::optional<std::string>& title,
                 const std::optional<std::string>& body, std::optional<content::ItemVisibility> visibility,
                 const std::optional<std::vector<content::ImageChoice>>& images = std::nullopt) const;
  // Author, container manager or moderator; a moderator deleting another's item is logged.
  void delete_item(const content::Viewer& v, std::int64_t id, std::string_view reason) const;
  // Staff, moderators, admins. Returns the new item id.
  std::int64_t announce(const content::Viewer& v, const AnnouncementInput& in) const;
  void set_pinned(const content::Viewer& v, std::int64_t id, bool pinned) const;  // staff+ on announcements

  // body may be empty when there is a picture (at most Images::kMaxPerComment).
  Comment add_comment(const content::Viewer& v, std::int64_t content_id, std::int64_t parent_id,
                      const std::string& body, const std::vector<content::ImageChoice>& images = {}) const;
  // Oldest first, replies after their parent; keyset on id (after = last id seen).
  std::vector<Comment> comments(soci::session& s, const content::Viewer& v, std::int64_t content_id,
                                std::int64_t after, int limit) const;
  void delete_comment(const content::Viewer& v, std::int64_t comment_id) const;

  void react(const content::Viewer& v, std::int64_t content_id, std::string_view reaction) const;
  void unreact(const content::Viewer& v, std::int64_t content_id) const;

  Limits limits;
  db::GroupCommit::Stats group_commit_stats() const { return group_.stats(); }
  // Set by the module: urgent announcements then queue their mails in a background job (the
  // request only records it). Unset: the mails are queued before announce() returns.
  void set_mail_fanout(const notify::MailFanout* f) { fanout_ = f; }
  // Set by the module: pictures in posts and comments. Unset: refused (400 images_unavailable).
  void set_images(const content::Images* images) { images_ = images; }

 private:
  void require_active(soci::session& s, const content::Viewer& v) const;
  void count_write(const content::Viewer& v) const;  // 429 when over limits.writes
  content::Item readable_item(soci::session& s, const content::Viewer& v, std::int64_t id) const;
  std::vector<std::int64_t> notify_mentions(soci::session& s, const content::Viewer& v, std::int64_t content_id,
                                            std::string_view body, const std::vector<std::int64_t>& skip) const;
  void announce_live(std::int64_t content_id) const;
  // The text after trimming; 400 if empty without pictures, or longer than max characters.
  std::string checked_text(std::string_view text, std::size_t max, bool has_images) const;
  void check_images(const std::vector<content::ImageChoice>& images, std::size_t max) const;

  db::Database& db_;
  const content::Store& store_;
  const notify::Notifier& notifier_;
  live::Hub& hub_;
  mutable accounts::RateLimiter limiter_;
  const notify::MailFanout* fanout_ = nullptr;
  const content::Images* images_ = nullptr;
  // Posts, comments and reactions commit in groups (one disk flush for all that arrive while
  // one is in flight); each still returns only once its own work is committed.
  mutable db::GroupCommit group_{db_};
};

}  // namespace qt::stream
