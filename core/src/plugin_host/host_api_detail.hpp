#pragma once
// Shared by the files that implement the host function table.
#include <algorithm>
#include <cstring>
#include <exception>
#include <string>
#include <string_view>

#include <soci/soci.h>

#include "content/store.hpp"
#include "http/response.hpp"
#include "plugin_host/host.hpp"
#include "plugin_host/host_error.hpp"
#include "plugin_host/thread_db.hpp"
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

// The session for one call: the transaction or held writer of this thread, else a writer (or
// reader) slot taken for the duration of the call.
class CallSession {
 public:
  CallSession(const qt_host* h, bool read_only) {
    auto& ctx = ThreadDb::current();
    if (auto* s = ctx.current_writer()) {
      session_ = s;
    } else {
      session_ = &ctx.acquire(h->host->services().db, read_only, slot_);
      owns_ = true;
    }
  }
  ~CallSession() {
    if (owns_) ThreadDb::current().release(slot_);
  }
  CallSession(const CallSession&) = delete;
  CallSession& operator=(const CallSession&) = delete;
  soci::session& operator*() const { return *session_; }

 private:
  soci::session* session_ = nullptr;
  Slot slot_ = Slot::reader;
  bool owns_ = false;
};

template <class T>
T sized(const T* p, const char* what) {
  if (!p || p->size < sizeof(std::uint32_t)) throw HostError(QT_ERR_INVALID, std::string(what) + " is NULL or has no size");
  T out{};
  std::memcpy(&out, p, std::min<std::size_t>(p->size, sizeof(T)));
  return out;
}

// A container this plugin created (QT_ERR_NOT_FOUND / QT_ERR_DENIED otherwise).
inline content::Container own_container(const qt_host* h, soci::session& s, std::int64_t id) {
  auto c = h->host->services().content->container(s, id);
  if (!c) throw HostError(QT_ERR_NOT_FOUND, "no container " + std::to_string(id));
  if (c->owner != h->name)
    throw HostError(QT_ERR_DENIED, "container " + std::to_string(id) + " belongs to '" + c->owner + "'");
  return *c;
}

// Content, containers, memberships and notifications (host_api_content.cpp): set only when
// the core services are present.
void fill_content_api(qt_host_api& api, const HostServices& services);
// Reports and moderation in a plugin's own containers (host_api_moderation.cpp, since ABI 1.1).
void fill_moderation_api(qt_host_api& api, const HostServices& services);

}  // namespace qt::plugin_host::detail
