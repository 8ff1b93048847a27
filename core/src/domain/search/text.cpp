#include "domain/search/text.hpp"

#include "platform/text/german.hpp"

namespace qt::search::text {

namespace german = qt::text::german;

std::vector<std::string> words(std::string_view query) {
  std::vector<std::string> out;
  german::for_each_word(query, [&](std::string_view w, std::size_t) {
    if (w.size() < 2 || w.size() > 64 || out.size() >= 8) return;
    std::string word(w);
    for (auto& ch : word)
      if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    out.push_back(std::move(word));
  });
  return out;
}

bool Term::parts() const { return stem.size() >= german::kMinPart; }

std::vector<Term> terms(std::string_view query) {
  std::vector<Term> out;
  for (const auto& w : words(query)) {
    Term t;
    german::fold(w, t.folded);
    german::stem(t.folded, t.stem);
    if (!t.stem.empty()) out.push_back(std::move(t));
  }
  return out;
}

}  // namespace qt::search::text
