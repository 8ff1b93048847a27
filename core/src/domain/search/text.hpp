#pragma once
// Text helpers the SQLite search shares between its queries and its ranking: SQLite has no
// German stemmer, so words are folded (case, umlauts) and trimmed of a common ending.
#include <string>
#include <string_view>
#include <vector>

namespace qt::search::text {

// Words of a query: letters and digits (UTF-8 kept whole), lower-cased ASCII, at most 8, each
// 2..64 bytes. Empty if nothing searchable is left.
std::vector<std::string> terms(std::string_view query);

// A common inflection ending trimmed from a lower-case word of at least 5 letters, so
// "fahrräder" -> "fahrräd" (which, umlauts folded, prefixes "fahrrad").
std::string light_stem(const std::string& word);

// ä ö ü (either case) as a o u, as FTS5's unicode61 tokenizer folds them.
std::string fold_umlauts(std::string word);

// The words of a text as FTS5 sees them, roughly: runs of letters and digits (UTF-8 kept
// whole), ASCII lower-cased, umlauts folded. Calls fn(std::string_view word) for each; the
// view is valid during the call. One pass, no allocation per word (it ranks whole texts).
template <class Fn>
void for_each_word(std::string_view text, Fn&& fn) {
  std::string cur;
  cur.reserve(64);
  auto flush = [&] {
    if (!cur.empty()) fn(std::string_view(cur));
    cur.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char ch = text[i];
    const auto u = static_cast<unsigned char>(ch);
    if (u == 0xC3 && i + 1 < text.size()) {
      // ä Ä ö Ö ü Ü are C3 A4/84, B6/96, BC/9C in UTF-8.
      const auto next = static_cast<unsigned char>(text[i + 1]);
      const char folded = (next == 0xA4 || next == 0x84) ? 'a' : (next == 0xB6 || next == 0x96) ? 'o'
                          : (next == 0xBC || next == 0x9C) ? 'u' : '\0';
      if (folded) {
        cur += folded;
        ++i;
        continue;
      }
    }
    if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || u >= 0x80) cur += ch;
    else if (ch >= 'A' && ch <= 'Z') cur += static_cast<char>(ch - 'A' + 'a');
    else flush();
  }
  flush();
}

}  // namespace qt::search::text
