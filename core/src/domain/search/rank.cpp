#include "domain/search/rank.hpp"

#include <algorithm>

#include "platform/text/german.hpp"

namespace qt::search {

namespace {

namespace german = qt::text::german;

constexpr double kTitleWeight = 10.0, kSummaryWeight = 5.0, kBodyWeight = 1.0;
constexpr double kK1 = 1.2, kB = 0.75;  // BM25's usual saturation and length normalisation
constexpr double kExactForm = 2.0;     // the word exactly as typed (folded) against another form
constexpr double kPartShare = 0.01;    // a compound part's worth against a whole word's

struct Counted {
  std::vector<double> whole, part;  // per term: weighted occurrences
  double length = 0;                // words in all fields
};

// How `folded` (one text word) meets `t`: 0 not at all, 1 part, 2 whole word, 3 the exact form.
int meets(const std::string& folded, const text::Term& t, std::string& stem) {
  if (folded.starts_with(t.stem)) {
    german::stem(folded, stem);
    if (stem != t.stem) return 1;
    return folded == t.folded ? 3 : 2;
  }
  return t.parts() && folded.find(t.stem) != std::string::npos ? 1 : 0;
}

Counted count(const Candidate& c, const std::vector<text::Term>& terms) {
  Counted out;
  out.whole.assign(terms.size(), 0.0);
  out.part.assign(terms.size(), 0.0);
  std::string folded, stem;
  std::size_t shortest = std::string::npos;  // a word shorter than every stem meets none (folding never lengthens German)
  for (const auto& t : terms) shortest = std::min(shortest, t.stem.size());
  auto field = [&](const std::string& text, double weight) {
    german::for_each_word(text, [&](std::string_view word, std::size_t) {
      out.length += 1;
      if (word.size() < shortest) return;
      german::fold(word, folded);
      for (std::size_t i = 0; i < terms.size(); ++i) {
        const int m = meets(folded, terms[i], stem);
        if (m == 1) out.part[i] += weight;
        else if (m >= 2) out.whole[i] += m == 3 ? weight * kExactForm : weight;
      }
    });
  };
  field(c.title, kTitleWeight);
  field(c.summary, kSummaryWeight);
  field(c.body, kBodyWeight);
  return out;
}

double score(const Counted& c, double avg) {
  const double norm = kK1 * (1 - kB + kB * c.length / avg);
  auto bm25 = [&](double tf) { return tf * (kK1 + 1) / (tf + norm); };
  double whole_terms = 0, whole = 0, part = 0;
  for (std::size_t i = 0; i < c.whole.size(); ++i) {
    if (c.whole[i] > 0) whole_terms += 1;
    whole += bm25(c.whole[i]);
    part += bm25(c.part[i]);
  }
  // bm25 stays below kK1 + 1 per term, so a whole-word term outweighs any sum of the rest.
  return whole_terms * 1000.0 + whole + kPartShare * part;
}

}  // namespace

std::vector<std::int64_t> rank(const std::vector<Candidate>& candidates, const std::vector<text::Term>& terms) {
  std::vector<Counted> counted;
  counted.reserve(candidates.size());
  double total = 0;
  for (const auto& c : candidates) {
    counted.push_back(count(c, terms));
    total += counted.back().length;
  }
  const double avg = candidates.empty() ? 1.0 : std::max(1.0, total / static_cast<double>(candidates.size()));
  std::vector<std::pair<double, std::int64_t>> scored;
  scored.reserve(candidates.size());
  for (std::size_t d = 0; d < candidates.size(); ++d) scored.emplace_back(score(counted[d], avg), candidates[d].id);
  std::sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second > b.second;
  });
  std::vector<std::int64_t> out;
  out.reserve(scored.size());
  for (const auto& s : scored) out.push_back(s.second);
  return out;
}

}  // namespace qt::search
