#include "stream/feed.hpp"

#include <algorithm>
#include <limits>
#include <set>
#include <unordered_map>

#include <boost/json.hpp>

#include "content/sql.hpp"
#include "db/statement_cache.hpp"
#include "http/response.hpp"

namespace qt::stream {

using content::Viewer;

namespace {
constexpr std::size_t kMaxParts = 400;  // SQLite allows 500 terms in a compound SELECT

std::vector<std::string> kinds_or_all(const std::vector<std::string>& kinds) {
  return kinds.empty() ? std::vector<std::string>{std::string()} : kinds;
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
      // City, own neighbourhood and active memberships in one statement (was three).
      const std::int64_t nb = v.neighbourhood_id.value_or(-1);
      std::int64_t id = 0;
      db::CachedStatement st(s, "SELECT id FROM containers WHERE kind = 'city'"
                                " UNION ALL SELECT id FROM containers WHERE kind = 'neighbourhood' AND neighbourhood_id = :nb"
                                " UNION ALL SELECT container_id FROM memberships WHERE user_id = :u AND state = 'active'");
      st, soci::use(nb, "nb"), soci::use(v.user_id, "u"), soci::into(id);
      st.execute();
      while (st.fetch()) out.push_back(id);
      break;
    }
    case Scope::city:
      if (auto c = store_.find_city_container(s)) out.push_back(*c);
      break;
    case Scope::neighbourhood: {
      const std::int64_t nb = q.id ? q.id : v.neighbourhood_id.value_or(0);
      if (nb == 0)
        throw http::HttpError(400, "no_neighbourhood",
                              "Bitte im Profil ein Quartier wählen oder id= angeben. / Choose a neighbourhood in your profile or pass id=.");
      if (auto c = store_.find_neighbourhood_container(s, nb)) {
        if (!store_.can_read_container(s, v, store_.require_container(s, *c)))
          throw http::HttpError(403, "forbidden", "Dieses Quartier ist nur für seine Bewohner:innen sichtbar. / Only this neighbourhood's residents see it.");
        out.push_back(*c);
      }
      break;
    }
    case Scope::container: {
      auto c = store_.container(s, q.id);
      if (!c || (c->visibility == content::Visibility::hidden && !store_.can_read_container(s, v, *c)))
        throw http::HttpError(404, "not_found", "Diesen Bereich gibt es nicht. / This container does not exist.");
      if (!store_.can_read_container(s, v, *c))
        throw http::HttpError(403, "forbidden", "Nur Mitglieder sehen diese Beiträge. / Only members see this content.");
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
                                           int limit) const {
  std::vector<std::int64_t> out;
  if (containers.empty()) return out;
  const auto kinds = kinds_or_all(kinds_in);
  const std::int64_t b = before > 0 ? before : std::numeric_limits<std::int64_t>::max();
  const std::int64_t lim = limit;
  // One part per (container, kind): each is a single index range read newest first, LIMIT lim.
  std::vector<std::pair<std::int64_t, std::string>> parts;
  for (auto c : containers)
    for (const auto& k : kinds) parts.emplace_back(c, k);
  if (parts.size() > kMaxParts) parts.resize(kMaxParts);  // members of >400 containers: the newest 400 by id
  std::string sql;
  std::vector<std::string> names;
  names.reserve(parts.size() * 2);
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const std::string n = std::to_string(i);
    if (i) sql += " UNION ALL ";
    sql += "SELECT id FROM (SELECT id FROM content WHERE container_id = :c" + n;
    if (!parts[i].second.empty()) sql += " AND kind = :k" + n;
    sql += " AND id < :b" + n + " AND deleted_at IS NULL AND hidden = 0 ORDER BY id DESC LIMIT :l" + n + ") t" + n;
  }
  sql += " ORDER BY id DESC LIMIT :lim";
  std::int64_t id = 0;
  db::CachedStatement st(s, sql);
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const std::string n = std::to_string(i);
    st, soci::use(parts[i].first, "c" + n);
    if (!parts[i].second.empty()) st, soci::use(parts[i].second, "k" + n);
    st, soci::use(b, "b" + n), soci::use(lim, "l" + n);
  }
  st, soci::use(lim, "lim"), soci::into(id);
  st.execute();
  while (st.fetch()) out.push_back(id);
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
  sql += " AND ";
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
  // picks those out (was one container lookup per container).
  content::sql::IdList list("c", containers);
  std::int64_t id = 0;
  db::CachedStatement st(s, "SELECT c.id FROM content c JOIN containers k ON k.id = c.container_id"
                            " WHERE c.container_id IN " + list.placeholders() +
                                " AND k.kind IN ('city', 'neighbourhood')"
                                " AND c.pinned = 1 AND c.deleted_at IS NULL AND c.hidden = 0 ORDER BY c.id DESC LIMIT 10");
  list.bind(st);
  st, soci::into(id);
  st.execute();
  while (st.fetch()) out.push_back(id);
  return out;
}

