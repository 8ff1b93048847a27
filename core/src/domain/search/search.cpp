#include "domain/search/search.hpp"

#include <algorithm>
#include <array>

#include <boost/json.hpp>

#include "domain/accounts/avatars.hpp"
#include "domain/content/sql.hpp"
#include "domain/errors/error.hpp"
#include "domain/search/queries.hpp"
#include "domain/search/rank.hpp"
#include "domain/search/text.hpp"
#include "platform/db/statement_cache.hpp"

namespace qt::search {

using content::Viewer;

namespace {

// Every word as a prefix: FTS5 "w"* AND ..., or PostgreSQL 'w':* & ...
std::string name_match(db::Dialect d, const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) {
    if (d == db::Dialect::sqlite) {
      if (!out.empty()) out += ' ';
      out += '"' + w + "\"*";
    } else {
      if (!out.empty()) out += " & ";
      out += '\'' + w + "':*";
    }
  }
  return out;
}

}  // namespace

std::vector<std::int64_t> Search::content_ids(soci::session& s, const Viewer& v, std::string_view query, int limit,
                                              int offset) const {
  const auto words = text::terms(query);
  if (words.empty())
    throw domain::Error(domain::ErrorKind::invalid, "invalid_query", "Bitte mindestens ein Wort mit zwei Zeichen eingeben. / Enter at least one word of two characters.");
  const auto lim = static_cast<std::size_t>(std::clamp(limit, 1, 50));
  const auto off = static_cast<std::size_t>(std::clamp(offset, 0, 1000));
  // Relevance among the newest kRankWindow matches the viewer may read, on both databases:
  // the index is walked newest first and the walk stops there, so a common word costs about
  // what a rare one does, and access is checked inside the window (a window of matches taken
  // before the access check could be all unreadable and hide older readable ones). Ranking
  // every match read and joined all of them: 160 ms of CPU for a word in 5,000 of 1,000,000
  // items, seconds for a two-letter prefix.
  if (dialect_ == db::Dialect::postgresql) return content_ids_postgresql(s, v, words, lim, off);
  return content_ids_sqlite(s, v, words, lim, off);
}

std::vector<std::int64_t> Search::content_ids_sqlite(soci::session& s, const Viewer& v, const std::vector<std::string>& words,
                                                     std::size_t lim, std::size_t off) const {
  // Two passes over one prepared statement. First the words as written or with a common
  // ending trimmed ("Fahrräder" or "Fahrrad"): FTS5 reads such a term's postings lazily, newest
  // first, and stops with the window. Only if that finds fewer than a window of readable
  // matches (a word still being typed, a rare word) the second pass takes every word as a
  // prefix, which makes FTS5 merge the postings of every term with that prefix (half a
  // millisecond for a word in 1 % of a million items). The window's few rows are then ranked
  // in search/rank.cpp. Access is checked through the narrow index of migration 0038.
  std::string match, prefix_match;
  std::vector<std::string> stems;
  for (const auto& w : words) {
    const std::string stem = text::fold_umlauts(text::light_stem(w));
    const std::string whole = text::fold_umlauts(w);
    if (!match.empty()) {
      match += " AND ";
      prefix_match += ' ';
    }
    // Terms hold no quotes: only letters and digits.
    match += stem == whole ? '"' + whole + '"' : "(\"" + whole + "\" OR \"" + stem + "\")";
    prefix_match += '"' + stem + "\"*";
    stems.push_back(stem);
  }
  const std::string sql = queries::content_window_sqlite();
  content::sql::ViewerBinds vb(v);
  std::vector<Candidate> window;
  Candidate row;
  // Cached per connection: SQLite compiles this statement in a noticeable share of a search.
  db::CachedStatement st(s, sql);
  st, soci::use(match, "q");
  vb.bind(st);
  st, soci::into(row.id), soci::into(row.title), soci::into(row.summary), soci::into(row.body);
  st.execute();
  while (st.fetch()) window.push_back(row);
  if (window.size() < static_cast<std::size_t>(kRankWindow)) {
    window.clear();
    match = prefix_match;  // bound by reference: the same statement, run again
    st.execute();
    while (st.fetch()) window.push_back(row);
  }
  auto ranked = rank(window, stems);
  if (off >= ranked.size()) return {};
  ranked.erase(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(off));
  if (ranked.size() > lim) ranked.resize(lim);
  return ranked;
}

