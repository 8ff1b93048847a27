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
  const auto terms = text::terms(query);
  if (terms.empty())
    throw domain::Error(domain::ErrorKind::invalid, "invalid_query", "Bitte mindestens ein Wort mit zwei Zeichen eingeben. / Enter at least one word of two characters.");
  const auto lim = static_cast<std::size_t>(std::clamp(limit, 1, 50));
  const auto off = static_cast<std::size_t>(std::clamp(offset, 0, 1000));
  // Relevance among the newest kRankWindow matches the viewer may read, on both databases:
  // the index is walked newest first and the walk stops there, so a common word costs about
  // what a rare one does, and access is checked inside the window (a window of matches taken
  // before the access check could be all unreadable and hide older readable ones). Ranking
  // every match read and joined all of them: 160 ms of CPU for a word in 5,000 of 1,000,000
  // items, seconds for a two-letter prefix.
  // Two passes: first whole words (the same stem), which the index reads lazily, newest first,
  // stopping with the window. Only if that finds fewer than a window of readable matches (a word
  // still being typed, a part of compounds, a rare word) the second pass takes every term as a
  // word start or, from kMinPart letters of its stem on, as a part inside words. The window's
  // few rows are then ranked in search/rank.cpp, whole words above parts.
  auto window = dialect_ == db::Dialect::postgresql ? window_postgresql(s, v, terms, false) : window_sqlite(s, v, terms);
  auto ranked = rank(window, terms);
  if (off >= ranked.size()) return {};
  ranked.erase(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(off));
  if (ranked.size() > lim) ranked.resize(lim);
  return ranked;
}

std::vector<Candidate> Search::window_sqlite(soci::session& s, const Viewer& v, const std::vector<text::Term>& terms) const {
  // FTS5 tokens as the tokenizer "quartier_german" indexes them (platform/text/fts_german.hpp):
  // a stem for the whole word, '#' and a folded inner part for parts. Terms hold no quotes or
  // spaces: only letters, digits and marks. Access is checked through the index of migration 0038.
  std::string match, wider;
  for (const auto& t : terms) {
    if (!match.empty()) {
      match += " AND ";
      wider += " AND ";
    }
    match += '"' + t.stem + '"';
    wider += t.parts() ? "(\"" + t.stem + "\"* OR \"#" + t.stem + "\"*)" : '"' + t.stem + "\"*";
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
    match = wider;  // bound by reference: the same statement, run again
    st.execute();
    while (st.fetch()) window.push_back(row);
  }
  return window;
}

std::vector<Candidate> Search::window_postgresql(soci::session& s, const Viewer& v, const std::vector<text::Term>& terms,
                                                 bool wider) const {
  // The 'german' configuration stems the folded words in to_tsquery; quoted lexemes, since
  // terms hold only letters, digits and marks. The second pass: a prefix tsquery per term, or
  // the term's stem inside the folded text (LIKE, the trigram index); a stem holds no % or _.
  std::string match;
  std::vector<bool> parts;
  std::vector<std::string> prefixes, likes;
  prefixes.reserve(terms.size());
  likes.reserve(terms.size());
  for (const auto& t : terms) {
    if (!match.empty()) match += " & ";
    match += '\'' + t.folded + '\'';
    prefixes.push_back('\'' + t.folded + "':*");
    likes.push_back('%' + t.stem + '%');
    parts.push_back(t.parts());
  }
  if (!wider) parts.clear();
  const std::string sql = queries::content_window_postgresql(parts);
  content::sql::ViewerBinds vb(v);
  std::vector<Candidate> window;
  Candidate row;
  // Not cached: a cached statement would let PostgreSQL switch to a generic plan, blind to how
  // common the searched words are.
  auto p = (s.prepare << sql);
  if (!wider) p, soci::use(match, "q");
  for (std::size_t i = 0; wider && i < terms.size(); ++i) {
    p, soci::use(prefixes[i], "t" + std::to_string(i));
    if (parts[i]) p, soci::use(likes[i], "l" + std::to_string(i));
  }
  vb.bind(p);
  p, soci::into(row.id), soci::into(row.title), soci::into(row.summary), soci::into(row.body);
  soci::statement st(p);
  st.execute();
  while (st.fetch()) window.push_back(row);
  if (!wider && window.size() < static_cast<std::size_t>(kRankWindow)) return window_postgresql(s, v, terms, true);
  return window;
}

std::vector<PersonHit> Search::people(soci::session& s, const Viewer& v, std::string_view query, int limit) const {
  std::vector<PersonHit> out;
  // Profiles are for signed-in residents only (profile_visibility 'residents' is the floor).
  const auto words = text::words(query);
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
  const auto words = text::words(query);
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
