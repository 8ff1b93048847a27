#include "domain/search/text.hpp"

#include <array>
#include <utility>

namespace qt::search::text {

std::vector<std::string> terms(std::string_view query) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    if (cur.size() >= 2 && cur.size() <= 64 && out.size() < 8) out.push_back(cur);
    cur.clear();
  };
  for (char ch : query) {
    const auto u = static_cast<unsigned char>(ch);
    if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || u >= 0x80) cur += ch;
    else if (ch >= 'A' && ch <= 'Z') cur += static_cast<char>(ch - 'A' + 'a');
    else flush();
  }
  flush();
  return out;
}

std::string light_stem(const std::string& t) {
  static constexpr std::array<std::string_view, 8> endings = {"ern", "em", "en", "er", "es", "e", "n", "s"};
  for (auto e : endings) {
    if (t.size() >= e.size() + 4 && t.compare(t.size() - e.size(), e.size(), e) == 0)
      return t.substr(0, t.size() - e.size());
  }
  return t;
}

std::string fold_umlauts(std::string t) {
  static const std::array<std::pair<std::string_view, std::string_view>, 6> m = {
      {{"ä", "a"}, {"ö", "o"}, {"ü", "u"}, {"Ä", "a"}, {"Ö", "o"}, {"Ü", "u"}}};
  for (const auto& [from, to] : m)
    for (auto p = t.find(from); p != std::string::npos; p = t.find(from, p)) t.replace(p, from.size(), to);
  return t;
}

}  // namespace qt::search::text
