#pragma once
// Full-text search in German behind one interface: words folded (case, umlauts, ß, ae/oe/ue) and
// stemmed by Snowball's German stemmer on both databases (FTS5 with the tokenizer of
// platform/text/fts_german.hpp on SQLite, tsvector with the 'german' configuration over
// quartier_fold() on PostgreSQL), found inside compounds too (FTS5's '#' part tokens, pg_trgm). Results are only what the searcher may read: deleted and hidden
// items and the content of containers they cannot read never match. People and containers
// are found by name.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/value.hpp>
#include <soci/soci.h>

#include "domain/content/store.hpp"
#include "domain/search/rank.hpp"
#include "domain/search/text.hpp"
#include "domain/stream/feed.hpp"

namespace qt::search {

// Content is ranked by relevance among the newest kRankWindow matches the searcher may read
// (so a common word costs what a rare one does); pages past the window are empty.
constexpr int kRankWindow = 100;

struct PersonHit {
  std::int64_t id = 0;
  std::string display_name;
  std::string role;
  std::string department;
  std::string avatar;  // users.avatar, "" = none
};

struct ContainerHit {
  std::int64_t id = 0;
  std::string kind;
  std::string name;
  std::string visibility;
};

struct Results {
  std::vector<stream::Entry> items;
  std::vector<PersonHit> people;
  std::vector<ContainerHit> containers;
};
boost::json::value to_json(const Results& r);

class Search {
 public:
  Search(db::Dialect dialect, const stream::Feed& feed) : dialect_(dialect), feed_(feed) {}

  // Best match first. Throws domain::Error 400 if the query has no searchable word.
  std::vector<std::int64_t> content_ids(soci::session& s, const content::Viewer& v, std::string_view query,
                                        int limit, int offset) const;
  std::vector<PersonHit> people(soci::session& s, const content::Viewer& v, std::string_view query, int limit) const;
  std::vector<ContainerHit> containers(soci::session& s, const content::Viewer& v, std::string_view query,
                                       int limit) const;
  Results all(soci::session& s, const content::Viewer& v, std::string_view query, int limit, int offset) const;

 private:
  // The window of candidates to rank (see content_ids).
  std::vector<Candidate> window_sqlite(soci::session& s, const content::Viewer& v, const std::vector<text::Term>& terms) const;
  std::vector<Candidate> window_postgresql(soci::session& s, const content::Viewer& v,
                                           const std::vector<text::Term>& terms, bool wider) const;
  db::Dialect dialect_;
  const stream::Feed& feed_;
};

}  // namespace qt::search
