#pragma once
// Relevance of the few candidates in the search window (SQLite), computed here rather than by
// FTS5's bm25(): bm25 first walks every posting of every query word to weigh the words by
// rarity (0.7 ms for a word in 1 % of a million items), while the window holds at most
// kRankWindow items. BM25's per-document part: each query word's weighted occurrences
// (title 10, summary 5, body 1), saturated, normalised by the item's length against the
// window's average. Every candidate holds every word (the query ANDs them), so the words'
// rarity weights would only reorder near-ties; they count equally here.
#include <cstdint>
#include <string>
#include <vector>

namespace qt::search {

struct Candidate {
  std::int64_t id = 0;
  std::string title, summary, body;
};

// Ids, best first; equal scores newest (highest id) first. stems: folded, lower-case word
// starts (a text word counts when it begins with one).
std::vector<std::int64_t> rank(const std::vector<Candidate>& candidates, const std::vector<std::string>& stems);

}  // namespace qt::search
