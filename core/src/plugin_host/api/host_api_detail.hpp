#pragma once
// Shared by the files that implement the host function table.
#include <algorithm>
#include <cstring>
#include <exception>
#include <string>
#include <string_view>

#include <soci/soci.h>

#include "domain/content/store.hpp"
#include "domain/errors/error.hpp"
#include "plugin_host/host.hpp"
#include "plugin_host/host_error.hpp"
#include "plugin_host/thread_db.hpp"
#include "quartier/plugin.h"

namespace qt::notify {
struct NewNotification;
}
namespace qt::media {
class BlobStore;
}

namespace qt::plugin_host::detail {

inline std::string_view sv(qt_str s) { return s.ptr ? std::string_view(s.ptr, s.len) : std::string_view(); }
inline qt_str qs(std::string_view v) { return qt_str{v.data(), v.size()}; }

void record_failure(std::string_view plugin, std::string_view function, qt_status status, const std::string& reason);
// The plugin host's one mapping of a domain error to a status for the plugin.
qt_status status_for(domain::ErrorKind kind);

// Runs f (returning qt_status); every exception becomes a status and a recorded reason.
template <class F>
qt_status guarded(const qt_host* h, const char* function, F&& f) noexcept {
  std::string_view plugin = h ? std::string_view(h->name) : std::string_view("?");
  try {
    return f();
  } catch (const HostError& e) {
    record_failure(plugin, function, e.status(), e.what());
    return e.status();
  } catch (const domain::Error& e) {
    auto st = status_for(e.kind());
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
// ABI 1.2 content model (host_api_content_model.cpp): applies qt_content's 1.2 members (card,
// Markdown body, official, created_at, expires_at) to a new item or a patch, checked (throws).
void content_model_create(soci::session& s, const qt_content& c, content::NewItem& n);
void content_model_patch(soci::session& s, const qt_content& c, const content::Item& item, content::ItemPatch& p);
// content_expire and system_author.
void fill_content_model_api(qt_host_api& api, const HostServices& services);
// Reports and moderation in a plugin's own containers (host_api_moderation.cpp, since ABI 1.1).
void fill_moderation_api(qt_host_api& api, const HostServices& services);
// Read views: containers, read checks, neighbourhoods, people, blocks (host_api_views.cpp, 1.2).
void fill_views_api(qt_host_api& api, const HostServices& services);
// Conversations, area notices, the audit log (host_api_notices.cpp, 1.2).
void fill_notices_api(qt_host_api& api, const HostServices& services);
// The notification's title and body per language (qt_notification's 1.2 members) into
// out.payload (German, the fallback) and out.payload_en.
void localised_payloads(const qt_host* h, const qt_notification& n, notify::NewNotification& out);
void fill_names_api(qt_host_api& api, const HostServices& services);
// ABI 1.5: Markdown a plugin keeps itself, rendered like a post (host_api_markdown.cpp).
void fill_markdown_api(qt_host_api& api, const HostServices& services);
// ABI 1.2 for C authors: JSON body reads, the JSON writer, res_error_ex (host_api_chelpers.cpp).
void fill_chelpers_api(qt_host_api& api, const HostServices& services);
// Durable jobs and schedules (jobs/host_api_jobs.cpp, since ABI 1.2).
void fill_jobs_api(qt_host_api& api, const HostServices& services);
// Outbound HTTP (jobs/host_api_http.cpp, since ABI 1.2).
void fill_http_api(qt_host_api& api, const HostServices& services);
// ABI 1.3 (video): WebSocket endpoints, rooms, guests, page policies (host_api_live.cpp).
void fill_live_api(qt_host_api& api, const HostServices& services);

// ABI 1.3 (files): big bodies, blobs, file answers, images (host_api_files.cpp).
void fill_files_api(qt_host_api& api, const HostServices& services);
// A route's 1.3 members (max_body_bytes, body_to_file) into its options; throws HostError.
void body_options(const Plugin& p, const qt_route& r, http::RouteOptions& options);
// The plugin's blob store: [plugins.<name>] dir, or data/<name> beside [media] dir.
media::BlobStore blobs_of(const Plugin& p);
// ABI 1.6 (files): blobs read through a handle, answers from a file the plugin wrote
// (host_api_files_read.cpp).
void fill_files_read_api(qt_host_api& api, const HostServices& services);

}  // namespace qt::plugin_host::detail