Page Feed::page(soci::session& s, const Viewer& v, const StreamQuery& q_in) const {
  StreamQuery q = q_in;
  q.limit = std::clamp(q.limit, 1, 100);
  for (const auto& k : q.kinds)
    if (k.empty() || k.size() > 64) throw http::HttpError(400, "invalid_kind", "kind must be a content kind such as 'post'.");
  if (q.kinds.size() > 10) throw http::HttpError(400, "invalid_kind", "Filter by at most 10 kinds at once.");
  if (!v.signed_in()) throw http::HttpError(401, "unauthenticated", "Bitte anmelden. / Please sign in.");

  Page page;
  std::vector<std::int64_t> ids;
  std::vector<std::int64_t> pin_scope;
  if (q.scope == Scope::profile) {
    ids = profile_ids(s, v, q.id ? q.id : v.user_id, q.kinds, q.before, q.limit);
  } else {
    const auto containers = scope_containers(s, v, q);
    ids = newest_ids(s, containers, q.kinds, q.before, q.limit);
    if (q.before == 0 && q.kinds.empty() && q.scope != Scope::container) pin_scope = pinned_ids(s, containers);
  }
  if (static_cast<int>(ids.size()) == q.limit) page.next_before = ids.back();
  // Stream and pinned items are loaded and decorated together (one set of statements, not two).
  std::vector<std::int64_t> all = ids;
  for (auto id : pin_scope)
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) all.push_back(id);
  auto entries = decorate(s, v, store_.items(s, all), true);
  std::unordered_map<std::int64_t, const Entry*> by_id;
  for (const auto& e : entries) by_id.emplace(e.item.id, &e);
  for (auto id : ids)
    if (auto it = by_id.find(id); it != by_id.end()) page.items.push_back(*it->second);
  for (auto id : pin_scope)
    if (auto it = by_id.find(id); it != by_id.end()) page.pinned.push_back(*it->second);
  return page;
}

