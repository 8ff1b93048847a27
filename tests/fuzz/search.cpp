// The search query parser (domain/search/text.hpp): the words a query becomes and their stems.
// Terms must keep their documented bounds and carry nothing that could break out of the quoted
// FTS5 or tsquery strings they are put into.
#include <string>

#include "domain/search/text.hpp"
#include "fuzz_check.hpp"
#include "platform/json/utf8.hpp"

namespace {

using qt::fuzz::check;

bool word_byte(char ch) {
  const auto u = static_cast<unsigned char>(ch);
  return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || u >= 0x80;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto query = qt::fuzz::as_text(data, size);
  const bool valid_query = !qt::json::first_invalid_utf8(query);
  const auto terms = qt::search::text::terms(query);
  check(terms.size() <= 8, "at most 8 terms");
  for (const auto& t : terms) {
    check(t.size() >= 2 && t.size() <= 64, "a term has 2 to 64 bytes");
    for (char ch : t) check(word_byte(ch), "a term holds only letters and digits (no quote, no operator)");
    // Split only at ASCII bytes, so valid text gives valid words (PostgreSQL refuses others).
    if (valid_query) check(!qt::json::first_invalid_utf8(t), "a term of a valid query is valid UTF-8");
    const std::string stem = qt::search::text::fold_umlauts(qt::search::text::light_stem(t));
    check(!stem.empty() && stem.size() <= t.size(), "a stem is no longer than its word");
    if (valid_query) check(!qt::json::first_invalid_utf8(stem), "a stem of valid UTF-8 is valid UTF-8");
  }
  std::size_t words = 0;
  qt::search::text::for_each_word(query, [&](std::string_view w) {
    check(!w.empty(), "for_each_word gives no empty word");
    for (char ch : w) check(word_byte(ch), "a ranked word holds only letters and digits");
    ++words;
  });
  check(words >= terms.size(), "the ranking sees every query word");
  return 0;
}
