#pragma once
// German words for search, the same on both databases: split a text into words, fold a word
// (case, umlauts and accents, ß, and the transliterations ae/oe/ue), stem it with Snowball's
// German stemmer (Debian's libstemmer, the algorithm behind PostgreSQL's 'german' configuration).
// The SQLite tokenizer (fts_german.hpp), the query side and the ranking all use these, so a word
// and a query meet exactly when their folded stems do. PostgreSQL's quartier_fold() (migration
// 0067) is the same fold written in SQL; keep the two in step.
#include <cstddef>
#include <string>
#include <string_view>

namespace qt::text::german {

// Compound parts ("putz" in "frühjahrsputz") are matched from this many bytes of a folded stem
// on; shorter words match only as whole words or word starts.
inline constexpr std::size_t kMinPart = 4;
// Words longer than this (folded bytes) give no compound parts: addresses, links, noise.
inline constexpr std::size_t kMaxPartWord = 48;

// The byte length of the character at text[i] and whether it belongs to a word: a letter, digit
// or combining mark (Unicode categories L, N, M). Invalid UTF-8 counts one byte, not a word.
std::size_t char_at(std::string_view text, std::size_t i, bool& word);

// Calls fn(std::string_view word, std::size_t begin) for each run of word characters.
template <class Fn>
void for_each_word(std::string_view text, Fn&& fn) {
  std::size_t i = 0, start = 0;
  bool in_word = false;
  while (i < text.size()) {
    bool word = false;
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t n = 1;
    if (c < 0x80) word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    else n = char_at(text, i, word);
    if (word && !in_word) start = i;
    if (!word && in_word) fn(text.substr(start, i - start), start);
    in_word = word;
    i += n;
  }
  if (in_word) fn(text.substr(start), start);
}

// `out` = the word folded: lower case, ä ö ü to a o u, ß to ss, é è ê ë á à â í ì î ï ó ò ô
// ú ù û ç ñ to their base letter, then ae oe ue to a o u (ue not after q), so "Straße" and
// "Strasse", "München" and "Muenchen" fold alike.
void fold(std::string_view word, std::string& out);
std::string fold(std::string_view word);

// `out` = the Snowball German stem of a folded word ("gemeinschaftsgarten" -> "gemeinschaftsgart").
// A stem is a start of its folded word.
void stem(std::string_view folded, std::string& out);
std::string stem(std::string_view folded);

}  // namespace qt::text::german
