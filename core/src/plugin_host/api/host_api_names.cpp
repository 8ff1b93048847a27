// Names people type in a plugin (ABI 1.2): the core's one rule for names (platform/text/names),
// so a group's name is held to what a display name is.
#include <string>

#include "plugin_host/api/host_api_detail.hpp"
#include "platform/text/names.hpp"

namespace qt::plugin_host::detail {
namespace {

qt_status api_text_clean_name(qt_host* h, qt_str raw, uint32_t min_chars, uint32_t max_chars, qt_str* out) {
  return guarded(h, "text_clean_name", [&] {
    if (!out) throw HostError(QT_ERR_INVALID, "out is NULL");
    if (min_chars > max_chars) throw HostError(QT_ERR_INVALID, "min_chars is larger than max_chars");
    thread_local std::string cleaned;  // valid until the next call on this thread, as documented
    text::NameProblem problem;
    auto name = text::clean_name(sv(raw), min_chars, max_chars, problem);
    if (!name) throw HostError(QT_ERR_INVALID, problem.message);
    cleaned = std::move(*name);
    *out = qs(cleaned);
    return QT_OK;
  });
}

}  // namespace

void fill_names_api(qt_host_api& a, const HostServices&) { a.text_clean_name = api_text_clean_name; }

}  // namespace qt::plugin_host::detail
