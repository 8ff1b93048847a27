#include "stems.hpp"

#include <libstemmer.h>

#include <memory>
#include <stdexcept>

namespace market {
namespace {

struct StemmerDeleter {
  void operator()(sb_stemmer* s) const { sb_stemmer_delete(s); }
};

// A Snowball stemmer is not thread-safe: one per thread.
sb_stemmer& stemmer() {
  thread_local std::unique_ptr<sb_stemmer, StemmerDeleter> s(sb_stemmer_new("german", "UTF_8"));
  if (!s) throw std::runtime_error("libstemmer has no German stemmer");
  return *s;
}

bool word_byte(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

// ASCII and the Latin-1 capitals (Ä, Ö, Ü, ...: UTF-8 C3 80..C3 9E but for ×) to lower case,
// which covers German; other letters are left as they are.
std::string lower(std::string_view w) {
  std::string out(w);
  for (std::size_t i = 0; i < out.size(); ++i) {
    auto c = static_cast<unsigned char>(out[i]);
    if (c >= 'A' && c <= 'Z') out[i] = static_cast<char>(c + 32);
    if (c == 0xC3 && i + 1 < out.size()) {
      auto n = static_cast<unsigned char>(out[i + 1]);
      if (n >= 0x80 && n <= 0x9E && n != 0x97) out[i + 1] = static_cast<char>(n + 0x20);
      ++i;
    }
  }
  return out;
}

}  // namespace

std::vector<std::string> german_stems(std::string_view text, std::size_t max_words) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < text.size() && out.size() < max_words) {
    while (i < text.size() && !word_byte(static_cast<unsigned char>(text[i]))) ++i;
    const auto start = i;
    while (i < text.size() && word_byte(static_cast<unsigned char>(text[i]))) ++i;
    if (i == start) break;
    const auto word = lower(text.substr(start, i - start));
    auto& s = stemmer();
    const auto* stem = sb_stemmer_stem(&s, reinterpret_cast<const sb_symbol*>(word.data()), static_cast<int>(word.size()));
    if (!stem) throw std::bad_alloc();
    out.emplace_back(reinterpret_cast<const char*>(stem), static_cast<std::size_t>(sb_stemmer_length(&s)));
  }
  return out;
}

std::string stem_column(std::string_view title, std::string_view description) {
  std::string out = " ";
  for (const auto* part : {&title, &description})
    for (const auto& s : german_stems(*part)) out += s + " ";
  return out;
}

}  // namespace market
