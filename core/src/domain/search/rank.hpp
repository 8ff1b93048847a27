#pragma once
// Relevance of the few candidates in the search window (both databases), computed here rather
// than by FTS5's bm25() or ts_rank: bm25 first walks every posting of every query word to weigh
// the words by rarity (0.7 ms for a word in 1 % of a million items), while the window holds at
// most kRankWindow items. Each text word, folded and stemmed as the index holds it, counts for a
// query term as a whole word (same stem; the very form typed counts double) or as a part (the
// term's stem starts the word or sits inside a compound: "putz" in "Frühjahrsputz").
// The score, highest first: how many of the query's terms the item holds as whole words, then
// BM25's per-document part over whole-word occurrences (title 10, summary 5, body 1, saturated,
// normalised by the item's length against the window's average), then the same over part
// occurrences at a hundredth. So exact and whole-word matches always rank above compound parts.
#include <cstdint>
#include <string>
#include <vector>

#include "domain/search/text.hpp"

namespace qt::search {

struct Candidate {
  std::int64_t id = 0;
  std::string title, summary, body;
};

// Ids, best first; equal scores newest (highest id) first.
std::vector<std::int64_t> rank(const std::vector<Candidate>& candidates, const std::vector<text::Term>& terms);

}  // namespace qt::search
