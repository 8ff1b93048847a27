// The search query parser (domain/search/text.hpp) and the German folding and stemming
// (platform/text/german.hpp): the words a query becomes and their terms. Terms must keep their
// documented bounds and carry nothing that could break out of the quoted FTS5 or tsquery strings
// they are put into (the FTS5 query tokenizer splits at spaces, so no space either).
#include <string>

#include "domain/search/text.hpp"
#include "fuzz_check.hpp"
#include "platform/json/utf8.hpp"
#include "platform/text/german.hpp"

namespace {

using qt::fuzz::check;

// No quote, operator, space or control byte: ASCII only as letters and digits.
bool safe_bytes(const std::string& s) {
  for (char ch : s) {
    const auto u = static_cast<unsigned char>(ch);
    if (u < 0x80 && !((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9'))) return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto query = qt::fuzz::as_text(data, size);
  const bool valid_query = !qt::json::first_invalid_utf8(query);
  const auto words = qt::search::text::words(query);
  const auto terms = qt::search::text::terms(query);
  check(words.size() <= 8 && terms.size() <= words.size(), "at most 8 words, a term per word");
  for (const auto& w : words) {
    check(w.size() >= 2 && w.size() <= 64, "a word has 2 to 64 bytes");
    if (valid_query) check(!qt::json::first_invalid_utf8(w), "a word of a valid query is valid UTF-8");
  }
  for (const auto& t : terms) {
    check(!t.stem.empty(), "a term has a stem");
    if (!valid_query) continue;
    check(safe_bytes(t.folded) && safe_bytes(t.stem), "a term holds only letters, digits and marks");
    check(!qt::json::first_invalid_utf8(t.folded) && !qt::json::first_invalid_utf8(t.stem), "terms of valid UTF-8 are valid UTF-8");
    check(t.folded.starts_with(t.stem), "a stem starts its folded word");
    check(qt::text::german::fold(t.folded) == t.folded || t.folded.find("ae") != std::string::npos ||
              t.folded.find("oe") != std::string::npos || t.folded.find("ue") != std::string::npos,
          "folding is stable but for a transliteration it made");
  }
  std::size_t n = 0;
  qt::text::german::for_each_word(query, [&](std::string_view w, std::size_t begin) {
    check(!w.empty() && begin + w.size() <= query.size(), "for_each_word gives non-empty words inside the text");
    ++n;
  });
  check(n >= words.size(), "the ranking sees every query word");
  return 0;
}
