#pragma once
// Text helpers the SQLite search shares between its queries and its ranking: SQLite has no
// German stemmer, so words are folded (case, umlauts) and trimmed of a common ending.
#include <string>
#include <string_view>
#include <vector>

namespace qt::search::text {

// A common inflection ending trimmed from a lower-case word of at least 5 letters, so
// "fahrräder" -> "fahrräd" (which, umlauts folded, prefixes "fahrrad").
std::string light_stem(const std::string& word);

// ä ö ü (either case) as a o u, as FTS5's unicode61 tokenizer folds them.
std::string fold_umlauts(std::string word);

// The words of a text as FTS5 sees them, roughly: runs of letters and digits (UTF-8 kept
// whole), ASCII lower-cased, umlauts folded. Calls fn(word) for each.
template <class Fn>
void for_each_word(std::string_view text, Fn&& fn) {
  std::string cur;
  auto flush = [&] {
    if (!cur.empty()) fn(fold_umlauts(std::move(cur)));
    cur.clear();
  };
  for (char ch : text) {
    const auto u = static_cast<unsigned char>(ch);
    if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || u >= 0x80) cur += ch;
    else if (ch >= 'A' && ch <= 'Z') cur += static_cast<char>(ch - 'A' + 'a');
    else flush();
  }
  flush();
}

}  // namespace qt::search::text
