#pragma once
// Shared by the files that implement the host function table.
#include <exception>
#include <string>
#include <string_view>

#include <soci/soci.h>

#include "http/response.hpp"
#include "plugin_host/host.hpp"
#include "plugin_host/host_error.hpp"
#include "quartier/plugin.h"

namespace qt::plugin_host::detail {

inline std::string_view sv(qt_str s) { return s.ptr ? std::string_view(s.ptr, s.len) : std::string_view(); }
inline qt_str qs(std::string_view v) { return qt_str{v.data(), v.size()}; }

void record_failure(std::string_view plugin, std::string_view function, qt_status status, const std::string& reason);
qt_status status_for_http(int http_status);

// Runs f (returning qt_status); every exception becomes a status and a recorded reason.
template <class F>
qt_status guarded(const qt_host* h, const char* function, F&& f) noexcept {
  std::string_view plugin = h ? std::string_view(h->name) : std::string_view("?");
  try {
    return f();
  } catch (const HostError& e) {
    record_failure(plugin, function, e.status(), e.what());
    return e.status();
  } catch (const http::HttpError& e) {
    auto st = status_for_http(e.status());
    record_failure(plugin, function, st, e.what());
    return st;
  } catch (const soci::soci_error& e) {
    record_failure(plugin, function, QT_ERR_DATABASE, e.get_error_message());
    return QT_ERR_DATABASE;
  } catch (const std::exception& e) {
    record_failure(plugin, function, QT_ERR_INTERNAL, e.what());
    return QT_ERR_INTERNAL;
  } catch (...) {
    record_failure(plugin, function, QT_ERR_INTERNAL, "unknown error");
    return QT_ERR_INTERNAL;
  }
}

// Content, containers, memberships and notifications (host_api_content.cpp): set only when
// the core services are present.
void fill_content_api(qt_host_api& api, const HostServices& services);

}  // namespace qt::plugin_host::detail
