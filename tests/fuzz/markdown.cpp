// Markdown rendering (platform/markdown) on any text: the HTML holds only the tags and attributes
// cmark writes (no raw HTML, no script URL), every link is marked, and mentions and summaries keep
// their documented bounds.
#include <algorithm>
#include <string>

#include "fuzz_check.hpp"
#include "platform/json/utf8.hpp"
#include "platform/markdown/markdown.hpp"

namespace {

using qt::fuzz::check;

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

bool one_of(std::string_view v, std::initializer_list<std::string_view> list) {
  return std::find(list.begin(), list.end(), v) != list.end();
}

// What cmark-gfm writes itself; raw HTML from the text would bring anything else.
bool known_tag(std::string_view t) {
  return one_of(t, {"p", "a", "em", "strong", "del", "code", "pre", "ul", "ol", "li", "blockquote", "h1", "h2",
                    "h3", "h4", "h5", "h6", "hr", "br", "table", "thead", "tbody", "tr", "th", "td", "input", "img"});
}

bool known_attribute(std::string_view a) {
  return one_of(a, {"href", "rel", "title", "src", "alt", "align", "type", "checked", "disabled", "start", "class"});
}

void check_url(std::string_view attribute, std::string_view value) {
  for (std::string_view bad : {"javascript:", "vbscript:", "file:"})
    check(!value.starts_with(bad), "no script or file URL in a link or image");
  if (value.starts_with("data:"))
    check(attribute == "src" && one_of(value.substr(0, value.find(';')),
                                       {"data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"}),
          "a data: URL only as an image of a safe type");
}

// Every tag in the (lower-cased) HTML is one cmark writes, with its own attributes only, and
// links are marked for search engines and the opener.
void check_tags(const std::string& html) {
  for (auto open = html.find('<'); open != std::string::npos; open = html.find('<', open + 1)) {
    if (html.compare(open, 4, "<!--") == 0) continue;  // "raw HTML omitted" comments
    const auto close = html.find('>', open);
    check(close != std::string::npos, "every tag is closed");
    std::string_view tag(html.data() + open + 1, close - open - 1);
    if (tag.starts_with('/')) tag.remove_prefix(1);
    const auto name_end = tag.find_first_of(" /");
    check(known_tag(tag.substr(0, name_end)), "only tags cmark writes");
    if (tag.starts_with("a ")) check(tag.starts_with("a rel=\"nofollow ugc noopener\" href=\""), "links are marked");
    // Attribute values are quoted and cmark escapes '"' inside them.
    for (auto eq = tag.find("=\""); eq != std::string_view::npos; eq = tag.find("=\"", eq + 2)) {
      const auto start = tag.rfind(' ', eq) + 1;
      const auto attribute = tag.substr(start, eq - start);
      check(known_attribute(attribute), "only attributes cmark writes");
      const auto value_end = tag.find('"', eq + 2);
      check(value_end != std::string_view::npos, "attribute values are closed");
      if (attribute == "href" || attribute == "src") check_url(attribute, tag.substr(eq + 2, value_end - eq - 2));
      eq = value_end - 1;
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto text = qt::fuzz::as_text(data, size);
  const std::string html = lower(qt::stream::render_markdown(text));
  check_tags(html);
  // CMARK_OPT_VALIDATE_UTF8 replaces invalid sequences, so the HTML is always valid UTF-8.
  check(!qt::json::first_invalid_utf8(html), "rendered HTML is valid UTF-8");

  const auto ids = qt::stream::mentioned_users(text);
  check(ids.size() <= 50, "at most 50 mentions");
  for (std::size_t i = 0; i < ids.size(); ++i) {
    check(ids[i] > 0, "a mentioned id is positive");
    check(std::find(ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(i), ids[i]) == ids.begin() + static_cast<std::ptrdiff_t>(i),
          "mentioned ids are distinct");
  }

  for (std::size_t max : {std::size_t{0}, std::size_t{1}, std::size_t{40}, std::size_t{280}}) {
    const std::string summary = qt::stream::plain_summary(text, max);
    // max_chars counts characters; the ellipsis adds one more (3 bytes) and a character up to 4.
    check(summary.size() <= 4 * (max + 1), "a summary keeps its length bound");
    check(!qt::json::first_invalid_utf8(summary), "a summary is valid UTF-8");
  }
  return 0;
}