void Feed::add_latest_comments(soci::session& s, const Viewer& v, std::vector<Entry>& entries) const {
  std::vector<std::int64_t> ids;
  for (auto& e : entries) {
    e.latest_comments.emplace();
    if (e.item.comment_count > 0) ids.push_back(e.item.id);
  }
  if (ids.empty()) return;
  std::unordered_map<std::int64_t, Entry*> by_id;
  for (auto& e : entries) by_id.emplace(e.item.id, &e);
  // Same visibility as the comment list (Actions::comments): hidden ones only for their author
  // and moderators; deleted ones are left out here (the list shows them as placeholders).
  // One statement: per item the two newest ids from the partial index comments_latest
  // (content_id, id, hidden, author_id WHERE deleted_at IS NULL), a bounded read however many
  // comments an item has, then the bodies and names for those ids. (A ROW_NUMBER() window over
  // the same index read every comment of the page's items and sorted them: twice as slow.)
  // The item list is padded to a power of two (repeating the last id) so the text repeats.
  std::size_t n = 1;
  while (n < ids.size()) n *= 2;
  ids.resize(n, ids.back());
  const std::int64_t moderator = v.moderator() ? 1 : 0;
  std::string parts;
  for (std::size_t i = 0; i < n; ++i) {
    const std::string k = std::to_string(i);
    if (i) parts += " UNION ALL ";
    parts += "SELECT id FROM (SELECT id FROM comments WHERE content_id = :c" + k +
             " AND deleted_at IS NULL AND (hidden = 0 OR :m" + k + " = 1 OR author_id = :u" + k +
             ") ORDER BY id DESC LIMIT 2) t" + k;
  }
  CommentPreview c;
  std::int64_t content_id = 0, hidden = 0;
  db::CachedStatement st(s, "SELECT c.content_id, c.id, c.author_id, u.display_name, c.body_html, c.hidden, c.created_at"
                            " FROM comments c JOIN users u ON u.id = c.author_id WHERE c.id IN (" + parts +
                                ") ORDER BY c.content_id, c.id");
  for (std::size_t i = 0; i < n; ++i) {
    const std::string k = std::to_string(i);
    st, soci::use(ids[i], "c" + k), soci::use(moderator, "m" + k), soci::use(v.user_id, "u" + k);
  }
  st, soci::into(content_id), soci::into(c.id), soci::into(c.author_id), soci::into(c.author_name),
      soci::into(c.body_html), soci::into(hidden), soci::into(c.created_at);
  st.execute();
  while (st.fetch()) {
    auto it = by_id.find(content_id);
    if (it == by_id.end()) continue;
    c.hidden = hidden != 0;
    it->second->latest_comments->push_back(c);
  }
}

