// Markdown a plugin keeps itself (ABI 1.5): rendered by the core's one renderer for posts
// (platform/markdown), so a profile's text is as safe as a post's body.
#include <string>

#include "platform/json/utf8.hpp"
#include "platform/markdown/markdown.hpp"
#include "plugin_host/api/host_api_detail.hpp"

namespace qt::plugin_host::detail {
namespace {

void check_markdown(std::string_view text) {
  if (text.size() > QT_MARKDOWN_MAX_BYTES)
    throw HostError(QT_ERR_INVALID, "Der Text ist zu lang: " + std::to_string(text.size()) + " Bytes, höchstens " +
                                        std::to_string(QT_MARKDOWN_MAX_BYTES) + ". Bitte kürzen. / The text is too long: " +
                                        std::to_string(text.size()) + " bytes, at most " +
                                        std::to_string(QT_MARKDOWN_MAX_BYTES) + ". Please shorten it.");
  if (auto at = json::first_invalid_utf8(text))
    throw HostError(QT_ERR_INVALID, "Der Text ist kein gültiges UTF-8 (bei Byte " + std::to_string(*at) +
                                        "). Bitte als UTF-8 speichern. / The text is not valid UTF-8 (at byte " +
                                        std::to_string(*at) + "). Please save it as UTF-8.");
}

qt_status api_markdown_render(qt_host* h, qt_str markdown, qt_str* out_html) {
  return guarded(h, "markdown_render", [&] {
    if (!out_html) throw HostError(QT_ERR_INVALID, "out_html is NULL");
    *out_html = qt_str{nullptr, 0};
    if (markdown.len > 0 && !markdown.ptr) throw HostError(QT_ERR_INVALID, "markdown.ptr is NULL but len is not 0");
    const auto text = sv(markdown);
    check_markdown(text);
    thread_local std::string html;  // valid until the next call on this thread, as documented
    html = text.empty() ? std::string() : stream::render_markdown(text);
    *out_html = qs(html);
    return QT_OK;
  });
}

}  // namespace

void fill_markdown_api(qt_host_api& a, const HostServices&) { a.markdown_render = api_markdown_render; }

}  // namespace qt::plugin_host::detail
