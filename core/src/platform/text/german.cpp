#include "platform/text/german.hpp"

#include <libstemmer.h>
#include <utf8proc.h>

#include <memory>
#include <new>
#include <stdexcept>

namespace qt::text::german {
namespace {

struct StemmerDeleter {
  void operator()(sb_stemmer* s) const { sb_stemmer_delete(s); }
};

// A Snowball stemmer keeps state between calls: one per thread.
sb_stemmer& stemmer() {
  thread_local std::unique_ptr<sb_stemmer, StemmerDeleter> s(sb_stemmer_new("german", "UTF_8"));
  if (!s) throw std::runtime_error("libstemmer has no German stemmer (Debian package libstemmer0d)");
  return *s;
}

bool word_category(utf8proc_category_t c) {
  switch (c) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
      return true;
    default:
      return false;
  }
}

// The lower-case letters that fold to a base letter, as quartier_fold()'s translate() does.
char base_letter(utf8proc_int32_t cp) {
  switch (cp) {
    case U'ä': case U'á': case U'à': case U'â': return 'a';
    case U'ö': case U'ó': case U'ò': case U'ô': return 'o';
    case U'ü': case U'ú': case U'ù': case U'û': return 'u';
    case U'é': case U'è': case U'ê': case U'ë': return 'e';
    case U'í': case U'ì': case U'î': case U'ï': return 'i';
    case U'ç': return 'c';
    case U'ñ': return 'n';
    default: return '\0';
  }
}

// Case, umlauts, accents and ß: one character at a time, appended to out.
void fold_letters(std::string_view word, std::string& out) {
  std::size_t i = 0;
  while (i < word.size()) {
    const auto c = static_cast<unsigned char>(word[i]);
    if (c < 0x80) {
      out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c);
      ++i;
      continue;
    }
    utf8proc_int32_t cp = -1;
    const auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(word.data() + i),
                                    static_cast<utf8proc_ssize_t>(word.size() - i), &cp);
    if (n <= 0) {  // not UTF-8: kept as it is
      out += word[i++];
      continue;
    }
    cp = utf8proc_tolower(cp);
    if (cp == U'ß' || cp == U'ẞ') out += "ss";
    else if (const char b = base_letter(cp)) out += b;
    else {
      utf8proc_uint8_t buf[4];
      const auto len = utf8proc_encode_char(cp, buf);
      out.append(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(len));
    }
    i += static_cast<std::size_t>(n);
  }
}

}  // namespace

std::size_t char_at(std::string_view text, std::size_t i, bool& word) {
  utf8proc_int32_t cp = -1;
  const auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + i),
                                  static_cast<utf8proc_ssize_t>(text.size() - i), &cp);
  if (n <= 0) {
    word = false;
    return 1;
  }
  word = word_category(utf8proc_category(cp));
  return static_cast<std::size_t>(n);
}

namespace {

// ae oe ue as ä ö ü (Snowball's german2 rule) over lower-case letters, in place: one pass,
// nothing re-read.
void fold_digraphs(std::string& out) {
  std::size_t j = 0;
  char prev = '\0';
  for (std::size_t i = 0; i < out.size(); ++i) {
    const char ch = out[i];
    out[j++] = ch;
    const bool vowel = ch == 'a' || ch == 'o' || (ch == 'u' && prev != 'q');
    prev = ch;
    if (vowel && i + 1 < out.size() && out[i + 1] == 'e') prev = out[++i];
  }
  out.resize(j);
}

// The same for a word of ASCII letters and digits in one pass (most words; the ranking folds
// every word of its window).
void fold_ascii(std::string_view word, std::string& out) {
  out.resize(word.size());
  char* o = out.data();
  char prev = '\0';
  const auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; };
  for (std::size_t i = 0; i < word.size(); ++i) {
    const char ch = lower(word[i]);
    *o++ = ch;
    const bool vowel = ch == 'a' || ch == 'o' || (ch == 'u' && prev != 'q');
    prev = ch;
    if (vowel && i + 1 < word.size() && lower(word[i + 1]) == 'e') prev = lower(word[++i]);
  }
  out.resize(static_cast<std::size_t>(o - out.data()));
}

}  // namespace

void fold(std::string_view word, std::string& out) {
  bool ascii = true;
  for (const char ch : word) ascii = ascii && static_cast<unsigned char>(ch) < 0x80;
  if (ascii) return fold_ascii(word, out);
  out.clear();
  out.reserve(word.size() + 4);
  fold_letters(word, out);
  fold_digraphs(out);
}

std::string fold(std::string_view word) {
  std::string out;
  fold(word, out);
  return out;
}

void stem(std::string_view folded, std::string& out) {
  auto& s = stemmer();
  const auto* r = sb_stemmer_stem(&s, reinterpret_cast<const sb_symbol*>(folded.data()), static_cast<int>(folded.size()));
  if (!r) throw std::bad_alloc();
  out.assign(reinterpret_cast<const char*>(r), static_cast<std::size_t>(sb_stemmer_length(&s)));
}

std::string stem(std::string_view folded) {
  std::string out;
  stem(folded, out);
  return out;
}

}  // namespace qt::text::german