std::vector<Entry> Feed::decorate(soci::session& s, const Viewer& v, const std::vector<content::Item>& items,
                                  bool latest_comments) const {
  std::vector<Entry> out;
  if (items.empty()) return out;
  std::set<std::int64_t> author_ids, container_ids;
  std::vector<std::int64_t> content_ids;
  for (const auto& i : items) {
    author_ids.insert(i.author_id);
    container_ids.insert(i.container_id);
    content_ids.push_back(i.id);
  }
  std::unordered_map<std::int64_t, Author> authors;
  {
    content::sql::IdList list("u", {author_ids.begin(), author_ids.end()});
    Author a;
    db::CachedStatement st(s, "SELECT id, display_name, role, department FROM users WHERE id IN " + list.placeholders());
    list.bind(st);
    st, soci::into(a.id), soci::into(a.display_name), soci::into(a.role), soci::into(a.department);
    st.execute();
    while (st.fetch()) authors[a.id] = a;
  }
  std::unordered_map<std::int64_t, ContainerRef> containers;
  {
    content::sql::IdList list("k", {container_ids.begin(), container_ids.end()});
    ContainerRef c;
    std::int64_t nb = 0;
    soci::indicator nb_ind = soci::i_null;
    db::CachedStatement st(s, "SELECT id, kind, name, neighbourhood_id FROM containers WHERE id IN " + list.placeholders());
    list.bind(st);
    st, soci::into(c.id), soci::into(c.kind), soci::into(c.name), soci::into(nb, nb_ind);
    st.execute();
    while (st.fetch()) {
      ContainerRef r = c;
      r.neighbourhood_id = nb_ind == soci::i_ok ? std::optional<std::int64_t>(nb) : std::nullopt;
      containers[r.id] = r;
    }
  }
  // Counts per reaction and my own reaction in one pass over each item's reactions (the
  // primary key's content_id range); anonymous viewers (user 0) have none.
  std::unordered_map<std::int64_t, std::map<std::string, std::int64_t>> counts;
  std::unordered_map<std::int64_t, std::string> mine;
  {
    content::sql::IdList list("r", content_ids);
    std::int64_t cid = 0, n = 0, is_mine = 0;
    std::string reaction;
    const std::int64_t me = v.signed_in() ? v.user_id : 0;
    db::CachedStatement st(s, "SELECT content_id, reaction, COUNT(*), MAX(CASE WHEN user_id = :u THEN 1 ELSE 0 END)"
                              " FROM reactions WHERE content_id IN " + list.placeholders() +
                                  " GROUP BY content_id, reaction");
    st, soci::use(me, "u");
    list.bind(st);
    st, soci::into(cid), soci::into(reaction), soci::into(n), soci::into(is_mine);
    st.execute();
    while (st.fetch()) {
      counts[cid][reaction] = n;
      if (is_mine && me != 0) mine[cid] = reaction;
    }
  }
  for (const auto& i : items) {
    Entry e;
    e.item = i;
    if (auto a = authors.find(i.author_id); a != authors.end()) e.author = a->second;
    e.author.id = i.author_id;
    if (auto c = containers.find(i.container_id); c != containers.end()) e.container = c->second;
    e.container.id = i.container_id;
    if (auto c = counts.find(i.id); c != counts.end()) e.reactions = c->second;
    for (const auto& [_, n] : e.reactions) e.reaction_count += n;
    if (auto m = mine.find(i.id); m != mine.end()) e.my_reaction = m->second;
    out.push_back(std::move(e));
  }
  if (latest_comments) add_latest_comments(s, v, out);
  return out;
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
  o.emplace("body", i.body);
  o.emplace("body_html", i.body_html);
  o.emplace("official", i.official);
  o.emplace("pinned", i.pinned);
  o.emplace("urgent", i.urgent);
  o.emplace("hidden", i.hidden);
  if (i.hidden) o.emplace("hidden_reason", i.hidden_reason);
  o.emplace("revision", i.revision);
  o.emplace("edited", i.revision > 1);
  o.emplace("created_at", i.created_at);
  o.emplace("updated_at", i.updated_at);
  boost::json::object a(5, sp);
  a.emplace("id", e.author.id);
  a.emplace("display_name", e.author.display_name);
  a.emplace("role", e.author.role);
  a.emplace("department", e.author.department);
  a.emplace("verified", e.author.role == "staff" || e.author.role == "admin");
  o.emplace("author", std::move(a));
  boost::json::object c(4, sp);
  c.emplace("id", e.container.id);
  c.emplace("kind", e.container.kind);
  c.emplace("name", e.container.name);
  if (e.container.neighbourhood_id) c.emplace("neighbourhood_id", *e.container.neighbourhood_id);
  else c.emplace("neighbourhood_id", nullptr);
  o.emplace("container", std::move(c));
  o.emplace("comment_count", i.comment_count);
  boost::json::object r(e.reactions.size(), sp);
  for (const auto& [k, n] : e.reactions) r.emplace(k, n);
  o.emplace("reactions", std::move(r));
  o.emplace("reaction_count", e.reaction_count);
  if (e.my_reaction.empty()) o.emplace("my_reaction", nullptr);
  else o.emplace("my_reaction", e.my_reaction);
  if (e.latest_comments) {
    boost::json::array list(sp);
    list.reserve(e.latest_comments->size());
    for (const auto& lc : *e.latest_comments) {
      boost::json::object x(5, sp);
      x.emplace("id", lc.id);
      boost::json::object who(2, sp);
      who.emplace("id", lc.author_id);
      who.emplace("display_name", lc.author_name);
      x.emplace("author", std::move(who));
      x.emplace("body_html", lc.body_html);
      x.emplace("hidden", lc.hidden);
      x.emplace("created_at", lc.created_at);
      list.emplace_back(std::move(x));
    }
    o.emplace("latest_comments", std::move(list));
  }
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
  boost::json::object o(3, sp);
  o.emplace("items", std::move(items));
  o.emplace("pinned", std::move(pinned));
  if (p.next_before) o.emplace("next_before", std::to_string(p.next_before));
  else o.emplace("next_before", nullptr);
  return boost::json::value(std::move(o));
}

}  // namespace qt::stream
