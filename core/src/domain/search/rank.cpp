#include "domain/search/rank.hpp"

#include <algorithm>

#include "domain/search/text.hpp"

namespace qt::search {

namespace {

constexpr double kTitleWeight = 10.0, kSummaryWeight = 5.0, kBodyWeight = 1.0;
constexpr double kK1 = 1.2, kB = 0.75;  // BM25's usual saturation and length normalisation

struct Counted {
  std::vector<double> weighted;  // per stem: weighted occurrences
  double length = 0;             // words in all fields
};

Counted count(const Candidate& c, const std::vector<std::string>& stems) {
  Counted out;
  out.weighted.assign(stems.size(), 0.0);
  auto field = [&](const std::string& text, double weight) {
    text::for_each_word(text, [&](std::string_view word) {
      out.length += 1;
      for (std::size_t i = 0; i < stems.size(); ++i)
        if (word.starts_with(stems[i])) out.weighted[i] += weight;
    });
  };
  field(c.title, kTitleWeight);
  field(c.summary, kSummaryWeight);
  field(c.body, kBodyWeight);
  return out;
}

}  // namespace

std::vector<std::int64_t> rank(const std::vector<Candidate>& candidates, const std::vector<std::string>& stems) {
  std::vector<Counted> counted;
  counted.reserve(candidates.size());
  double total = 0;
  for (const auto& c : candidates) {
    counted.push_back(count(c, stems));
    total += counted.back().length;
  }
  const double avg = candidates.empty() ? 1.0 : std::max(1.0, total / static_cast<double>(candidates.size()));
  std::vector<std::pair<double, std::int64_t>> scored;
  scored.reserve(candidates.size());
  for (std::size_t d = 0; d < candidates.size(); ++d) {
    const double norm = kK1 * (1 - kB + kB * counted[d].length / avg);
    double score = 0;
    for (double tf : counted[d].weighted) score += tf * (kK1 + 1) / (tf + norm);
    scored.emplace_back(score, candidates[d].id);
  }
  std::sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second > b.second;
  });
  std::vector<std::int64_t> out;
  out.reserve(scored.size());
  for (const auto& s : scored) out.push_back(s.second);
  return out;
}

}  // namespace qt::search
