#include "domain/stream/feed.hpp"

#include <algorithm>
#include <array>
#include <iterator>
#include <limits>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

#include <boost/json.hpp>

#include "domain/accounts/avatars.hpp"
#include "domain/content/plugin_items.hpp"
#include "domain/content/sql.hpp"
#include "domain/errors/error.hpp"
#include "platform/db/row_reader.hpp"
#include "platform/db/statement_cache.hpp"
#include "platform/markdown/markdown.hpp"

namespace qt::stream {

using content::Item;
using content::Viewer;

namespace {
constexpr std::size_t kMaxParts = 400;  // SQLite allows 500 terms in a compound SELECT

std::vector<std::string> kinds_or_all(const std::vector<std::string>& kinds) {
  return kinds.empty() ? std::vector<std::string>{std::string()} : kinds;
}

// A statement text that is the same for every request of its shape (key), built once per thread
// and shape instead of per request (the entries text alone is 2 KB). One map per builder.
template <typename Key, typename Build>
const std::string& text_per_thread(const Key& key, Build build) {
  thread_local std::map<Key, std::string> texts;
  auto [it, fresh] = texts.try_emplace(key);
  if (fresh) it->second = build();
  return it->second;
}
}  // namespace

std::optional<Scope> scope_from(std::string_view s) {
  if (s == "home" || s.empty()) return Scope::home;
  if (s == "neighbourhood") return Scope::neighbourhood;
  if (s == "city") return Scope::city;
  if (s == "container") return Scope::container;
  if (s == "profile") return Scope::profile;
  return std::nullopt;
}

std::vector<std::int64_t> Feed::scope_containers(soci::session& s, const Viewer& v, const StreamQuery& q) const {
  std::vector<std::int64_t> out;
  switch (q.scope) {
    case Scope::home: {
      // City, own neighbourhood and active memberships in one statement (was three), in that
      // order and the memberships newest first: a member of more containers than a page reads
      // (kMaxParts) loses the oldest groups, never the city or the neighbourhood.
      const std::int64_t nb = v.neighbourhood_id.value_or(-1);
      db::RowReader r(s, "SELECT 0 AS r, id FROM containers WHERE kind = 'city'"
                         " UNION ALL SELECT 1, id FROM containers WHERE kind = 'neighbourhood' AND neighbourhood_id = :nb"
                         " UNION ALL SELECT 2, container_id FROM memberships WHERE user_id = :u AND state = 'active'"
                         " ORDER BY 1, 2 DESC");
      r.bind(nb).bind(v.user_id);
      while (r.next())
        if (const auto id = r.i64(1); std::find(out.begin(), out.end(), id) == out.end()) out.push_back(id);
      return out;
    }
    case Scope::city:
      if (auto c = store_.find_city_container(s)) out.push_back(*c);
      break;
    case Scope::neighbourhood: {
      const std::int64_t nb = q.id ? q.id : v.neighbourhood_id.value_or(0);
      if (nb == 0)
        throw domain::Error(domain::ErrorKind::invalid, "no_neighbourhood",
                              "Bitte im Profil ein Quartier wählen oder id= angeben. / Choose a neighbourhood in your profile or pass id=.");
      if (auto c = store_.find_neighbourhood_container(s, nb)) {
        if (!store_.can_read_container(s, v, store_.require_container(s, *c)))
          throw domain::Error(domain::ErrorKind::denied, "forbidden", "Dieses Quartier ist nur für seine Bewohner:innen sichtbar. / Only this neighbourhood's residents see it.");
        out.push_back(*c);
      }
      break;
    }
    case Scope::container: {
      auto c = store_.container(s, q.id);
      if (!c || (c->visibility == content::Visibility::hidden && !store_.can_read_container(s, v, *c)))
        throw domain::Error(domain::ErrorKind::not_found, "not_found", "Diesen Bereich gibt es nicht. / This container does not exist.");
      if (!store_.can_read_container(s, v, *c))
        throw domain::Error(domain::ErrorKind::denied, "forbidden", "Nur Mitglieder sehen diese Beiträge. / Only members see this content.");
      out.push_back(c->id);
      break;
    }
    case Scope::profile:
      break;
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<std::int64_t> Feed::newest_ids(soci::session& s, const std::vector<std::int64_t>& containers,
                                           const std::vector<std::string>& kinds_in, std::int64_t before,
                                           int limit, std::vector<std::int64_t>* pins) const {
  std::vector<std::int64_t> out;
  if (containers.empty()) return out;
  const auto kinds = kinds_or_all(kinds_in);
  const std::int64_t b = before > 0 ? before : std::numeric_limits<std::int64_t>::max();
  const std::int64_t lim = limit;
  std::vector<std::pair<std::int64_t, std::string>> parts;
  for (auto c : containers)
    for (const auto& k : kinds) parts.emplace_back(c, k);
  // Members of more than 400 containers: the first 400 (home: city, neighbourhood, newest groups).
  if (parts.size() > kMaxParts) parts.resize(kMaxParts);
  std::vector<bool> with_kind;
  with_kind.reserve(parts.size());
  for (const auto& p : parts) with_kind.push_back(!p.second.empty());
  const auto dialect = store_.database().dialect();
  // PostgreSQL with pins: the pinned ids come in the same statement (one round trip less).
  const std::size_t n_pins = pins ? std::min(containers.size(), kMaxParts) : 0;
  db::RowReader r(s, pins ? sql::newest_and_pinned_ids(with_kind, n_pins) : sql::newest_ids(with_kind, dialect));
  // Bound by position, in the order of the placeholders: c, (k), b, (PostgreSQL: l) per part,
  // then lim, then (pins) the containers.
  for (const auto& [c, k] : parts) {
    r.bind(c);
    if (!k.empty()) r.bind(k);
    r.bind(b);
    if (dialect == db::Dialect::postgresql) r.bind(lim);
  }
  r.bind(lim);
  for (std::size_t i = 0; i < n_pins; ++i) r.bind(containers[i]);
  out.reserve(static_cast<std::size_t>(limit));
  while (r.next()) (pins && r.i64(0) == 1 ? *pins : out).push_back(r.i64(pins ? 1 : 0));
  return out;
}

std::vector<std::int64_t> Feed::profile_ids(soci::session& s, const Viewer& v, std::int64_t author,
                                            const std::vector<std::string>& kinds, std::int64_t before,
                                            int limit) const {
  std::vector<std::int64_t> out;
  const std::int64_t b = before > 0 ? before : std::numeric_limits<std::int64_t>::max();
  const std::int64_t lim = limit;
  content::sql::ViewerBinds vb(v);
  std::string sql =
      "SELECT c.id FROM content c JOIN containers k ON k.id = c.container_id"
      " WHERE c.author_id = :a AND c.id < :b AND c.deleted_at IS NULL AND c.hidden = 0";
  if (!kinds.empty()) {
    sql += " AND c.kind IN (";
    for (std::size_t i = 0; i < kinds.size(); ++i) sql += (i ? ",:k" : ":k") + std::to_string(i);
    sql += ")";
  }
  sql += " AND " + content::sql::not_expired("c.", store_.database().dialect()) + " AND ";
  sql += content::sql::readable_container();
  sql += " ORDER BY c.id DESC LIMIT :lim";
  std::int64_t id = 0;
  db::CachedStatement st(s, sql);
  st, soci::use(author, "a"), soci::use(b, "b"), soci::use(lim, "lim");
  for (std::size_t i = 0; i < kinds.size(); ++i) st, soci::use(kinds[i], "k" + std::to_string(i));
  vb.bind(st);
  st, soci::into(id);
  st.execute();
  while (st.fetch()) out.push_back(id);
  return out;
}

std::vector<std::int64_t> Feed::pinned_ids(soci::session& s, const std::vector<std::int64_t>& containers) const {
  std::vector<std::int64_t> out;
  if (containers.empty()) return out;
  // Pinned announcements live in the city and neighbourhood containers among these; the join
  // picks those out. Those come first (scope_containers), so a member of more containers than a
  // compound statement may have parts loses none of them to the cut.
  const std::size_t n = std::min(containers.size(), kMaxParts);
  const auto dialect = store_.database().dialect();
  db::RowReader r(s, text_per_thread(std::pair{n, dialect}, [n, dialect] { return sql::pinned_ids(n, dialect); }));
  for (std::size_t i = 0; i < n; ++i) r.bind(containers[i]);
  while (r.next()) out.push_back(r.i64(0));
  return out;
}

Page Feed::page(soci::session& s, const Viewer& v, const StreamQuery& q_in) const {
  StreamQuery q = q_in;
  q.limit = std::clamp(q.limit, 1, 100);
  for (const auto& k : q.kinds)
    if (k.empty() || k.size() > 64) throw domain::Error(domain::ErrorKind::invalid, "invalid_kind", "kind must be a content kind such as 'post'.");
  if (q.kinds.size() > 10) throw domain::Error(domain::ErrorKind::invalid, "invalid_kind", "Filter by at most 10 kinds at once.");
  if (!v.signed_in()) throw domain::Error(domain::ErrorKind::unauthenticated, "unauthenticated", "Bitte anmelden. / Please sign in.");

  Page page;
  std::vector<std::int64_t> ids;
  std::vector<std::int64_t> pin_scope;
  if (q.scope == Scope::profile) {
    ids = profile_ids(s, v, q.id ? q.id : v.user_id, q.kinds, q.before, q.limit);
  } else {
    const auto containers = scope_containers(s, v, q);
    if (q.scope != Scope::home && containers.size() == 1) page.container_id = containers.front();
    const bool pins = q.before == 0 && q.kinds.empty() && q.scope != Scope::container && !containers.empty();
    const bool pins_along = pins && store_.database().dialect() == db::Dialect::postgresql;
    ids = newest_ids(s, containers, q.kinds, q.before, q.limit, pins_along ? &pin_scope : nullptr);
    if (pins && !pins_along) pin_scope = pinned_ids(s, containers);
  }
  if (static_cast<int>(ids.size()) == q.limit) page.next_before = ids.back();
  // Stream and pinned items are loaded and decorated together (one set of statements, not two).
  std::vector<std::int64_t> all = ids;
  for (auto id : pin_scope)
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) all.push_back(id);
  auto entries = load(s, v, all, true, Form::card);
  // Pinned items also in the stream are copied; the rest of the entries are moved.
  std::unordered_map<std::int64_t, Entry*> by_id;
  for (auto& e : entries) by_id.emplace(e.item.id, &e);
  for (auto id : pin_scope)
    if (auto it = by_id.find(id); it != by_id.end()) {
      if (std::find(ids.begin(), ids.end(), id) != ids.end()) page.pinned.push_back(*it->second);
      else page.pinned.push_back(std::move(*it->second));
    }
  page.items.reserve(ids.size());
  for (auto id : ids)
    if (auto it = by_id.find(id); it != by_id.end()) page.items.push_back(std::move(*it->second));
  return page;
}

namespace sql {

std::string newest_ids(const std::vector<bool>& with_kind, db::Dialect dialect) {
  // One part per (container, kind), each an index range newest first (content_stream or
  // content_stream_kind). SQLite: without a LIMIT of their own the parts need no sorting, the
  // ORDER BY merges them as they come and the LIMIT stops every part once the page is full.
  // PostgreSQL: each part keeps its own LIMIT (bound by :lim too), so a plan that sorts the
  // parts can never read a whole container.
  const bool pg = dialect == db::Dialect::postgresql;
  // Expired items (ABI 1.2) leave the streams; expires_at is in both indexes, so this reads no row.
  const std::string live = " AND " + content::sql::not_expired("", dialect);
  std::string q;
  q.reserve(with_kind.size() * 140 + 32);
  for (std::size_t i = 0; i < with_kind.size(); ++i) {
    const std::string n = std::to_string(i);
    if (i) q += " UNION ALL ";
    q += pg ? "SELECT id FROM (SELECT id FROM content WHERE container_id = :c" + n
            : "SELECT id FROM content WHERE container_id = :c" + n;
    if (with_kind[i]) q += " AND kind = :k" + n;
    q += " AND id < :b" + n + " AND deleted_at IS NULL AND hidden = 0" + live;
    if (pg) q += " ORDER BY id DESC LIMIT :l" + n + ") t" + n;
  }
  q += " ORDER BY id DESC LIMIT :lim";
  return q;
}

std::string newest_and_pinned_ids(const std::vector<bool>& with_kind, std::size_t n) {
  // PostgreSQL only (SQLite answers in the process, where a statement more costs no round trip):
  // the page's ids (p = 0) and the pinned ids (p = 1) in one statement, each newest first.
  return "SELECT 0 AS p, id FROM (" + newest_ids(with_kind, db::Dialect::postgresql) +
         ") n UNION ALL SELECT 1, id FROM (" + pinned_ids(n, db::Dialect::postgresql) + ") q ORDER BY 1, 2 DESC";
}

std::string pinned_ids(std::size_t n, db::Dialect dialect) {
  // Pinned announcements live in the city and neighbourhood containers among these; one part per
  // container on the partial index content_pinned, merged newest first like newest_ids.
  std::string q;
  for (std::size_t i = 0; i < n; ++i) {
    if (i) q += " UNION ALL ";
    q += "SELECT c.id AS id FROM content c JOIN containers k ON k.id = c.container_id WHERE c.container_id = :c" +
         std::to_string(i) +
         " AND k.kind IN ('city', 'neighbourhood') AND c.pinned = 1 AND c.deleted_at IS NULL AND c.hidden = 0 AND " +
         content::sql::not_expired("c.", dialect);
  }
  q += " ORDER BY id DESC LIMIT 10";
  return q;
}

namespace {
// Joins the item's newest visible comment (k = 0) or second newest (k = 1) and its author. The
// id comes from the partial index comments_latest (content_id, id, hidden, author_id WHERE
// deleted_at IS NULL): a bounded read of index entries however many comments the item has; the
// row and the author by primary key. Same visibility as the comment list (Actions::comments):
// hidden ones only for their author and moderators, deleted ones never.
std::string join_newest_comment(int k) {
  const std::string n = std::to_string(k), lc = "lc" + n, lu = "lu" + n;
  // comment_count counts the item's comments that are not deleted (hidden ones too): an item
  // with fewer than k + 1 has no k-th newest to look for.
  return " LEFT JOIN comments " + lc + " ON c.comment_count > " + n + " AND " + lc +
         ".id = (SELECT x.id FROM comments x WHERE x.content_id = c.id AND x.deleted_at IS NULL"
         " AND (x.hidden = 0 OR :m" + n + " = 1 OR x.author_id = :cu" + n + ") ORDER BY x.id DESC LIMIT 1" +
         (k ? " OFFSET 1" : "") + ") LEFT JOIN users " + lu + " ON " + lu + ".id = " + lc + ".author_id";
}

std::string newest_comment_columns(int k) {
  const std::string lc = "lc" + std::to_string(k), lu = "lu" + std::to_string(k);
  return ", COALESCE(" + lc + ".id, 0), COALESCE(" + lc + ".author_id, 0), COALESCE(" + lu + ".display_name, ''), COALESCE(" +
         lc + ".body_html, ''), COALESCE(" + lc + ".hidden, 0), COALESCE(" + lc + ".created_at, 0)";
}
}  // namespace

std::string entries(std::size_t n, bool latest_comments, Form form) {
  // Binds by position: (latest_comments) :m0, :cu0, :m1, :cu1, then :me, then the n ids.
  // A card reads the body only when there is no summary to make one from it.
  std::string q = "SELECT c.id, c.kind, c.owner, c.container_id, c.author_id, c.visibility, c.title, c.summary, ";
  q += form == Form::card ? "CASE WHEN c.summary = '' THEN c.body ELSE '' END, ''" : "c.body, c.body_html";
  q +=
      ", c.official, c.pinned, c.urgent, c.hidden, c.hidden_reason, c.comment_count, c.revision,"
      " c.created_at, c.updated_at, c.deleted_at, c.card, c.expires_at,"
      " COALESCE(u.display_name, ''), COALESCE(u.role, ''), COALESCE(u.department, ''),"
      " COALESCE(k.kind, ''), COALESCE(k.name, ''), k.neighbourhood_id";
  // Counts from reaction_tally (migration 0040, kept by triggers): one row per item, in the
  // order of kReactionsSorted (the JSON object's key order). Joined rather than read by
  // subqueries, so the cursors stay open across the page's rows.
  for (const char* r : kReactionsSorted) q += std::string(", COALESCE(rt.n_") + r + ", 0)";
  q += ", COALESCE(mine.reaction, '')";
  if (latest_comments) q += newest_comment_columns(0) + newest_comment_columns(1);
  // Last, so the columns above keep their places: the pictures and the profile pictures.
  q += ", c.images, u.avatar";
  if (latest_comments) q += ", lu0.avatar, lu1.avatar";
  q += " FROM content c LEFT JOIN users u ON u.id = c.author_id LEFT JOIN containers k ON k.id = c.container_id"
       " LEFT JOIN reaction_tally rt ON rt.content_id = c.id";
  if (latest_comments) q += join_newest_comment(0) + join_newest_comment(1);
  q += " LEFT JOIN reactions mine ON mine.content_id = c.id AND mine.user_id = :me"
       " WHERE c.id IN " + content::sql::IdList::placeholders("i", n);
  return q;
}

}  // namespace sql

namespace {

// One row of sql::entries, read column by column in its order (columns 0-21: the item).
void read_item(db::RowReader& r, Entry& e, Form form) {
  Item& i = e.item;
  i.id = r.i64(0);
  i.kind = r.text(1);
  i.owner = r.text(2);
  i.container_id = r.i64(3);
  i.author_id = r.i64(4);
  i.visibility = content::item_visibility_from(r.text(5)).value_or(content::ItemVisibility::members);
  i.title = r.text(6);
  i.summary = r.text(7);
  e.form = form;
  if (form == Form::card) {
    // An item without a summary (a plugin may leave it out): its card shows the body's start.
    if (i.summary.empty() && !r.text(8).empty()) i.summary = plain_summary(r.text(8));
  } else {
    i.body = r.text(8);
    i.body_html = r.text(9);
  }
  i.official = r.i64(10) != 0;
  i.pinned = r.i64(11) != 0;
  i.urgent = r.i64(12) != 0;
  i.hidden = r.i64(13) != 0;
  i.hidden_reason = r.text(14);
  i.comment_count = r.i64(15);
  i.revision = r.i64(16);
  i.created_at = r.i64(17);
  i.updated_at = r.i64(18);
  if (!r.is_null(19)) i.deleted_at = r.i64(19);
  if (!r.is_null(20)) i.card = r.text(20);  // NULL for items without card data: nothing copied
  if (!r.is_null(21)) i.expires_at = r.i64(21);
}

// Columns 22-27: the author and the container.
void read_author_and_container(db::RowReader& r, Entry& e) {
  e.author.id = e.item.author_id;
  e.author.display_name = r.text(22);
  e.author.role = r.text(23);
  e.author.department = r.text(24);
  e.container.id = e.item.container_id;
  e.container.kind = r.text(25);
  e.container.name = r.text(26);
  if (!r.is_null(27)) e.container.neighbourhood_id = r.i64(27);
}

// From column 28: the reaction counts, my reaction, and the two newest comments.
void read_reactions_and_comments(db::RowReader& r, Entry& e, std::int64_t me, bool latest_comments) {
  int col = 28;
  for (const char* reaction : kReactionsSorted) {
    const std::int64_t n = r.i64(col++);
    if (n > 0) {
      e.reactions.emplace(reaction, n);
      e.reaction_count += n;
    }
  }
  if (me != 0) e.my_reaction = r.text(col);
  ++col;
  if (!latest_comments) {
    if (!r.is_null(col)) e.images = r.text(col);
    if (!r.is_null(col + 1)) e.author.avatar = r.text(col + 1);
    return;
  }
  // Newest first in the row; the list shows the older of the two first.
  std::array<CommentPreview, 2> two;
  for (auto& c : two) {
    c.id = r.i64(col);
    c.author_id = r.i64(col + 1);
    c.author_name = r.text(col + 2);
    c.body_html = r.text(col + 3);
    c.hidden = r.i64(col + 4) != 0;
    c.created_at = r.i64(col + 5);
    col += 6;
  }
  if (!r.is_null(col)) e.images = r.text(col);
  if (!r.is_null(col + 1)) e.author.avatar = r.text(col + 1);
  if (!r.is_null(col + 2)) two[0].author_avatar = r.text(col + 2);
  if (!r.is_null(col + 3)) two[1].author_avatar = r.text(col + 3);
  e.latest_comments.emplace();
  for (auto* c : {&two[1], &two[0]})
    if (c->id != 0) e.latest_comments->push_back(std::move(*c));
}

}  // namespace

std::vector<Entry> Feed::load(soci::session& s, const Viewer& v, const std::vector<std::int64_t>& ids_in,
                              bool latest_comments, Form form) const {
  std::vector<Entry> out;
  if (ids_in.empty()) return out;
  // Items, authors, containers, reaction counts, my reaction and the two newest comments with
  // their authors in one statement; IdList pads the ids to a power of two so the text repeats and
  // the statement cache reuses it.
  const content::sql::IdList ids("i", ids_in);
  const std::int64_t me = v.signed_in() ? v.user_id : 0;
  const std::int64_t moderator = v.moderator() ? 1 : 0;
  // Read column by column (db::RowReader): SOCI's copy and conversion of ~45 columns per row
  // was a sixth of a home-page request. The columns in the order of sql::entries.
  const std::size_t padded = ids.padded_size();
  db::RowReader r(s, text_per_thread(std::tuple{padded, latest_comments, form},
                                     [&] { return sql::entries(padded, latest_comments, form); }));
  if (latest_comments) r.bind(moderator).bind(me).bind(moderator).bind(me);
  r.bind(me);
  ids.bind_by_position(r);

  // Filled in place in fetch order, then moved once into the caller's order.
  std::vector<Entry> fetched;
  fetched.reserve(ids_in.size());
  std::unordered_map<std::int64_t, std::size_t> by_id;
  by_id.reserve(ids_in.size());
  while (r.next()) {
    Entry& e = fetched.emplace_back();
    read_item(r, e, form);
    read_author_and_container(r, e);
    read_reactions_and_comments(r, e, me, latest_comments);
    by_id.emplace(e.item.id, fetched.size() - 1);
  }

  out.reserve(ids_in.size());
  for (auto id : ids_in)
    if (auto it = by_id.find(id); it != by_id.end()) out.push_back(std::move(fetched[it->second]));
  return out;
}

std::vector<Entry> Feed::decorate(soci::session& s, const Viewer& v, const std::vector<content::Item>& items,
                                  bool latest_comments) const {
  std::vector<std::int64_t> ids;
  ids.reserve(items.size());
  for (const auto& i : items) ids.push_back(i.id);
  auto loaded = load(s, v, ids, latest_comments);
  std::unordered_map<std::int64_t, Entry*> by_id;
  for (auto& e : loaded) by_id.emplace(e.item.id, &e);
  std::vector<Entry> out;
  out.reserve(items.size());
  for (const auto& i : items) {
    Entry e;
    if (auto it = by_id.find(i.id); it != by_id.end()) e = *it->second;
    e.item = i;  // as the caller read it
    if (e.author.id == 0) e.author.id = i.author_id;
    if (e.container.id == 0) e.container.id = i.container_id;
    if (latest_comments && !e.latest_comments) e.latest_comments.emplace();
    out.push_back(std::move(e));
  }
  return out;
}

namespace {

boost::json::object author_json(const Author& a, const boost::json::storage_ptr& sp) {
  boost::json::object o(6, sp);
  o.emplace("id", a.id);
  o.emplace("display_name", a.display_name);
  o.emplace("role", a.role);
  o.emplace("department", a.department);
  o.emplace("verified", a.role == "staff" || a.role == "admin");
  if (a.avatar.empty()) o.emplace("avatar", nullptr);
  else o.emplace("avatar", accounts::avatar_url(a.id, a.avatar));
  return o;
}

boost::json::object container_json(const ContainerRef& c, const boost::json::storage_ptr& sp) {
  boost::json::object o(4, sp);
  o.emplace("id", c.id);
  o.emplace("kind", c.kind);
  o.emplace("name", c.name);
  if (c.neighbourhood_id) o.emplace("neighbourhood_id", *c.neighbourhood_id);
  else o.emplace("neighbourhood_id", nullptr);
  return o;
}

boost::json::array comments_json(const std::vector<CommentPreview>& comments, const boost::json::storage_ptr& sp) {
  boost::json::array list(sp);
  list.reserve(comments.size());
  for (const auto& lc : comments) {
    boost::json::object x(5, sp);
    x.emplace("id", lc.id);
    boost::json::object who(3, sp);
    who.emplace("id", lc.author_id);
    who.emplace("display_name", lc.author_name);
    if (lc.author_avatar.empty()) who.emplace("avatar", nullptr);
    else who.emplace("avatar", accounts::avatar_url(lc.author_id, lc.author_avatar));
    x.emplace("author", std::move(who));
    x.emplace("body_html", lc.body_html);
    x.emplace("hidden", lc.hidden);
    x.emplace("created_at", lc.created_at);
    list.emplace_back(std::move(x));
  }
  return list;
}

}  // namespace

boost::json::value avatar_json(const Author& a) {
  if (a.avatar.empty()) return nullptr;
  return boost::json::value(accounts::avatar_url(a.id, a.avatar));
}

boost::json::value to_json(const Entry& e) { return to_json(e, {}); }

boost::json::value to_json(const Entry& e, boost::json::storage_ptr sp) {
  // Built with emplace into reserved objects on the caller's storage (a page uses one
  // monotonic arena: no per-key allocation, no rehashing, freed at once).
  const auto& i = e.item;
  boost::json::object o(28, sp);
  o.emplace("id", i.id);
  o.emplace("kind", i.kind);
  o.emplace("owner", i.owner);
  o.emplace("visibility", content::to_string(i.visibility));
  o.emplace("title", i.title);
  o.emplace("summary", i.summary);
  if (e.form == Form::full) {
    o.emplace("body", i.body);
    o.emplace("body_html", i.body_html);
  }
  o.emplace("official", i.official);
  if (!i.card.empty()) o.emplace("card", boost::json::parse(i.card, sp));
  if (i.expires_at) o.emplace("expires_at", *i.expires_at);
  if (!e.images.empty()) o.emplace("images", boost::json::parse(e.images, sp));
  o.emplace("pinned", i.pinned);
  o.emplace("urgent", i.urgent);
  o.emplace("hidden", i.hidden);
  if (i.hidden) o.emplace("hidden_reason", i.hidden_reason);
  o.emplace("revision", i.revision);
  o.emplace("edited", i.revision > 1);
  o.emplace("created_at", i.created_at);
  o.emplace("updated_at", i.updated_at);
  o.emplace("author", author_json(e.author, sp));
  o.emplace("container", container_json(e.container, sp));
  o.emplace("comment_count", i.comment_count);
  boost::json::object r(e.reactions.size(), sp);
  for (const auto& [k, n] : e.reactions) r.emplace(k, n);
  o.emplace("reactions", std::move(r));
  o.emplace("reaction_count", e.reaction_count);
  if (e.my_reaction.empty()) o.emplace("my_reaction", nullptr);
  else o.emplace("my_reaction", e.my_reaction);
  if (e.latest_comments) o.emplace("latest_comments", comments_json(*e.latest_comments, sp));
  return boost::json::value(std::move(o));
}

boost::json::value to_json(const Page& p) {
  // One arena for the whole page; the returned value keeps it alive until it is serialised.
  auto sp = boost::json::make_shared_resource<boost::json::monotonic_resource>(64 * 1024);
  boost::json::array items(sp), pinned(sp);
  items.reserve(p.items.size());
  pinned.reserve(p.pinned.size());
  for (const auto& e : p.items) items.emplace_back(to_json(e, sp));
  for (const auto& e : p.pinned) pinned.emplace_back(to_json(e, sp));
  boost::json::object o(4, sp);
  o.emplace("items", std::move(items));
  o.emplace("pinned", std::move(pinned));
  if (p.next_before) o.emplace("next_before", std::to_string(p.next_before));
  else o.emplace("next_before", nullptr);
  if (p.container_id) o.emplace("container_id", p.container_id);
  else o.emplace("container_id", nullptr);
  return boost::json::value(std::move(o));
}

}  // namespace qt::stream
