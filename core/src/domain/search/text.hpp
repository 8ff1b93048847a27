#pragma once
// The words of a search query: as typed (for names) and as search terms (folded and stemmed the
// way the content index holds them, platform/text/german.hpp).
#include <string>
#include <string_view>
#include <vector>

namespace qt::search::text {

// Words of a query: runs of letters and digits, ASCII lower-cased (other letters as typed), at
// most 8, each 2..64 bytes. Empty if nothing searchable is left; '%', '_', quotes and other
// punctuation only separate words.
std::vector<std::string> words(std::string_view query);

struct Term {
  std::string folded;  // "muenchen" -> "munchen", "Straße" -> "strasse"
  std::string stem;    // Snowball German stem of folded: "munch", "strass"
  // Whether the term is long enough to be looked for inside compound words.
  bool parts() const;
};

// The query's words as terms.
std::vector<Term> terms(std::string_view query);

}  // namespace qt::search::text
