#include "platform/markdown/markdown.hpp"

#include <cstdlib>
#include <memory>
#include <mutex>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

namespace qt::stream {

namespace {

void ensure_extensions() {
  static std::once_flag once;
  std::call_once(once, [] { cmark_gfm_core_extensions_ensure_registered(); });
}

struct ParserDeleter {
  void operator()(cmark_parser* p) const { cmark_parser_free(p); }
};
struct NodeDeleter {
  void operator()(cmark_node* n) const { cmark_node_free(n); }
};
struct CharDeleter {
  void operator()(char* c) const { std::free(c); }
};

// CMARK_OPT_UNSAFE is never set: raw HTML becomes a comment and unsafe links are emptied.
constexpr int kOptions = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8 | CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE;

std::unique_ptr<cmark_node, NodeDeleter> parse(std::string_view markdown, cmark_parser* parser) {
  cmark_parser_feed(parser, markdown.data(), markdown.size());
  return std::unique_ptr<cmark_node, NodeDeleter>(cmark_parser_finish(parser));
}

std::unique_ptr<cmark_parser, ParserDeleter> make_parser() {
  ensure_extensions();
  std::unique_ptr<cmark_parser, ParserDeleter> parser(cmark_parser_new(kOptions));
  for (const char* name : {"table", "strikethrough", "autolink", "tasklist"}) {
    if (auto* ext = cmark_find_syntax_extension(name)) cmark_parser_attach_syntax_extension(parser.get(), ext);
  }
  return parser;
}

void replace_all(std::string& s, std::string_view from, std::string_view to) {
  for (std::size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size()))
    s.replace(pos, from.size(), to);
}

}  // namespace

std::string render_markdown(std::string_view markdown) {
  auto parser = make_parser();
  auto doc = parse(markdown, parser.get());
  std::unique_ptr<char, CharDeleter> html(
      cmark_render_html(doc.get(), kOptions, cmark_parser_get_syntax_extensions(parser.get())));
  std::string out = html ? std::string(html.get()) : std::string();
  // Raw HTML is off, so every "<a href=" in the output is a link cmark made (text is escaped).
  replace_all(out, "<a href=\"", "<a rel=\"nofollow ugc noopener\" href=\"");
  return out;
}

std::vector<std::int64_t> mentioned_users(std::string_view markdown) {
  std::vector<std::int64_t> out;
  constexpr std::string_view marker = "](/people/";
  for (std::size_t pos = markdown.find(marker); pos != std::string_view::npos && out.size() < 50;
       pos = markdown.find(marker, pos + 1)) {
    // Only "[@...](/people/<digits>)" counts as a mention.
    const std::size_t open = markdown.rfind('[', pos);
    if (open == std::string_view::npos || open + 1 >= markdown.size() || markdown[open + 1] != '@') continue;
    std::size_t i = pos + marker.size();
    std::int64_t id = 0;
    std::size_t digits = 0;
    while (i < markdown.size() && markdown[i] >= '0' && markdown[i] <= '9' && digits < 18) {
      id = id * 10 + (markdown[i] - '0');
      ++i;
      ++digits;
    }
    if (digits == 0 || i >= markdown.size() || markdown[i] != ')' || id == 0) continue;
    bool seen = false;
    for (auto x : out) seen = seen || x == id;
    if (!seen) out.push_back(id);
  }
  return out;
}

namespace {

// cmark's plain text with each line's runs of blanks folded to one space, a blank line between
// paragraphs kept as "\n\n" and list items and hard breaks on lines of their own, so a card
// shows "- Wasser\n- Brot" as the list it was and not as one run-on line.
std::string fold_lines(std::string_view raw) {
  std::string out;
  std::size_t blank_lines = 0;
  while (!raw.empty()) {
    const auto nl = raw.find('\n');
    std::string_view line = raw.substr(0, nl);
    raw = nl == std::string_view::npos ? std::string_view{} : raw.substr(nl + 1);
    std::string folded;
    bool space = false;
    for (char ch : line) {
      if (ch == '\r' || ch == '\t' || ch == ' ') {
        space = !folded.empty();
        continue;
      }
      if (space) folded += ' ';
      space = false;
      folded += ch;
    }
    if (folded.empty()) {
      ++blank_lines;
      continue;
    }
    if (!out.empty()) out += blank_lines > 0 ? "\n\n" : "\n";
    blank_lines = 0;
    out += folded;
  }
  return out;
}

}  // namespace

std::string plain_summary(std::string_view markdown, std::size_t max_chars) {
  auto parser = make_parser();
  auto doc = parse(markdown, parser.get());
  std::unique_ptr<char, CharDeleter> text(cmark_render_plaintext(doc.get(), CMARK_OPT_DEFAULT, 0));
  const std::string folded = fold_lines(text ? std::string_view(text.get()) : std::string_view());
  // Count UTF-8 code points; cut on a boundary.
  std::size_t chars = 0;
  for (std::size_t i = 0; i < folded.size(); ++i) {
    if ((static_cast<unsigned char>(folded[i]) & 0xC0) != 0x80) {
      if (chars == max_chars) return folded.substr(0, i) + "…";
      ++chars;
    }
  }
  return folded;
}

}  // namespace qt::stream
