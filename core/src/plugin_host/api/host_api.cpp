// The host function table (qt_host_api): every entry catches everything, so no C++ exception
// ever unwinds into plugin code; failures become a qt_status plus a logged reason that
// api->last_error returns.
#include <algorithm>
#include <cctype>
#include <chrono>
#include <string>
#include <string_view>

#include <boost/json.hpp>
#include <soci/soci.h>

#include "platform/events/bus.hpp"
#include "platform/jobs/scheduler.hpp"
#include "platform/log/log.hpp"
#include "plugin_host/abi_types.hpp"
#include "plugin_host/host.hpp"
#include "plugin_host/api/host_api_detail.hpp"
#include "plugin_host/host_error.hpp"
#include "plugin_host/statement.hpp"
#include "plugin_host/thread_db.hpp"

namespace qt::plugin_host {

namespace {
thread_local std::string t_last_error;
}

void set_last_error(std::string message) { t_last_error = std::move(message); }
void clear_last_error() { t_last_error.clear(); }
const std::string& last_error() { return t_last_error; }

namespace detail {

void record_failure(std::string_view plugin, std::string_view function, qt_status status, const std::string& reason) {
  t_last_error = reason;
  if (status == QT_ERR_NOT_FOUND) return;  // absence is an answer, not a failure
  log::warn("plugin host call failed",
            {{"plugin", plugin}, {"function", function}, {"status", status}, {"reason", reason}});
}

qt_status status_for(domain::ErrorKind kind) {
  switch (kind) {
    case domain::ErrorKind::invalid: return QT_ERR_INVALID;
    case domain::ErrorKind::denied: return QT_ERR_DENIED;
    case domain::ErrorKind::not_found: return QT_ERR_NOT_FOUND;
    case domain::ErrorKind::conflict: return QT_ERR_CONFLICT;
    case domain::ErrorKind::unauthenticated:
    case domain::ErrorKind::rate_limited: return QT_ERR_INTERNAL;
  }
  return QT_ERR_INTERNAL;
}

}  // namespace detail

namespace {

using detail::guarded;
using detail::qs;
using detail::sv;

Plugin& plugin_of(qt_host* h) { return *h; }

// ---- Diagnostics ----

void api_log(qt_host* h, int32_t level, qt_str message) {
  try {
    auto lvl = level <= QT_LOG_DEBUG ? log::Level::debug
               : level == QT_LOG_INFO ? log::Level::info
               : level == QT_LOG_WARN ? log::Level::warn
                                      : log::Level::error;
    if (!log::enabled(lvl)) return;
    log::write(lvl, sv(message), {{"plugin", h ? std::string_view(h->name) : std::string_view("?")}});
  } catch (...) {
  }
}

qt_str api_last_error(qt_host*) { return qs(t_last_error); }

// ---- Configuration ----

qt_str api_config_json(qt_host* h) { return qs(plugin_of(h).config_json); }

qt_status api_config_get(qt_host* h, qt_str key, qt_str* out) {
  return guarded(h, "config_get", [&] {
    if (!out) throw HostError(QT_ERR_INVALID, "out is NULL");
    const auto& values = plugin_of(h).config_values;
    auto it = values.find(sv(key));
    if (it == values.end())
      throw HostError(QT_ERR_NOT_FOUND, "[plugins." + h->name + "] has no key '" + std::string(sv(key)) + "'");
    *out = qs(it->second);
    return QT_OK;
  });
}

// ---- Routes ----

qt_status api_route_add(qt_host* h, const qt_route* route) {
  return guarded(h, "route_add", [&] {
    Plugin& p = plugin_of(h);
    if (!p.in_init) throw HostError(QT_ERR_STATE, "route_add is only allowed during quartier_plugin_init");
    if (!route || route->size < offsetof(qt_route, user) + sizeof(void*))
      throw HostError(QT_ERR_INVALID, "route is NULL or its size is too small");
    qt_route r{};
    std::memcpy(&r, route, std::min<std::size_t>(route->size, sizeof r));
    std::string method(sv(r.method));
    static const std::string_view methods[] = {"GET", "POST", "PUT", "PATCH", "DELETE"};
    if (std::find(std::begin(methods), std::end(methods), method) == std::end(methods))
      throw HostError(QT_ERR_INVALID, "unknown method '" + method + "' (GET, POST, PUT, PATCH, DELETE)");
    std::string pattern(sv(r.pattern));
    if (!pattern.empty() && pattern.front() != '/')
      throw HostError(QT_ERR_INVALID, "route pattern '" + pattern + "' must start with '/'");
    if (pattern == "/") pattern.clear();
    if (!r.handler) throw HostError(QT_ERR_INVALID, "route handler is NULL");
    http::Access access;
    switch (r.access) {
      case QT_ACCESS_PUBLIC: access = http::Access::public_; break;
      case QT_ACCESS_USER: access = http::Access::user; break;
      case QT_ACCESS_STAFF: access = http::Access::staff; break;
      case QT_ACCESS_MODERATOR: access = http::Access::moderator; break;
      case QT_ACCESS_ADMIN: access = http::Access::admin; break;
      default: throw HostError(QT_ERR_INVALID, "unknown access " + std::to_string(r.access));
    }
    std::string full = "/api/p/" + p.name + pattern;
    http::RouteOptions options;
    options.access = access;
    options.owner = p.name;
    // Off the I/O threads: it may block (http_fetch). Any other value is the HTTP lane, so that a
    // 1.1 source rebuilt against 1.2 that leaves `lane` unset still loads.
    if (r.lane == QT_LANE_BLOCKING) options.lane = http::Lane::wait;
    detail::body_options(p, r, options);  // ABI 1.3 (files)
    Host* host = p.host;
    Plugin* pp = &p;
    auto handler = r.handler;
    void* user = r.user;
    try {
      host->services().router.add(method, full, [host, pp, handler, user](http::Request& req) {
        return host->dispatch(*pp, handler, user, req);
      }, options);
    } catch (const std::invalid_argument& e) {
      throw HostError(QT_ERR_INVALID, e.what());
    }
    p.routes.push_back(method + " " + full);
    return QT_OK;
  });
}

// ---- Request ----

qt_str api_req_method(const qt_request* r) { return r ? qs(r->req.method) : qt_str{}; }
qt_str api_req_path(const qt_request* r) { return r ? qs(r->req.path) : qt_str{}; }

qt_status api_req_param(const qt_request* r, qt_str name, qt_str* out) {
  if (!r || !out) return QT_ERR_INVALID;
  auto v = r->req.param(sv(name));
  if (!v) return QT_ERR_NOT_FOUND;
  *out = qs(*v);
  return QT_OK;
}

qt_status api_req_query(const qt_request* r, qt_str name, qt_str* out) {
  if (!r || !out) return QT_ERR_INVALID;
  try {
    auto v = r->req.query_param(sv(name));
    if (!v) return QT_ERR_NOT_FOUND;
    auto& scratch = const_cast<qt_request*>(r)->scratch;  // host-owned storage behind a const handle
    scratch.push_back(std::move(*v));
    *out = qs(scratch.back());
    return QT_OK;
  } catch (...) {
    return QT_ERR_INTERNAL;
  }
}

qt_status api_req_header(const qt_request* r, qt_str name, qt_str* out) {
  if (!r || !out) return QT_ERR_INVALID;
  std::string lower(sv(name));
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  // Credentials stay in the core: the session cookie, authorization and the CSRF token.
  if (lower == "cookie" || lower == "authorization" || lower == "x-csrf-token") return QT_ERR_NOT_FOUND;
  auto v = r->req.header(lower);
  if (!v) return QT_ERR_NOT_FOUND;
  *out = qs(*v);
  return QT_OK;
}

qt_str api_req_body(const qt_request* r) { return r ? qs(r->req.body) : qt_str{}; }
int64_t api_req_user_id(const qt_request* r) { return r ? r->req.user_id : 0; }
int32_t api_req_role(const qt_request* r) { return r ? static_cast<int32_t>(r->req.role) : QT_ROLE_NONE; }
qt_str api_req_language(const qt_request* r) { return r ? qs(r->req.language) : qt_str{}; }

// ---- Response ----

bool header_text_ok(std::string_view v) {
  return std::none_of(v.begin(), v.end(), [](char c) { return c == '\r' || c == '\n' || c == '\0'; });
}

qt_status api_res_status(qt_response* r, int32_t status) {
  if (!r || status < 100 || status > 599) return QT_ERR_INVALID;
  r->response.status = status;
  return QT_OK;
}

qt_status api_res_header(qt_response* r, qt_str name, qt_str value) {
  if (!r) return QT_ERR_INVALID;
  try {
    std::string lower(sv(name));
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    static const std::string_view reserved[] = {"set-cookie", "content-length", "transfer-encoding", "connection",
                                                "content-security-policy", "strict-transport-security",
                                                "x-frame-options", "x-content-type-options", "upgrade"};
    bool token = !lower.empty() && std::all_of(lower.begin(), lower.end(), [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
    });
    if (!token || !header_text_ok(sv(value))) {
      set_last_error("res_header: header name or value has characters not allowed in HTTP headers");
      return QT_ERR_INVALID;
    }
    if (std::find(std::begin(reserved), std::end(reserved), lower) != std::end(reserved)) {
      set_last_error("res_header: the core owns the header '" + lower + "'");
      return QT_ERR_INVALID;
    }
    r->response.set_header(sv(name), sv(value));
    return QT_OK;
  } catch (...) {
    return QT_ERR_INTERNAL;
  }
}

qt_status api_res_body(qt_response* r, qt_str content_type, qt_str body) {
  if (!r) return QT_ERR_INVALID;
  try {
    if (!header_text_ok(sv(content_type))) return QT_ERR_INVALID;
    r->response.body.assign(sv(body));
    if (content_type.len) r->response.set_header("Content-Type", sv(content_type));
    return QT_OK;
  } catch (...) {
    return QT_ERR_INTERNAL;
  }
}

qt_status api_res_error(qt_response* r, int32_t status, qt_str code, qt_str message) {
  if (!r || status < 400 || status > 599) return QT_ERR_INVALID;
  try {
    r->response = http::Response::error(status, sv(code), sv(message));
    return QT_OK;
  } catch (...) {
    return QT_ERR_INTERNAL;
  }
}

// ---- Database ----

qt_str api_db_dialect(qt_host* h) {
  return qs(db::dialect_name(h->host->services().db.dialect()));
}

qt_status api_db_prepare(qt_host* h, qt_str sql, qt_stmt** out) {
  return guarded(h, "db_prepare", [&] {
    if (!out) throw HostError(QT_ERR_INVALID, "out is NULL");
    *out = nullptr;
    auto s = qt_stmt::prepare(h->host->services().db, sv(sql), h->name);
    s->owner = h;
    *out = s.release();
    return QT_OK;
  });
}

void api_stmt_finalize(qt_stmt* s) {
  try {
    delete s;
  } catch (...) {
  }
}

template <class F>
qt_status stmt_call(qt_stmt* s, const char* fn, F&& f) {
  if (!s) {
    set_last_error(std::string(fn) + ": statement is NULL");
    return QT_ERR_INVALID;
  }
  return guarded(s->owner, fn, std::forward<F>(f));
}

qt_status api_bind_null(qt_stmt* s, qt_str name) {
  return stmt_call(s, "stmt_bind_null", [&] { s->bind_null(sv(name)); return QT_OK; });
}
qt_status api_bind_int64(qt_stmt* s, qt_str name, int64_t v) {
  return stmt_call(s, "stmt_bind_int64", [&] { s->bind_int64(sv(name), v); return QT_OK; });
}
qt_status api_bind_double(qt_stmt* s, qt_str name, double v) {
  return stmt_call(s, "stmt_bind_double", [&] { s->bind_double(sv(name), v); return QT_OK; });
}
qt_status api_bind_text(qt_stmt* s, qt_str name, qt_str v) {
  return stmt_call(s, "stmt_bind_text", [&] { s->bind_text(sv(name), sv(v)); return QT_OK; });
}
qt_status api_bind_blob(qt_stmt* s, qt_str name, qt_bytes v) {
  return stmt_call(s, "stmt_bind_blob", [&] {
    s->bind_blob(sv(name), v.ptr ? std::string_view(reinterpret_cast<const char*>(v.ptr), v.len) : std::string_view());
    return QT_OK;
  });
}
qt_status api_step(qt_stmt* s) { return stmt_call(s, "stmt_step", [&] { return s->step(); }); }
qt_status api_reset(qt_stmt* s) { return stmt_call(s, "stmt_reset", [&] { s->reset(); return QT_OK; }); }

int32_t api_column_count(qt_stmt* s) {
  try {
    return s ? s->column_count() : 0;
  } catch (...) {
    return 0;
  }
}

// Column readers cannot return a status: on a bad index they log and answer NULL / 0 / empty.
template <class T, class F>
T column_call(qt_stmt* s, const char* fn, T fallback, F&& f) {
  if (!s) return fallback;
  T result = fallback;
  guarded(s->owner, fn, [&] {
    result = f();
    return QT_OK;
  });
  return result;
}

int32_t api_column_type(qt_stmt* s, int32_t i) {
  return column_call<int32_t>(s, "column_type", QT_TYPE_NULL, [&] { return static_cast<int32_t>(s->column_type(i)); });
}
qt_str api_column_name(qt_stmt* s, int32_t i) {
  return column_call<qt_str>(s, "column_name", qt_str{}, [&] { return qs(s->column_name(i)); });
}
int64_t api_column_int64(qt_stmt* s, int32_t i) {
  return column_call<int64_t>(s, "column_int64", 0, [&] { return s->column_int64(i); });
}
double api_column_double(qt_stmt* s, int32_t i) {
  return column_call<double>(s, "column_double", 0.0, [&] { return s->column_double(i); });
}
qt_str api_column_text(qt_stmt* s, int32_t i) {
  return column_call<qt_str>(s, "column_text", qt_str{}, [&] { return qs(s->column_text(i)); });
}
qt_bytes api_column_blob(qt_stmt* s, int32_t i) {
  return column_call<qt_bytes>(s, "column_blob", qt_bytes{}, [&] {
    auto v = s->column_blob(i);
    return qt_bytes{reinterpret_cast<const uint8_t*>(v.data()), v.size()};
  });
}
int64_t api_changes(qt_stmt* s) { return s ? s->changes() : 0; }

qt_status api_last_insert_id(qt_stmt* s, int64_t* out) {
  return stmt_call(s, "stmt_last_insert_id", [&] {
    if (!out) throw HostError(QT_ERR_INVALID, "out is NULL");
    auto id = s->last_insert_id();
    if (!id) throw HostError(QT_ERR_NOT_FOUND, "the statement inserted no row with an id");
    *out = *id;
    return QT_OK;
  });
}

qt_status api_db_begin(qt_host* h) {
  return guarded(h, "db_begin", [&] {
    ThreadDb::current().begin(h->host->services().db);
    return QT_OK;
  });
}
qt_status api_db_commit(qt_host* h) {
  return guarded(h, "db_commit", [&] {
    try {
      ThreadDb::current().commit();
    } catch (const std::logic_error& e) {
      throw HostError(QT_ERR_STATE, e.what());
    }
    return QT_OK;
  });
}
qt_status api_db_rollback(qt_host* h) {
  return guarded(h, "db_rollback", [&] {
    try {
      ThreadDb::current().rollback();
    } catch (const std::logic_error& e) {
      throw HostError(QT_ERR_STATE, e.what());
    }
    return QT_OK;
  });
}

// ---- Events ----

qt_status api_event_publish(qt_host* h, qt_str topic, qt_str json) {
  return guarded(h, "event_publish", [&] {
    std::string t(sv(topic));
    if (!events::Bus::valid_topic(t) || t.rfind(h->name + ".", 0) != 0)
      throw HostError(QT_ERR_INVALID, "topic '" + t + "' must be '" + h->name + ".<what>' (a-z, 0-9, _ and dots)");
    boost::system::error_code ec;
    auto value = boost::json::parse(sv(json), ec);
    if (ec) throw HostError(QT_ERR_INVALID, "event payload is not valid JSON: " + ec.message());
    h->host->services().bus.publish(t, value);
    return QT_OK;
  });
}

qt_status api_event_subscribe(qt_host* h, qt_str topic, qt_event_fn fn, void* user) {
  return guarded(h, "event_subscribe", [&] {
    Plugin& p = plugin_of(h);
    if (!p.in_init) throw HostError(QT_ERR_STATE, "event_subscribe is only allowed during quartier_plugin_init");
    if (!fn) throw HostError(QT_ERR_INVALID, "callback is NULL");
    Plugin* pp = &p;
    try {
      p.host->services().bus.subscribe(std::string(sv(topic)), p.name,
                                       [pp, fn, user](std::string_view t, const boost::json::value& payload) {
                                         PluginCall call(*pp, false, "event " + std::string(t));
                                         if (!call.ok()) return;
                                         clear_last_error();
                                         auto text = boost::json::serialize(payload);
                                         qt_status st = fn(user, qs(t), qs(text));
                                         if (st != QT_OK)
                                           log::warn("plugin event callback failed",
                                                     {{"plugin", pp->name}, {"topic", t}, {"status", st},
                                                      {"reason", last_error()}});
                                       });
    } catch (const std::invalid_argument& e) {
      throw HostError(QT_ERR_INVALID, e.what());
    }
    return QT_OK;
  });
}

// ---- Jobs and timers ----

jobs::Scheduler::Job job_for(Plugin* p, qt_job_fn fn, void* user) {
  return [p, fn, user] {
    PluginCall call(*p, false, "timer");
    if (!call.ok()) return;  // stopped meanwhile: drop quietly
    clear_last_error();
    fn(user);
  };
}

qt_status api_job_post(qt_host* h, qt_job_fn fn, void* user) {
  return guarded(h, "job_post", [&] {
    if (!fn) throw HostError(QT_ERR_INVALID, "job function is NULL");
    if (h->state.load() == Plugin::State::stopping || h->state.load() == Plugin::State::stopped)
      throw HostError(QT_ERR_STATE, "the plugin is stopping");
    h->host->services().jobs->post(job_for(h, fn, user));
    return QT_OK;
  });
}

qt_status api_timer_after(qt_host* h, uint64_t delay_ms, qt_job_fn fn, void* user) {
  return guarded(h, "timer_after", [&] {
    if (!fn) throw HostError(QT_ERR_INVALID, "timer function is NULL");
    if (h->state.load() == Plugin::State::stopping || h->state.load() == Plugin::State::stopped)
      throw HostError(QT_ERR_STATE, "the plugin is stopping");
    h->host->services().jobs->after(std::chrono::milliseconds(delay_ms), job_for(h, fn, user));
    return QT_OK;
  });
}

qt_status api_timer_every(qt_host* h, qt_str name, uint64_t interval_ms, qt_job_fn fn, void* user) {
  return guarded(h, "timer_every", [&] {
    if (!fn) throw HostError(QT_ERR_INVALID, "timer function is NULL");
    if (interval_ms < 1000) throw HostError(QT_ERR_INVALID, "timer interval must be at least 1000 ms");
    if (!h->in_init && !h->in_start)
      throw HostError(QT_ERR_STATE, "timer_every is allowed during quartier_plugin_init and start() only");
    auto id = h->host->services().jobs->every(std::chrono::milliseconds(interval_ms),
                                              h->name + "." + std::string(sv(name)), job_for(h, fn, user));
    h->host->remember_timer(id);
    return QT_OK;
  });
}

// ---- Privacy export ----

qt_status api_export_set_json(qt_export* out, qt_str json) {
  if (!out) return QT_ERR_INVALID;
  boost::system::error_code ec;
  auto value = boost::json::parse(sv(json), ec);
  if (ec) {
    set_last_error("export_set_json: not valid JSON: " + ec.message());
    return QT_ERR_INVALID;
  }
  out->value = std::move(value);
  return QT_OK;
}

// The statements and transactions of the table (split off to keep make_host_api short).
void fill_database(qt_host_api& a) {
  a.db_dialect = api_db_dialect;
  a.db_prepare = api_db_prepare;
  a.stmt_finalize = api_stmt_finalize;
  a.stmt_bind_null = api_bind_null;
  a.stmt_bind_int64 = api_bind_int64;
  a.stmt_bind_double = api_bind_double;
  a.stmt_bind_text = api_bind_text;
  a.stmt_bind_blob = api_bind_blob;
  a.stmt_step = api_step;
  a.stmt_reset = api_reset;
  a.column_count = api_column_count;
  a.column_type = api_column_type;
  a.column_name = api_column_name;
  a.column_int64 = api_column_int64;
  a.column_double = api_column_double;
  a.column_text = api_column_text;
  a.column_blob = api_column_blob;
  a.stmt_changes = api_changes;
  a.stmt_last_insert_id = api_last_insert_id;
  a.db_begin = api_db_begin;
  a.db_commit = api_db_commit;
  a.db_rollback = api_db_rollback;
}

}  // namespace

qt_host_api make_host_api(const HostServices& services) {
  qt_host_api a{};
  a.size = sizeof a;
  a.abi_major = QT_ABI_MAJOR;
  a.abi_minor = QT_ABI_MINOR;
  a.log = api_log;
  a.last_error = api_last_error;
  a.config_json = api_config_json;
  a.config_get = api_config_get;
  a.route_add = api_route_add;
  a.req_method = api_req_method;
  a.req_path = api_req_path;
  a.req_param = api_req_param;
  a.req_query = api_req_query;
  a.req_header = api_req_header;
  a.req_body = api_req_body;
  a.req_user_id = api_req_user_id;
  a.req_role = api_req_role;
  a.req_language = api_req_language;
  a.res_status = api_res_status;
  a.res_header = api_res_header;
  a.res_body = api_res_body;
  a.res_error = api_res_error;
  fill_database(a);
  a.event_publish = api_event_publish;
  a.event_subscribe = api_event_subscribe;
  if (services.jobs) {
    a.job_post = api_job_post;
    a.timer_after = api_timer_after;
    a.timer_every = api_timer_every;
  }
  detail::fill_content_api(a, services);
  detail::fill_views_api(a, services);
  detail::fill_names_api(a, services);
  detail::fill_content_model_api(a, services);
  a.export_set_json = api_export_set_json;
  detail::fill_chelpers_api(a, services);
  detail::fill_jobs_api(a, services);
  detail::fill_files_api(a, services);
  detail::fill_files_read_api(a, services);
  detail::fill_live_api(a, services);
  detail::fill_markdown_api(a, services);
  return a;
}

}  // namespace qt::plugin_host