std::vector<std::int64_t> Search::content_ids_postgresql(soci::session& s, const Viewer& v,
                                                         const std::vector<std::string>& words, std::size_t lim,
                                                         std::size_t off) const {
  // tsvector 'german' stems the words; ts_rank reads only each row's own vector.
  std::string match;
  for (const auto& w : words) {
    if (!match.empty()) match += " & ";
    match += '\'' + w + "':*";  // quoted lexemes: terms hold only letters/digits
  }
  const std::string sql = queries::content_postgresql();
  const auto l = static_cast<std::int64_t>(lim), o = static_cast<std::int64_t>(off);
  content::sql::ViewerBinds vb(v);
  std::vector<std::int64_t> out;
  std::int64_t id = 0;
  // Not cached: a cached statement would let PostgreSQL switch to a generic plan, blind to how
  // common the searched words are.
  auto p = (s.prepare << sql, soci::use(match, "q"), soci::use(match, "q2"), soci::use(l, "lim"), soci::use(o, "off"));
  vb.bind(p);
  p, soci::into(id);
  soci::statement st(p);
  st.execute();
  while (st.fetch()) out.push_back(id);
  return out;
}

std::vector<PersonHit> Search::people(soci::session& s, const Viewer& v, std::string_view query, int limit) const {
  std::vector<PersonHit> out;
  // Profiles are for signed-in residents only (profile_visibility 'residents' is the floor).
  const auto words = text::terms(query);
  if (!v.signed_in() || words.empty()) return out;
  const std::int64_t lim = std::clamp(limit, 1, 20);
  const std::string pattern = name_match(dialect_, words);
  const std::string sql = queries::people(dialect_);
  PersonHit h;
  db::CachedStatement st(s, sql);
  st, soci::use(pattern, "p"), soci::use(lim, "lim"), soci::into(h.id), soci::into(h.display_name), soci::into(h.role),
      soci::into(h.department), soci::into(h.avatar);
  st.execute();
  while (st.fetch()) out.push_back(h);
  return out;
}

std::vector<ContainerHit> Search::containers(soci::session& s, const Viewer& v, std::string_view query,
                                             int limit) const {
  std::vector<ContainerHit> out;
  const auto words = text::terms(query);
  if (!v.signed_in() || words.empty()) return out;
  const std::string pattern = name_match(dialect_, words);
  const std::int64_t lim = std::clamp(limit, 1, 20);
  content::sql::ViewerBinds vb(v);
  // Profiles are not containers one looks for (people are found above); hidden containers
  // are findable only by their members; `members` ones are listed by name.
  const std::string sql = queries::containers(dialect_);
  ContainerHit h;
  db::CachedStatement st(s, sql);
  st, soci::use(pattern, "p"), soci::use(lim, "lim");
  vb.bind(st);
  st, soci::into(h.id), soci::into(h.kind), soci::into(h.name), soci::into(h.visibility);
  st.execute();
  while (st.fetch()) out.push_back(h);
  return out;
}

Results Search::all(soci::session& s, const Viewer& v, std::string_view query, int limit, int offset) const {
  Results r;
  // The window's ids are readable ones; load reads their rows with the decoration in one statement.
  r.items = feed_.load(s, v, content_ids(s, v, query, limit, offset), false, stream::Form::card);
  if (offset == 0) {
    r.people = people(s, v, query, 10);
    r.containers = containers(s, v, query, 10);
  }
  return r;
}

boost::json::value to_json(const Results& r) {
  boost::json::array items, people, containers;
  for (const auto& e : r.items) items.push_back(stream::to_json(e));
  for (const auto& p : r.people)
    people.push_back(boost::json::object{{"id", p.id}, {"display_name", p.display_name}, {"role", p.role},
                                         {"department", p.department},
                                         {"avatar", p.avatar.empty() ? boost::json::value(nullptr)
                                                                     : boost::json::value(accounts::avatar_url(p.id, p.avatar))}});
  for (const auto& c : r.containers)
    containers.push_back(boost::json::object{{"id", c.id}, {"kind", c.kind}, {"name", c.name}, {"visibility", c.visibility}});
  return boost::json::object{{"items", std::move(items)}, {"people", std::move(people)}, {"containers", std::move(containers)}};
}

}  // namespace qt::search
