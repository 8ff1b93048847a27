#include "platform/text/names.hpp"

#include <cstdlib>
#include <memory>

#include <fmt/format.h>
#include <utf8proc.h>

namespace qt::text {
namespace {

struct FreeDeleter {
  void operator()(utf8proc_uint8_t* p) const { std::free(p); }
};

bool refused_category(utf8proc_category_t c) {
  return c == UTF8PROC_CATEGORY_CC || c == UTF8PROC_CATEGORY_CF || c == UTF8PROC_CATEGORY_CS ||
         c == UTF8PROC_CATEGORY_CO || c == UTF8PROC_CATEGORY_CN || c == UTF8PROC_CATEGORY_ZL ||
         c == UTF8PROC_CATEGORY_ZP;
}

bool letter(utf8proc_category_t c) {
  return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LL || c == UTF8PROC_CATEGORY_LT ||
         c == UTF8PROC_CATEGORY_LM || c == UTF8PROC_CATEGORY_LO;
}

std::optional<std::string> refuse(NameProblem& problem, std::string code, std::string message) {
  problem = {std::move(code), std::move(message)};
  return std::nullopt;
}

std::string_view trim_spaces(std::string_view s) {
  const auto space = [](char ch) { return ch == ' '; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

}  // namespace

std::optional<std::string> clean_name(std::string_view raw, std::size_t min, std::size_t max, NameProblem& problem) {
  std::unique_ptr<utf8proc_uint8_t, FreeDeleter> nfc(
      utf8proc_NFC(reinterpret_cast<const utf8proc_uint8_t*>(std::string(raw).c_str())));
  // utf8proc_NFC stops at a NUL byte: a name that contains one is refused below by its length.
  if (!nfc)
    return refuse(problem, "invalid_utf8", "Der Name ist kein gültiger Text (UTF-8). / The name is not valid UTF-8 text.");
  const std::string normalised(reinterpret_cast<const char*>(nfc.get()));
  if (raw.find('\0') != std::string_view::npos)
    return refuse(problem, "invisible_characters",
                  "Der Name enthält ein Nullzeichen; bitte nur sichtbare Zeichen verwenden. / The name contains a NUL "
                  "character; use visible characters only.");
  const std::string_view name = trim_spaces(normalised);
  std::size_t count = 0;
  bool has_letter = false;
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(name.data());
  utf8proc_ssize_t left = static_cast<utf8proc_ssize_t>(name.size());
  while (left > 0) {
    utf8proc_int32_t cp = 0;
    const auto n = utf8proc_iterate(p, left, &cp);
    if (n <= 0) return refuse(problem, "invalid_utf8", "Der Name ist kein gültiger Text (UTF-8). / The name is not valid UTF-8 text.");
    const auto category = utf8proc_category(cp);
    if (refused_category(category))
      return refuse(problem, "invisible_characters",
                    fmt::format("Der Name enthält ein unsichtbares Steuer- oder Formatzeichen (U+{:04X}), z. B. eine "
                                "Schreibrichtungsumkehr oder einen Zeilenumbruch; bitte nur sichtbare Zeichen "
                                "verwenden. / The name contains an invisible control or format character (U+{:04X}).",
                                cp, cp));
    has_letter = has_letter || letter(category);
    ++count;
    p += n;
    left -= n;
  }
  if (!has_letter)
    return refuse(problem, "no_letter",
                  "Der Name braucht mindestens einen Buchstaben. / The name needs at least one letter.");
  if (count < min || count > max)
    return refuse(problem, "length",
                  fmt::format("Der Name muss {} bis {} Zeichen lang sein. / The name must have {} to {} characters.", min,
                              max, min, max));
  return std::string(name);
}

}  // namespace qt::text
