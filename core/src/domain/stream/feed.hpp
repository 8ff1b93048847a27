#pragma once
// Streams: home (my neighbourhood, the city, my containers), neighbourhood, city, container,
// profile. Keyset pagination on the item id (ids only grow, so a page boundary never moves
// when new items arrive: "before=<last id>" gives exactly the older items). Each container's
// part is read with its own index range (content_stream / content_stream_kind) and LIMIT,
// then merged, so a page costs O(containers x limit) index entries however big the tables are.
// Decoration (authors, containers, reaction counts, my reaction, the two newest visible comments
// with their authors) comes with the items in one statement per page, read column by column
// (db::RowReader).
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/storage_ptr.hpp>
#include <boost/json/value.hpp>
#include <soci/soci.h>

#include "domain/content/store.hpp"
#include "platform/db/database.hpp"

namespace qt::stream {

enum class Scope { home, neighbourhood, city, container, profile };
std::optional<Scope> scope_from(std::string_view s);

struct StreamQuery {
  Scope scope = Scope::home;
  std::int64_t id = 0;              // neighbourhood id, container id or user id (0 = mine)
  std::vector<std::string> kinds;   // empty = all kinds
  std::int64_t before = 0;          // cursor: items with a smaller id (0 = newest)
  int limit = 20;                   // 1..100
};

struct Author {
  std::int64_t id = 0;
  std::string display_name;
  std::string role;        // resident, staff, moderator, admin
  std::string department;  // staff: shown as the verified office
  std::string avatar;      // users.avatar: the key of their profile picture, "" = none
};
// Where the author's profile picture is served (accounts::avatar_url), or null.
boost::json::value avatar_json(const Author& a);

struct ContainerRef {
  std::int64_t id = 0;
  std::string kind;
  std::string name;
  std::optional<std::int64_t> neighbourhood_id;
};

// One of an item's newest comments, shown under it in a stream (the whole thread is
// GET /api/content/{id}/comments).
struct CommentPreview {
  std::int64_t id = 0;
  std::int64_t author_id = 0;
  std::string author_name;
  std::string author_avatar;  // users.avatar, "" = none
  std::string body_html;
  bool hidden = false;  // only the author and moderators get hidden ones, as in the comment list
  std::int64_t created_at = 0;
};

// How much of an item's text an entry carries. Lists (streams, search) send cards: the summary
// (the start of the body as plain text when the item has none), no body and no body_html, which
// were two thirds of a stream page and are shown only on the item's own page. The item view is full.
enum class Form { full, card };

struct Entry {
  content::Item item;
  Form form = Form::full;  // card: written without body and body_html
  Author author;
  ContainerRef container;
  std::string images;  // the item's pictures as JSON (content.images, Images::attach), "" = none
  std::map<std::string, std::int64_t> reactions;  // reaction -> count
  std::int64_t reaction_count = 0;
  std::string my_reaction;  // "" = none
  // The item's two newest visible comments, oldest of the two first; set only when decorate()
  // was asked for them (streams and the item view, not search).
  std::optional<std::vector<CommentPreview>> latest_comments;
};

struct Page {
  std::vector<Entry> items;
  std::vector<Entry> pinned;  // first page of home/city/neighbourhood: pinned announcements
  std::int64_t next_before = 0;  // 0 = no more
  // city, neighbourhood and container scopes: the one container shown, where a post written on
  // this page belongs (0 = none, e.g. home, profile, or a neighbourhood without a container yet).
  std::int64_t container_id = 0;
};

class Feed {
 public:
  explicit Feed(const content::Store& store) : store_(store) {}

  // Throws domain::Error 403/404 if the viewer may not read the scope.
  Page page(soci::session& s, const content::Viewer& v, const StreamQuery& q) const;

  // Authors, containers, counts and my reaction for the given items, in the given order; with
  // latest_comments also each item's two newest comments (in the same statement).
  std::vector<Entry> decorate(soci::session& s, const content::Viewer& v, const std::vector<content::Item>& items,
                              bool latest_comments = false) const;

  // The entries for these item ids (already checked readable: no access check here) in this
  // order (ids not found are left out): items, authors, containers, reaction counts, my reaction
  // and, with latest_comments, the two newest visible comments with their authors, all in one
  // statement (sql::entries).
  std::vector<Entry> load(soci::session& s, const content::Viewer& v, const std::vector<std::int64_t>& ids,
                          bool latest_comments, Form form = Form::full) const;

  // The container ids a scope reads (after the access check).
  std::vector<std::int64_t> scope_containers(soci::session& s, const content::Viewer& v, const StreamQuery& q) const;

 private:
  std::vector<std::int64_t> newest_ids(soci::session& s, const std::vector<std::int64_t>& containers,
                                       const std::vector<std::string>& kinds, std::int64_t before, int limit,
                                       std::vector<std::int64_t>* pins = nullptr) const;
  std::vector<std::int64_t> profile_ids(soci::session& s, const content::Viewer& v, std::int64_t author,
                                        const std::vector<std::string>& kinds, std::int64_t before, int limit) const;
  std::vector<std::int64_t> pinned_ids(soci::session& s, const std::vector<std::int64_t>& containers) const;
  const content::Store& store_;
};

// The reactions in the order their counts are read and their keys appear in JSON (sorted).
inline constexpr const char* kReactionsSorted[] = {"heart", "laugh", "like", "sad", "thanks"};

// The statements behind Feed::page and Feed::load (exposed for the query-plan tests).
namespace sql {
std::string newest_ids(const std::vector<bool>& with_kind, db::Dialect dialect);  // a part per (container, kind filter or not)
std::string pinned_ids(std::size_t n, db::Dialect dialect);  // n containers
// PostgreSQL: both of the above in one statement, rows (0, page id) then (1, pinned id).
std::string newest_and_pinned_ids(const std::vector<bool>& with_kind, std::size_t n);
std::string entries(std::size_t n, bool latest_comments, Form form = Form::full);
}  // namespace sql

boost::json::value to_json(const Entry& e);
boost::json::value to_json(const Entry& e, boost::json::storage_ptr sp);
boost::json::value to_json(const Page& p);
// The same page as JSON text, written directly (feed_json.cpp): equal to
// boost::json::serialize(to_json(p)), without building the object tree (the stream route).
std::string to_json_text(const Page& p);

}  // namespace qt::stream
