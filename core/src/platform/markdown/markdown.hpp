#pragma once
// Markdown for posts and comments: GitHub-flavoured (cmark-gfm: tables, strikethrough,
// autolinks, task lists), raw HTML never passed through, dangerous URLs (javascript:, data:...)
// dropped, and every link marked rel="nofollow ugc noopener".
// Mentions are profile links written as [@Name](/people/<id>); the UI inserts them.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace qt::stream {

std::string render_markdown(std::string_view markdown);

// The distinct user ids mentioned in the text, in order of first appearance (at most 50).
std::vector<std::int64_t> mentioned_users(std::string_view markdown);

// Plain text for the stream summary and mails: Markdown stripped, blanks folded, paragraphs kept
// apart by a blank line and list items and line breaks on lines of their own ("\n"), cut at
// max_chars (UTF-8 safe, with an ellipsis).
std::string plain_summary(std::string_view markdown, std::size_t max_chars = 280);

}  // namespace qt::stream
