// quartier/plugin.hpp - an optional, header-only C++20 layer over quartier/plugin.h.
//
// What it adds: lambdas as route handlers, RAII statements and transactions, exceptions instead
// of status codes inside the plugin, and a guard at every export: any exception that reaches a
// boundary is caught there. In a route handler, quartier::HttpError becomes that error response;
// any other exception becomes a 500 whose reason (what()) is logged. Nothing C++ ever crosses the
// ABI, so a plugin built with this header works with any compiler and standard library.
//
//   #include <quartier/plugin.hpp>
//   QUARTIER_PLUGIN("notes", "1.0.0") {
//     plugin.description("Notes for everyone");
//     plugin.migration("0001_notes.sql", "CREATE TABLE notes_items (id INTEGER PRIMARY KEY, text TEXT)");
//     plugin.get("/count", quartier::Access::public_, [](quartier::Request&, quartier::Response& res) {
//       quartier::Statement s("SELECT COUNT(*) FROM notes_items");
//       s.step();
//       res.json("{\"count\":" + std::to_string(s.int64(0)) + "}");
//     });
//   }
//
// Threading: the same rules as plugin.h. Handlers may run concurrently unless you call
// plugin.single_threaded(). Statements belong to the thread (and the callback) that made them.
#ifndef QUARTIER_PLUGIN_HPP
#define QUARTIER_PLUGIN_HPP

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "quartier/plugin.h"

namespace quartier {

// ---- The connection to the host (one per plugin library) ----

namespace detail {
inline const qt_host_api* g_api = nullptr;
inline qt_host* g_host = nullptr;
inline qt_str str(std::string_view s) { return qt_str{s.data(), s.size()}; }
inline std::string_view view(qt_str s) { return s.ptr ? std::string_view(s.ptr, s.len) : std::string_view(); }
}  // namespace detail

inline const qt_host_api& api() { return *detail::g_api; }
inline qt_host* host() { return detail::g_host; }

// A failed host call: the status and the host's reason.
class Error : public std::runtime_error {
 public:
  Error(qt_status status, const std::string& what) : std::runtime_error(what), status_(status) {}
  qt_status status() const { return status_; }

 private:
  qt_status status_;
};

inline void check(qt_status st, const char* what) {
  if (st < 0) throw Error(st, std::string(what) + ": " + std::string(detail::view(api().last_error(host()))));
}

// Throw from a handler to answer {"error":{"code","message"}} with this status (4xx/5xx).
// The message is shown to people: say what was wrong and what to do.
class HttpError : public std::runtime_error {
 public:
  HttpError(int status, std::string code, const std::string& message)
      : std::runtime_error(message), status_(status), code_(std::move(code)) {}
  int status() const { return status_; }
  const std::string& code() const { return code_; }

 private:
  int status_;
  std::string code_;
};

// ---- Logging ----

inline void log(int level, std::string_view message) noexcept {
  if (detail::g_api) api().log(host(), level, detail::str(message));
}
inline void log_debug(std::string_view m) noexcept { log(QT_LOG_DEBUG, m); }
inline void log_info(std::string_view m) noexcept { log(QT_LOG_INFO, m); }
inline void log_warn(std::string_view m) noexcept { log(QT_LOG_WARN, m); }
inline void log_error(std::string_view m) noexcept { log(QT_LOG_ERROR, m); }

// ---- Configuration: [plugins.<name>] ----

inline std::string_view config_json() { return detail::view(api().config_json(host())); }
inline std::optional<std::string_view> config(std::string_view key) {
  qt_str out{};
  if (api().config_get(host(), detail::str(key), &out) != QT_OK) return std::nullopt;
  return detail::view(out);
}

// ---- JSON text helper (for building small responses by hand) ----

inline std::string json_string(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          static const char hex[] = "0123456789abcdef";
          out += "\\u00";
          out += hex[(c >> 4) & 0xf];
          out += hex[c & 0xf];
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

// ---- Requests and responses (valid during the handler only) ----

enum class Access { public_ = QT_ACCESS_PUBLIC, user = QT_ACCESS_USER, staff = QT_ACCESS_STAFF,
                    moderator = QT_ACCESS_MODERATOR, admin = QT_ACCESS_ADMIN };

class Request {
 public:
  explicit Request(const qt_request* r) : r_(r) {}
  std::string_view method() const { return detail::view(api().req_method(r_)); }
  std::string_view path() const { return detail::view(api().req_path(r_)); }
  std::string_view body() const { return detail::view(api().req_body(r_)); }
  std::int64_t user_id() const { return api().req_user_id(r_); }
  int role() const { return api().req_role(r_); }  // QT_ROLE_*
  std::string_view language() const { return detail::view(api().req_language(r_)); }
  std::optional<std::string_view> param(std::string_view name) const { return get(api().req_param, name); }
  std::optional<std::string_view> query(std::string_view name) const { return get(api().req_query, name); }
  std::optional<std::string_view> header(std::string_view name) const { return get(api().req_header, name); }
  // A path parameter as a positive integer id; HttpError 400 otherwise.
  std::int64_t id_param(std::string_view name) const {
    auto v = param(name);
    std::int64_t id = 0;
    bool ok = v && !v->empty() && v->size() <= 18;
    if (ok)
      for (char c : *v) {
        if (c < '0' || c > '9') {
          ok = false;
          break;
        }
        id = id * 10 + (c - '0');
      }
    if (!ok || id <= 0) throw HttpError(400, "invalid_id", "The path parameter '" + std::string(name) + "' must be a positive number.");
    return id;
  }
  const qt_request* raw() const { return r_; }

 private:
  using Getter = qt_status (*)(const qt_request*, qt_str, qt_str*);
  std::optional<std::string_view> get(Getter g, std::string_view name) const {
    qt_str out{};
    if (g(r_, detail::str(name), &out) != QT_OK) return std::nullopt;
    return detail::view(out);
  }
  const qt_request* r_;
};

class Response {
 public:
  explicit Response(qt_response* r) : r_(r) {}
  Response& status(int code) {
    check(api().res_status(r_, code), "res_status");
    return *this;
  }
  Response& header(std::string_view name, std::string_view value) {
    check(api().res_header(r_, detail::str(name), detail::str(value)), "res_header");
    return *this;
  }
  Response& body(std::string_view content_type, std::string_view text) {
    check(api().res_body(r_, detail::str(content_type), detail::str(text)), "res_body");
    return *this;
  }
  Response& json(std::string_view json_text, int code = 200) {
    status(code);
    return body("application/json", json_text);
  }
  Response& error(int code, std::string_view error_code, std::string_view message) {
    check(api().res_error(r_, code, detail::str(error_code), detail::str(message)), "res_error");
    return *this;
  }
  qt_response* raw() const { return r_; }

 private:
  qt_response* r_;
};

using Handler = std::function<void(Request&, Response&)>;

// ---- Database: RAII statements and transactions ----

class Statement {
 public:
  explicit Statement(std::string_view sql) { check(api().db_prepare(host(), detail::str(sql), &s_), "db_prepare"); }
  ~Statement() { api().stmt_finalize(s_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement(Statement&& o) noexcept : s_(std::exchange(o.s_, nullptr)) {}

  Statement& bind(std::string_view name, std::nullptr_t) { return did(api().stmt_bind_null(s_, detail::str(name))); }
  Statement& bind(std::string_view name, std::int64_t v) { return did(api().stmt_bind_int64(s_, detail::str(name), v)); }
  Statement& bind(std::string_view name, int v) { return bind(name, static_cast<std::int64_t>(v)); }
  Statement& bind(std::string_view name, double v) { return did(api().stmt_bind_double(s_, detail::str(name), v)); }
  Statement& bind(std::string_view name, std::string_view v) { return did(api().stmt_bind_text(s_, detail::str(name), detail::str(v))); }
  Statement& bind(std::string_view name, const char* v) { return bind(name, std::string_view(v)); }
  Statement& bind(std::string_view name, const std::string& v) { return bind(name, std::string_view(v)); }
  Statement& bind_blob(std::string_view name, const void* data, std::size_t len) {
    return did(api().stmt_bind_blob(s_, detail::str(name), qt_bytes{static_cast<const std::uint8_t*>(data), len}));
  }
  template <class T>
  Statement& bind(std::string_view name, const std::optional<T>& v) {
    return v ? bind(name, *v) : bind(name, nullptr);
  }

  // true: a row is ready; false: finished. Throws Error on failure.
  bool step() {
    qt_status st = api().stmt_step(s_);
    check(st, "stmt_step");
    return st == QT_ROW;
  }
  // Runs a statement that returns no rows; returns rows changed.
  std::int64_t run() {
    while (step()) {
    }
    return changes();
  }
  void reset() { check(api().stmt_reset(s_), "stmt_reset"); }

  int columns() const { return api().column_count(s_); }
  int type(int i) const { return api().column_type(s_, i); }  // QT_TYPE_*
  bool is_null(int i) const { return type(i) == QT_TYPE_NULL; }
  std::string_view name(int i) const { return detail::view(api().column_name(s_, i)); }
  std::int64_t int64(int i) const { return api().column_int64(s_, i); }
  double real(int i) const { return api().column_double(s_, i); }
  std::string text(int i) const { return std::string(detail::view(api().column_text(s_, i))); }
  std::string blob(int i) const {
    qt_bytes b = api().column_blob(s_, i);
    return b.ptr ? std::string(reinterpret_cast<const char*>(b.ptr), b.len) : std::string();
  }
  std::optional<std::int64_t> optional_int64(int i) const { return is_null(i) ? std::nullopt : std::optional(int64(i)); }
  std::optional<std::string> optional_text(int i) const { return is_null(i) ? std::nullopt : std::optional(text(i)); }
  std::int64_t changes() const { return api().stmt_changes(s_); }
  std::optional<std::int64_t> last_insert_id() const {
    std::int64_t id = 0;
    if (api().stmt_last_insert_id(s_, &id) != QT_OK) return std::nullopt;
    return id;
  }
  qt_stmt* raw() const { return s_; }

 private:
  Statement& did(qt_status st) {
    check(st, "bind");
    return *this;
  }
  qt_stmt* s_ = nullptr;
};

// Begins on construction; rolls back on destruction unless commit() ran.
class Transaction {
 public:
  Transaction() { check(api().db_begin(host()), "db_begin"); }
  ~Transaction() {
    if (!done_) api().db_rollback(host());
  }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit() {
    done_ = true;
    check(api().db_commit(host()), "db_commit");
  }
  void rollback() {
    done_ = true;
    check(api().db_rollback(host()), "db_rollback");
  }

 private:
  bool done_ = false;
};

inline std::string_view dialect() { return detail::view(api().db_dialect(host())); }

// ---- Events, jobs, content, memberships, notifications ----

inline void publish(std::string_view topic, std::string_view json) {
  check(api().event_publish(host(), detail::str(topic), detail::str(json)), "event_publish");
}

namespace detail {
template <class T>
T* keep(T value) {  // callbacks live as long as the process (plugins are never unloaded)
  static std::deque<std::unique_ptr<T>> store;
  store.push_back(std::make_unique<T>(std::move(value)));
  return store.back().get();
}
inline void report(const char* where, const char* what) noexcept {
  try {
    log_error(std::string(where) + " failed: " + what);
  } catch (...) {
  }
}
inline void run_job(void* user) noexcept {
  auto* fn = static_cast<std::function<void()>*>(user);
  try {
    (*fn)();
  } catch (const std::exception& e) {
    report("job", e.what());
  } catch (...) {
    report("job", "unknown exception");
  }
}
inline void run_once(void* user) noexcept {
  std::unique_ptr<std::function<void()>> fn(static_cast<std::function<void()>*>(user));
  run_job(fn.get());
}
}  // namespace detail

// Runs fn soon on a job thread (any thread may call this).
inline void post(std::function<void()> fn) {
  auto* p = new std::function<void()>(std::move(fn));
  qt_status st = QT_HOST_HAS(detail::g_api, job_post) ? api().job_post(host(), detail::run_once, p) : QT_ERR_UNSUPPORTED;
  if (st != QT_OK) delete p;
  check(st, "job_post");
}
inline void after(std::uint64_t delay_ms, std::function<void()> fn) {
  auto* p = new std::function<void()>(std::move(fn));
  qt_status st = QT_HOST_HAS(detail::g_api, timer_after) ? api().timer_after(host(), delay_ms, detail::run_once, p) : QT_ERR_UNSUPPORTED;
  if (st != QT_OK) delete p;
  check(st, "timer_after");
}

struct Content {
  std::int64_t container_id = 0;
  std::int64_t author_id = 0;
  std::string kind, visibility = "members", title, summary, body;
  // ---- 1.2: content ---- (the members of qt_content since ABI 1.2; a 1.1 host ignores them)
  std::string card_json;        // JSON object for the card; "" = none / unchanged, "null" removes (update)
  bool markdown = false;        // the core renders body as Markdown to body_html
  int official = 0;             // create: 1 = official (staff author); update: 0 unchanged, 1 set, -1 remove
  std::int64_t created_at = 0;  // create only, imports: UTC ms in the past; 0 = now
  std::int64_t expires_at = 0;  // create: 0 = never; update: 0 = unchanged, -1 = never
  qt_content raw() const {
    return qt_content{sizeof(qt_content), container_id, author_id, detail::str(kind), detail::str(visibility),
                      detail::str(title), detail::str(summary), detail::str(body), detail::str(card_json),
                      markdown ? QT_BODY_MARKDOWN : QT_BODY_PLAIN, official, created_at, expires_at};
  }
};
inline std::int64_t create_content(const Content& c) {
  auto raw = c.raw();
  std::int64_t id = 0;
  check(QT_HOST_HAS(detail::g_api, content_create) ? api().content_create(host(), &raw, &id) : QT_ERR_UNSUPPORTED, "content_create");
  return id;
}
inline void update_content(std::int64_t id, const Content& c) {
  auto raw = c.raw();
  check(QT_HOST_HAS(detail::g_api, content_update) ? api().content_update(host(), id, &raw) : QT_ERR_UNSUPPORTED, "content_update");
}
inline void delete_content(std::int64_t id) {
  check(QT_HOST_HAS(detail::g_api, content_delete) ? api().content_delete(host(), id) : QT_ERR_UNSUPPORTED, "content_delete");
}
inline std::int64_t create_container(std::string_view kind, std::string_view name, std::string_view visibility,
                                     std::int64_t owner_id, std::string_view description = {}) {
  qt_container c{sizeof(qt_container), detail::str(kind), detail::str(name), detail::str(description),
                 detail::str(visibility), owner_id, 0};
  std::int64_t id = 0;
  check(QT_HOST_HAS(detail::g_api, container_create) ? api().container_create(host(), &c, &id) : QT_ERR_UNSUPPORTED, "container_create");
  return id;
}
inline void add_member(std::int64_t container, std::int64_t user, int role = QT_MEMBER_MEMBER) {
  check(QT_HOST_HAS(detail::g_api, member_add) ? api().member_add(host(), container, user, role) : QT_ERR_UNSUPPORTED, "member_add");
}
inline void set_member_role(std::int64_t container, std::int64_t user, int role) {
  check(QT_HOST_HAS(detail::g_api, member_set_role) ? api().member_set_role(host(), container, user, role) : QT_ERR_UNSUPPORTED, "member_set_role");
}
inline void remove_member(std::int64_t container, std::int64_t user) {
  check(QT_HOST_HAS(detail::g_api, member_remove) ? api().member_remove(host(), container, user) : QT_ERR_UNSUPPORTED, "member_remove");
}
// The person's QT_MEMBER_* role, or nullopt if not an active member.
inline std::optional<int> member_role(std::int64_t container, std::int64_t user) {
  int32_t role = 0;
  qt_status st = QT_HOST_HAS(detail::g_api, member_role) ? api().member_role(host(), container, user, &role) : QT_ERR_UNSUPPORTED;
  if (st == QT_ERR_NOT_FOUND) return std::nullopt;
  check(st, "member_role");
  return role;
}

// ---- since ABI 1.1: container changes, member walks, people's public basics ----

struct ContainerInfo {
  std::string kind, name, description, visibility;  // visibility "public" | "members" | "hidden"
  std::int64_t owner_id = 0;
  std::int64_t neighbourhood_id = 0;  // 0 = city-wide
  qt_container raw() const {
    return qt_container{sizeof(qt_container), detail::str(kind), detail::str(name), detail::str(description),
                        detail::str(visibility), owner_id, neighbourhood_id};
  }
};
inline std::int64_t create_container(const ContainerInfo& info) {
  auto c = info.raw();
  std::int64_t id = 0;
  check(QT_HOST_HAS(detail::g_api, container_create) ? api().container_create(host(), &c, &id) : QT_ERR_UNSUPPORTED, "container_create");
  return id;
}
// Name and visibility are kept when empty; description and neighbourhood are always set.
inline void update_container(std::int64_t id, const ContainerInfo& info) {
  auto c = info.raw();
  check(QT_HOST_HAS(detail::g_api, container_update) ? api().container_update(host(), id, &c) : QT_ERR_UNSUPPORTED, "container_update");
}
inline void delete_container(std::int64_t id) {
  check(QT_HOST_HAS(detail::g_api, container_delete) ? api().container_delete(host(), id) : QT_ERR_UNSUPPORTED, "container_delete");
}

struct Member {
  std::int64_t container_id = 0, user_id = 0;
  int role = QT_MEMBER_MEMBER;
  std::int64_t joined_at = 0;
};
namespace detail {
inline qt_status collect_member(void* user, const qt_member* m) noexcept {
  try {
    static_cast<std::vector<Member>*>(user)->push_back(Member{m->container_id, m->user_id, m->role, m->joined_at});
    return QT_OK;
  } catch (...) {
    return QT_ERR_INTERNAL;
  }
}
}  // namespace detail
// Active members of a container ordered by user id, after `after_user`, at most `limit`.
inline std::vector<Member> members(std::int64_t container, std::int64_t after_user = 0, int limit = 1000) {
  std::vector<Member> out;
  check(QT_HOST_HAS(detail::g_api, member_list)
            ? api().member_list(host(), container, after_user, limit, detail::collect_member, &out)
            : QT_ERR_UNSUPPORTED,
        "member_list");
  return out;
}
// The person's active memberships in this plugin's containers.
inline std::vector<Member> member_containers(std::int64_t user) {
  std::vector<Member> out;
  check(QT_HOST_HAS(detail::g_api, member_containers) ? api().member_containers(host(), user, detail::collect_member, &out)
                                                       : QT_ERR_UNSUPPORTED,
        "member_containers");
  return out;
}

struct User {
  std::int64_t id = 0;
  std::string display_name;
  std::int64_t neighbourhood_id = 0;  // 0 = none
  int role = QT_ROLE_RESIDENT;
  bool active = false;
  std::string language;    // since 1.2: "de", "en", ... ("" = the municipality's default)
  std::string department;  // since 1.2: staff's department, else ""
  std::int64_t residence_verified_at = 0;  // ABI 1.3 (help): UTC ms of the confirmed residence; 0 = not
};
namespace detail {
inline void copy_user(User& o, const qt_user* u) {
  o.id = u->id;
  o.display_name = std::string(view(u->display_name));
  o.neighbourhood_id = u->neighbourhood_id;
  o.role = u->role;
  o.active = u->active != 0;
  if (u->size >= offsetof(qt_user, department) + sizeof(qt_str)) {
    o.language = std::string(view(u->language));
    o.department = std::string(view(u->department));
  }
  if (u->size >= offsetof(qt_user, residence_verified_at) + sizeof(int64_t))  // ABI 1.3 (help)
    o.residence_verified_at = u->residence_verified_at;
}
}  // namespace detail
// The person's public basics, or nullopt for an unknown or deleted person.
inline std::optional<User> user(std::int64_t id) {
  User out;
  auto fn = [](void* p, const qt_user* u) noexcept -> qt_status {
    try {
      detail::copy_user(*static_cast<User*>(p), u);
    } catch (...) {
      return QT_ERR_INTERNAL;
    }
    return QT_OK;
  };
  qt_status st = QT_HOST_HAS(detail::g_api, user_get) ? api().user_get(host(), id, fn, &out) : QT_ERR_UNSUPPORTED;
  if (st == QT_ERR_NOT_FOUND) return std::nullopt;
  check(st, "user_get");
  return out;
}

// Open reports about items (and their comments) in a container this plugin created.
struct Report {
  std::int64_t id = 0;
  std::string target_type;  // "content" | "comment"
  std::int64_t target_id = 0, content_id = 0, subject_user_id = 0;
  std::string reason, details;
  std::int64_t created_at = 0;
};
inline std::vector<Report> reports(std::int64_t container) {
  std::vector<Report> out;
  auto fn = [](void* p, const qt_report* r) noexcept -> qt_status {
    try {
      static_cast<std::vector<Report>*>(p)->push_back(Report{r->id, std::string(detail::view(r->target_type)), r->target_id,
                                                              r->content_id, r->subject_user_id,
                                                              std::string(detail::view(r->reason)),
                                                              std::string(detail::view(r->details)), r->created_at});
      return QT_OK;
    } catch (...) {
      return QT_ERR_INTERNAL;
    }
  };
  check(QT_HOST_HAS(detail::g_api, report_list) ? api().report_list(host(), container, fn, &out) : QT_ERR_UNSUPPORTED,
        "report_list");
  return out;
}
// hide | unhide | delete | dismiss an item or comment in `container` (one of this plugin's), for `moderator`.
inline void moderate(std::int64_t container, std::int64_t moderator, std::string_view action, std::string_view target_type,
                     std::int64_t target, std::string_view reason) {
  check(QT_HOST_HAS(detail::g_api, moderate)
            ? api().moderate(host(), container, moderator, detail::str(action), detail::str(target_type), target,
                             detail::str(reason))
            : QT_ERR_UNSUPPORTED,
        "moderate");
}

struct Notification {
  std::int64_t user_id = 0;
  std::string kind, title, body, link;  // title and body in German (everyone's fallback)
  std::int64_t content_id = 0;
  std::int64_t actor_id = 0;
  bool urgent = false;
  std::string title_en, body_en;  // since 1.2: for recipients whose language is English
};
namespace detail {
inline qt_notification raw_notification(const Notification& n) {
  return qt_notification{sizeof(qt_notification), n.user_id,      str(n.kind),     str(n.title),
                         str(n.body),             str(n.link),    n.content_id,    n.actor_id,
                         n.urgent ? 1 : 0,        str(n.title),   str(n.title_en), str(n.body),
                         str(n.body_en)};
}
}  // namespace detail
inline void notify(const Notification& n) {
  auto raw = detail::raw_notification(n);
  check(QT_HOST_HAS(detail::g_api, notify) ? api().notify(host(), &raw) : QT_ERR_UNSUPPORTED, "notify");
}

// ---- 1.2: views ----

struct ContainerView {
  std::int64_t id = 0;
  std::string kind, owner, name, visibility;
  std::int64_t neighbourhood_id = 0;  // 0 = city-wide
  std::int64_t profile_user_id = 0;
};
// Any container, or nullopt for an unknown id.
inline std::optional<ContainerView> container(std::int64_t id) {
  ContainerView out;
  auto fn = [](void* p, const qt_container_info* c) noexcept -> qt_status {
    try {
      auto* o = static_cast<ContainerView*>(p);
      *o = ContainerView{c->id, std::string(detail::view(c->kind)), std::string(detail::view(c->owner)),
                         std::string(detail::view(c->name)), std::string(detail::view(c->visibility)),
                         c->neighbourhood_id, c->profile_user_id};
      return QT_OK;
    } catch (...) {
      return QT_ERR_INTERNAL;
    }
  };
  qt_status st = QT_HOST_HAS(detail::g_api, container_get) ? api().container_get(host(), id, fn, &out) : QT_ERR_UNSUPPORTED;
  if (st == QT_ERR_NOT_FOUND) return std::nullopt;
  check(st, "container_get");
  return out;
}

struct Neighbourhood {
  std::int64_t id = 0;
  std::string slug, name, polygon;  // polygon: GeoJSON text, "" = none
};
namespace detail {
inline qt_status collect_neighbourhood(void* p, const qt_neighbourhood* n) noexcept {
  try {
    static_cast<std::vector<Neighbourhood>*>(p)->push_back(
        Neighbourhood{n->id, std::string(view(n->slug)), std::string(view(n->name)), std::string(view(n->polygon))});
    return QT_OK;
  } catch (...) {
    return QT_ERR_INTERNAL;
  }
}
}  // namespace detail
inline std::vector<Neighbourhood> neighbourhoods() {
  std::vector<Neighbourhood> out;
  check(QT_HOST_HAS(detail::g_api, neighbourhood_list)
            ? api().neighbourhood_list(host(), detail::collect_neighbourhood, &out)
            : QT_ERR_UNSUPPORTED,
        "neighbourhood_list");
  return out;
}
// One neighbourhood, or nullopt for an unknown id.
inline std::optional<Neighbourhood> neighbourhood(std::int64_t id) {
  std::vector<Neighbourhood> out;
  qt_status st = QT_HOST_HAS(detail::g_api, neighbourhood_get)
                     ? api().neighbourhood_get(host(), id, detail::collect_neighbourhood, &out)
                     : QT_ERR_UNSUPPORTED;
  if (st == QT_ERR_NOT_FOUND) return std::nullopt;
  check(st, "neighbourhood_get");
  return out.empty() ? std::nullopt : std::optional<Neighbourhood>(out.front());
}
// The neighbourhood whose outline covers the point, or nullopt outside every outline.
inline std::optional<std::int64_t> neighbourhood_at(double lat, double lon) {
  std::int64_t id = 0;
  qt_status st = QT_HOST_HAS(detail::g_api, neighbourhood_at) ? api().neighbourhood_at(host(), lat, lon, &id)
                                                              : QT_ERR_UNSUPPORTED;
  if (st == QT_ERR_NOT_FOUND) return std::nullopt;
  check(st, "neighbourhood_at");
  return id;
}

inline bool can_read_content(std::int64_t user, std::int64_t content) {
  int32_t yes = QT_NO;
  check(QT_HOST_HAS(detail::g_api, can_read_content) ? api().can_read_content(host(), user, content, &yes)
                                                     : QT_ERR_UNSUPPORTED,
        "can_read_content");
  return yes == QT_YES;
}
inline bool can_read_container(std::int64_t user, std::int64_t container) {
  int32_t yes = QT_NO;
  check(QT_HOST_HAS(detail::g_api, can_read_container) ? api().can_read_container(host(), user, container, &yes)
                                                       : QT_ERR_UNSUPPORTED,
        "can_read_container");
  return yes == QT_YES;
}
// Whether either person blocks the other.
inline bool blocked(std::int64_t a, std::int64_t b) {
  int32_t yes = QT_NO;
  check(QT_HOST_HAS(detail::g_api, blocked) ? api().blocked(host(), a, b, &yes) : QT_ERR_UNSUPPORTED, "blocked");
  return yes == QT_YES;
}

struct UserQuery {
  std::int64_t neighbourhood_id = 0;  // 0 = any
  int role = 0;                       // QT_ROLE_*, 0 = any
  std::string department;             // "" = any
  std::int64_t after_id = 0;          // keyset: last id of the previous page
  int limit = 100;                    // 1..500
};
inline std::vector<User> users(const UserQuery& q) {
  std::vector<User> out;
  qt_user_query raw{sizeof(qt_user_query), q.neighbourhood_id, q.role, detail::str(q.department), q.after_id, q.limit};
  auto fn = [](void* p, const qt_user* u) noexcept -> qt_status {
    try {
      User one;
      detail::copy_user(one, u);
      static_cast<std::vector<User>*>(p)->push_back(std::move(one));
      return QT_OK;
    } catch (...) {
      return QT_ERR_INTERNAL;
    }
  };
  check(QT_HOST_HAS(detail::g_api, user_list) ? api().user_list(host(), &raw, fn, &out) : QT_ERR_UNSUPPORTED,
        "user_list");
  return out;
}

inline std::int64_t city_container() {
  std::int64_t id = 0;
  check(QT_HOST_HAS(detail::g_api, city_container) ? api().city_container(host(), &id) : QT_ERR_UNSUPPORTED,
        "city_container");
  return id;
}
inline std::int64_t neighbourhood_container(std::int64_t neighbourhood) {
  std::int64_t id = 0;
  check(QT_HOST_HAS(detail::g_api, neighbourhood_container) ? api().neighbourhood_container(host(), neighbourhood, &id)
                                                            : QT_ERR_UNSUPPORTED,
        "neighbourhood_container");
  return id;
}
// Sends text from one person to another in their direct conversation; returns its id.
inline std::int64_t start_conversation(std::int64_t from, std::int64_t to, std::string_view text) {
  std::int64_t id = 0;
  check(QT_HOST_HAS(detail::g_api, conversation_start)
            ? api().conversation_start(host(), from, to, detail::str(text), &id)
            : QT_ERR_UNSUPPORTED,
        "conversation_start");
  return id;
}
// Everyone in a neighbourhood (0 = the city), as a background job; n.user_id is ignored.
inline void notify_area(std::int64_t neighbourhood, const Notification& n) {
  auto raw = detail::raw_notification(n);
  check(QT_HOST_HAS(detail::g_api, notify_area) ? api().notify_area(host(), neighbourhood, &raw) : QT_ERR_UNSUPPORTED,
        "notify_area");
}
// An entry in the core's audit log, as "<plugin>.<action>"; details: a JSON object or "".
inline void audit(std::int64_t actor, std::string_view action, std::string_view target_type, std::int64_t target,
                  std::string_view details_json = {}) {
  check(QT_HOST_HAS(detail::g_api, audit_log)
            ? api().audit_log(host(), actor, detail::str(action), detail::str(target_type), target,
                              detail::str(details_json))
            : QT_ERR_UNSUPPORTED,
        "audit_log");
}

// ---- 1.2: content ----
// From at_ms (UTC ms; 0 = now, -1 = never) the item is out of the streams and search.
inline void expire_content(std::int64_t id, std::int64_t at_ms = 0) {
  check(QT_HOST_HAS(detail::g_api, content_expire) ? api().content_expire(host(), id, at_ms) : QT_ERR_UNSUPPORTED,
        "content_expire");
}
// The municipality's system account, the author of imported items.
inline std::int64_t system_author() {
  std::int64_t id = 0;
  check(QT_HOST_HAS(detail::g_api, system_author) ? api().system_author(host(), &id) : QT_ERR_UNSUPPORTED, "system_author");
  return id;
}

// ---- 1.3 (calendar): the core's write check ----
// Whether the person may post into the container by the core's rule (false for anonymous).
inline bool can_write_container(std::int64_t user, std::int64_t container) {
  int32_t yes = QT_NO;
  check(QT_HOST_HAS(detail::g_api, can_write_container) ? api().can_write_container(host(), user, container, &yes)
                                                        : QT_ERR_UNSUPPORTED,
        "can_write_container");
  return yes == QT_YES;
}

// ---- ABI 1.3 (files): big bodies, blobs, file answers, images ----
struct Blob {
  std::string key;  // SHA-256, hex
  std::uint64_t bytes = 0;
  std::string mime;  // sniffed from the content
};
namespace detail {
inline Blob blob_of(const qt_blob& b) { return Blob{b.key, b.bytes, b.mime}; }
inline qt_blob empty_blob() {
  qt_blob b{};
  b.size = sizeof b;
  return b;
}
}  // namespace detail
// The temporary file of a body_to_file route (upload_route): its path and size; nullopt elsewhere.
inline std::optional<std::pair<std::string, std::uint64_t>> body_file(const Request& req) {
  qt_str path{};
  std::uint64_t bytes = 0;
  if (!QT_HOST_HAS(detail::g_api, req_body_file) || api().req_body_file(req.raw(), &path, &bytes) != QT_OK) return std::nullopt;
  return std::make_pair(std::string(detail::view(path)), bytes);
}
// Moves an upload's file into the plugin's blob store.
inline Blob put_blob_file(std::string_view path) {
  auto b = detail::empty_blob();
  check(QT_HOST_HAS(detail::g_api, blob_put) ? api().blob_put(host(), detail::str(path), qt_bytes{}, &b) : QT_ERR_UNSUPPORTED,
        "blob_put");
  return detail::blob_of(b);
}
inline Blob put_blob_bytes(std::string_view bytes) {
  auto b = detail::empty_blob();
  const qt_bytes raw{reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()};
  check(QT_HOST_HAS(detail::g_api, blob_put) ? api().blob_put(host(), qt_str{}, raw, &b) : QT_ERR_UNSUPPORTED, "blob_put");
  return detail::blob_of(b);
}
// nullopt for an unknown key.
inline std::optional<Blob> stat_blob(std::string_view key) {
  auto b = detail::empty_blob();
  qt_status st = QT_HOST_HAS(detail::g_api, blob_stat) ? api().blob_stat(host(), detail::str(key), &b) : QT_ERR_UNSUPPORTED;
  if (st == QT_ERR_NOT_FOUND) return std::nullopt;
  check(st, "blob_stat");
  return detail::blob_of(b);
}
inline void remove_blob(std::string_view key) {
  check(QT_HOST_HAS(detail::g_api, blob_remove) ? api().blob_remove(host(), detail::str(key)) : QT_ERR_UNSUPPORTED, "blob_remove");
}
// Answers with a blob from disk (Range, If-None-Match, Content-Disposition); false for an unknown key.
inline bool send_blob(Response& res, std::string_view key, std::string_view content_type, std::string_view download_name,
                      bool inline_view) {
  qt_blob_reply r{sizeof(qt_blob_reply), detail::str(key), detail::str(content_type), detail::str(download_name),
                  inline_view ? 1 : 0};
  qt_status st = QT_HOST_HAS(detail::g_api, res_blob) ? api().res_blob(res.raw(), &r) : QT_ERR_UNSUPPORTED;
  if (st == QT_ERR_NOT_FOUND) return false;
  check(st, "res_blob");
  return true;
}
// Renders an image blob with the core's pipeline; nullopt (with the reason in *why) when the
// blob is no image the pipeline takes.
inline std::optional<Blob> render_image(std::string_view key, std::uint32_t max_side, bool square,
                                        std::string_view format = "webp", std::string* why = nullptr) {
  qt_image_spec spec{sizeof(qt_image_spec), max_side, square ? 1 : 0, detail::str(format)};
  auto b = detail::empty_blob();
  qt_status st = QT_HOST_HAS(detail::g_api, image_render) ? api().image_render(host(), detail::str(key), &spec, &b)
                                                          : QT_ERR_UNSUPPORTED;
  if (st == QT_ERR_INVALID) {
    if (why) *why = std::string(detail::view(api().last_error(host())));
    return std::nullopt;
  }
  check(st, "image_render");
  return detail::blob_of(b);
}

// ---- The plugin being set up (inside QUARTIER_PLUGIN { ... }) ----

class Plugin {
 public:
  Plugin(qt_plugin_descriptor* d) : d_(d) {}

  Plugin& description(std::string text) {
    d_->description = keep_string(std::move(text));
    return *this;
  }
  Plugin& depends_on(std::string name) {
    deps().push_back(keep_string(std::move(name)));
    return *this;
  }
  Plugin& single_threaded() {
    d_->threading = QT_THREADING_SINGLE;
    return *this;
  }
  // SQL built into the library; name "NNNN_what.sql" / ".sqlite.sql" / ".postgresql.sql".
  Plugin& migration(std::string name, std::string sql) {
    auto* m = detail::keep(qt_migration{sizeof(qt_migration), keep_string(std::move(name)), keep_string(std::move(sql))});
    migs().push_back(m);
    return *this;
  }
  Plugin& ui_module(std::string path) {
    d_->ui_module = keep_string(std::move(path));
    return *this;
  }

  // ---- 1.2: chelpers ----
  // Declares a key of [plugins.<name>] (qt_setting): the server refuses a section with other
  // keys or types, fills the default (JSON text, "" = none) and lists it in the admin API.
  Plugin& setting(std::string key, int32_t type, std::string default_json, std::string description_de,
                  std::string description_en, bool required = false, bool secret = false) {
    qt_setting s{sizeof(qt_setting), keep_string(std::move(key)), type,
                 default_json.empty() ? nullptr : keep_string(std::move(default_json)),
                 keep_string(std::move(description_de)), keep_string(std::move(description_en)),
                 required ? 1 : 0, secret ? 1 : 0};
    sets().push_back(detail::keep(s));
    return *this;
  }

  // lane: QT_LANE_HTTP, or QT_LANE_BLOCKING for a handler that may wait (ABI 1.2; a 1.1 host
  // ignores it and runs the handler on an HTTP thread).
  Plugin& route(std::string_view method, std::string_view pattern, Access access, Handler h,
                int32_t lane = QT_LANE_HTTP) {
    qt_route r{sizeof(qt_route), detail::str(method), detail::str(pattern), static_cast<int32_t>(access),
               &Plugin::handle, detail::keep(std::move(h)), lane, 0, 0};
    check(api().route_add(host(), &r), "route_add");
    return *this;
  }
  // ABI 1.3 (files): a route whose body (at most max_body_bytes) is streamed to a temporary
  // file (body_file()) instead of memory; the handler runs on the blocking lane.
  Plugin& upload_route(std::string_view method, std::string_view pattern, Access access, Handler h,
                       std::uint64_t max_body_bytes) {
    qt_route r{};
    r.size = sizeof r;
    r.method = detail::str(method);
    r.pattern = detail::str(pattern);
    r.access = static_cast<int32_t>(access);
    r.handler = &Plugin::handle;
    r.user = detail::keep(std::move(h));
    r.lane = QT_LANE_BLOCKING;
    r.max_body_bytes = max_body_bytes;
    r.body_to_file = 1;
    check(api().route_add(host(), &r), "route_add");
    return *this;
  }
  Plugin& get(std::string_view p, Access a, Handler h) { return route("GET", p, a, std::move(h)); }
  Plugin& post(std::string_view p, Access a, Handler h) { return route("POST", p, a, std::move(h)); }
  Plugin& put(std::string_view p, Access a, Handler h) { return route("PUT", p, a, std::move(h)); }
  Plugin& patch(std::string_view p, Access a, Handler h) { return route("PATCH", p, a, std::move(h)); }
  Plugin& del(std::string_view p, Access a, Handler h) { return route("DELETE", p, a, std::move(h)); }

  using EventHandler = std::function<void(std::string_view topic, std::string_view json)>;
  Plugin& subscribe(std::string_view topic, EventHandler h) {
    check(api().event_subscribe(host(), detail::str(topic), &Plugin::event, detail::keep(std::move(h))), "event_subscribe");
    return *this;
  }
  Plugin& every(std::string_view name, std::uint64_t interval_ms, std::function<void()> fn) {
    qt_status st = QT_HOST_HAS(detail::g_api, timer_every)
                       ? api().timer_every(host(), detail::str(name), interval_ms, detail::run_job, detail::keep(std::move(fn)))
                       : QT_ERR_UNSUPPORTED;
    check(st, "timer_every");
    return *this;
  }

  Plugin& on_start(std::function<void()> fn) {
    hooks().start = std::move(fn);
    d_->start = [](void*) -> qt_status { return guard("start", [] { if (hooks().start) hooks().start(); }); };
    return *this;
  }
  Plugin& on_stop(std::function<void()> fn) {
    hooks().stop = std::move(fn);
    d_->stop = [](void*) { guard("stop", [] { if (hooks().stop) hooks().stop(); }); };
    return *this;
  }
  Plugin& on_destroy(std::function<void()> fn) {
    hooks().destroy = std::move(fn);
    d_->destroy = [](void*) { guard("destroy", [] { if (hooks().destroy) hooks().destroy(); }); };
    return *this;
  }
  // Returns the person's data as JSON text.
  Plugin& on_export(std::function<std::string(std::int64_t user_id)> fn) {
    hooks().exporter = std::move(fn);
    d_->privacy_export = [](void*, int64_t user, qt_export* out) -> qt_status {
      return guard("privacy_export", [&] {
        auto json = hooks().exporter(user);
        check(api().export_set_json(out, detail::str(json)), "export_set_json");
      });
    };
    return *this;
  }
  // Deletes the person's rows; runs inside the core's deletion transaction.
  Plugin& on_erase(std::function<void(std::int64_t user_id)> fn) {
    hooks().eraser = std::move(fn);
    d_->privacy_erase = [](void*, int64_t user) -> qt_status {
      return guard("privacy_erase", [&] { hooks().eraser(user); });
    };
    return *this;
  }

  // Used by QUARTIER_PLUGIN: finishes the descriptor's arrays.
  void finish() {
    if (!deps().empty()) {
      deps().push_back(nullptr);
      d_->dependencies = deps().data();
    }
    if (!migs().empty()) {
      migs().push_back(nullptr);
      d_->migrations = migs().data();
    }
    if (!sets().empty()) {  // 1.2: chelpers
      sets().push_back(nullptr);
      d_->settings = sets().data();
    }
  }

  static qt_status handle(void* user, const qt_request* req, qt_response* res) noexcept {
    Request rq(req);
    Response rs(res);
    try {
      (*static_cast<Handler*>(user))(rq, rs);
      return QT_OK;
    } catch (const HttpError& e) {
      return api().res_error(res, e.status(), detail::str(e.code()), detail::str(e.what()));
    } catch (const std::exception& e) {
      detail::report("route handler", e.what());
    } catch (...) {
      detail::report("route handler", "unknown exception");
    }
    return QT_ERR_INTERNAL;  // the host answers 500 and logs it
  }

 private:
  struct Hooks {
    std::function<void()> start, stop, destroy;
    std::function<std::string(std::int64_t)> exporter;
    std::function<void(std::int64_t)> eraser;
  };
  static Hooks& hooks() {
    static Hooks h;
    return h;
  }
  static std::vector<const char*>& deps() {
    static std::vector<const char*> v;
    return v;
  }
  static std::vector<const qt_migration*>& migs() {
    static std::vector<const qt_migration*> v;
    return v;
  }
  static std::vector<const qt_setting*>& sets() {  // 1.2: chelpers
    static std::vector<const qt_setting*> v;
    return v;
  }
  static const char* keep_string(std::string s) { return detail::keep(std::move(s))->c_str(); }

  template <class F>
  static qt_status guard(const char* where, F&& f) noexcept {
    try {
      f();
      return QT_OK;
    } catch (const Error& e) {
      detail::report(where, e.what());
      return e.status();
    } catch (const std::exception& e) {
      detail::report(where, e.what());
    } catch (...) {
      detail::report(where, "unknown exception");
    }
    return QT_ERR_INTERNAL;
  }
  static qt_status event(void* user, qt_str topic, qt_str json) noexcept {
    return guard("event handler", [&] { (*static_cast<EventHandler*>(user))(detail::view(topic), detail::view(json)); });
  }

  qt_plugin_descriptor* d_;
};

namespace detail {
inline qt_status run_init(const qt_host_api* a, qt_host* h, qt_plugin_descriptor* d, const char* name,
                          const char* version, void (*setup)(Plugin&)) noexcept {
  g_api = a;
  g_host = h;
  d->abi_major = QT_ABI_MAJOR;
  d->abi_minor = QT_ABI_MINOR;
  d->name = name;
  d->version = version;
  d->threading = QT_THREADING_MULTI;
  try {
    Plugin p(d);
    setup(p);
    p.finish();
    return QT_OK;
  } catch (const Error& e) {
    report("init", e.what());
    return e.status();
  } catch (const std::exception& e) {
    report("init", e.what());
  } catch (...) {
    report("init", "unknown exception");
  }
  return QT_ERR_INTERNAL;
}
}  // namespace detail

// ---- 1.2: jobs ----
// Durable jobs, schedules and outbound HTTP (plugin.h, "1.2: jobs"). Check with
// QT_HOST_HAS(&api(), job_handler) on a host that may be older.

struct JobInfo {
  std::int64_t id;
  std::string_view name, payload, node;  // valid during the handler
  std::int64_t due_at;
  int attempt;
  bool periodic;
};
// Throw to fail the run: the exception's text becomes the job's last error (admins see it).
using JobHandler = std::function<void(const JobInfo&)>;

namespace detail {
inline qt_status run_durable(void* user, const qt_job_info* j) noexcept {
  JobInfo info{j->id, view(j->name), view(j->payload), view(j->node), j->due_at, j->attempt, j->periodic != 0};
  try {
    (*static_cast<JobHandler*>(user))(info);
    return QT_OK;
  } catch (const std::exception& e) {
    api().job_set_error(host(), str(e.what()));
  } catch (...) {
    api().job_set_error(host(), str("unknown exception"));
  }
  return QT_ERR_INTERNAL;
}
}  // namespace detail

// During init: binds fn to the job name.
inline void job_handler(std::string_view name, JobHandler fn) {
  check(api().job_handler(host(), detail::str(name), detail::run_durable, detail::keep(std::move(fn))), "job_handler");
}
// A durable one-off job; returns its id. run_at_ms 0 = now; max_attempts 0 = 5.
inline std::int64_t job_enqueue(std::string_view name, std::string_view payload_json = "{}", std::int64_t run_at_ms = 0,
                                int max_attempts = 0) {
  int64_t id = 0;
  check(api().job_enqueue(host(), detail::str(name), detail::str(payload_json), run_at_ms, max_attempts, &id),
        "job_enqueue");
  return id;
}
// During init or start: a durable schedule, once per interval in the cluster.
inline void schedule_every(std::string_view name, std::uint64_t interval_ms, std::string_view payload_json = "{}") {
  check(api().schedule_every(host(), detail::str(name), interval_ms, detail::str(payload_json)), "schedule_every");
}

struct FetchRequest {
  std::string method = "GET", url, headers, content_type, body, if_none_match, if_modified_since;
  std::uint32_t timeout_ms = 0, max_bytes = 0;  // 0 = 10 s, 1 MiB
  std::string user_agent_product;  // since ABI 1.4: appended to the core's User-Agent ("" = none)
};
struct FetchResponse {
  int status = 0;
  std::string body, content_type, etag, last_modified, headers;
};
// Blocking: in jobs and QT_LANE_BLOCKING routes only. Throws Error when no response came.
inline FetchResponse http_fetch(const FetchRequest& r) {
  qt_http_request rq{};
  rq.size = sizeof rq;
  rq.method = detail::str(r.method);
  rq.url = detail::str(r.url);
  rq.headers = detail::str(r.headers);
  rq.content_type = detail::str(r.content_type);
  rq.body = qt_bytes{reinterpret_cast<const uint8_t*>(r.body.data()), r.body.size()};
  rq.timeout_ms = r.timeout_ms;
  rq.max_bytes = r.max_bytes;
  rq.if_none_match = detail::str(r.if_none_match);
  rq.if_modified_since = detail::str(r.if_modified_since);
  rq.user_agent_product = detail::str(r.user_agent_product);
  FetchResponse out;
  auto copy = [](void* user, const qt_http_response* x) -> qt_status {
    auto& o = *static_cast<FetchResponse*>(user);
    o.status = x->status;
    o.body.assign(reinterpret_cast<const char*>(x->body.ptr), x->body.len);
    o.content_type = detail::view(x->content_type);
    o.etag = detail::view(x->etag);
    o.last_modified = detail::view(x->last_modified);
    o.headers = detail::view(x->headers);
    return QT_OK;
  };
  check(api().http_fetch(host(), &rq, copy, &out), "http_fetch");
  return out;
}

// ---- 1.2: names ----

// The name a person typed, cleaned by the core's rule (see text_clean_name in plugin.h); throws
// HttpError 400 with `code` and the core's explanation when it cannot be a name.
inline std::string clean_name(std::string_view raw, std::uint32_t min_chars, std::uint32_t max_chars,
                              const std::string& code) {
  if (!QT_HOST_HAS(detail::g_api, text_clean_name)) return std::string(raw);  // an older core
  qt_str out{};
  const qt_status st = api().text_clean_name(host(), detail::str(raw), min_chars, max_chars, &out);
  if (st == QT_ERR_INVALID) throw HttpError(400, code, std::string(detail::view(api().last_error(host()))));
  check(st, "text_clean_name");
  return std::string(detail::view(out));
}

// ---- 1.5: Markdown ----

// Markdown the plugin keeps itself, rendered to the sanitised HTML of a post (markdown_render in
// plugin.h). Throws HttpError 400 with `code` and the core's reason for text that is too long
// (QT_MARKDOWN_MAX_BYTES) or not UTF-8; Error(QT_ERR_UNSUPPORTED) on a core before ABI 1.5.
inline std::string render_markdown(std::string_view markdown, const std::string& code = "invalid_markdown") {
  if (!QT_HOST_HAS(detail::g_api, markdown_render))
    throw Error(QT_ERR_UNSUPPORTED, "markdown_render: this Quartier provides a plugin ABI older than 1.5");
  qt_str out{};
  const qt_status st = api().markdown_render(host(), detail::str(markdown), &out);
  if (st == QT_ERR_INVALID) throw HttpError(400, code, std::string(detail::view(api().last_error(host()))));
  check(st, "markdown_render");
  return std::string(detail::view(out));  // copied at once: the view lasts until the next host call
}

// Everyone the person blocks or is blocked by (blocked_users in plugin.h), ordered by id: one
// call to filter a page of authors. Error(QT_ERR_UNSUPPORTED) on a core before ABI 1.5.
inline std::vector<std::int64_t> blocked_users(std::int64_t user) {
  if (!QT_HOST_HAS(detail::g_api, blocked_users))
    throw Error(QT_ERR_UNSUPPORTED, "blocked_users: this Quartier provides a plugin ABI older than 1.5");
  std::vector<std::int64_t> out;
  auto add = [](void* u, int64_t id) -> qt_status {
    static_cast<std::vector<std::int64_t>*>(u)->push_back(id);
    return QT_OK;
  };
  check(api().blocked_users(host(), user, add, &out), "blocked_users");
  return out;
}

// ---- 1.6: reading blobs, answering with a file the plugin wrote ----

// A stored blob opened for reading (blob_open in plugin.h), closed with the object. Throws
// Error(QT_ERR_UNSUPPORTED) on a core before ABI 1.6; open() gives nullopt for an unknown key.
class BlobReader {
 public:
  static std::optional<BlobReader> open(std::string_view key) {
    if (!QT_HOST_HAS(detail::g_api, blob_open))
      throw Error(QT_ERR_UNSUPPORTED, "blob_open: this Quartier provides a plugin ABI older than 1.6");
    qt_blob_reader* r = nullptr;
    const qt_status st = api().blob_open(host(), detail::str(key), &r);
    if (st == QT_ERR_NOT_FOUND) return std::nullopt;
    check(st, "blob_open");
    return BlobReader(r);
  }
  BlobReader(BlobReader&& o) noexcept : r_(std::exchange(o.r_, nullptr)) {}
  BlobReader& operator=(BlobReader&& o) noexcept {
    std::swap(r_, o.r_);
    return *this;
  }
  BlobReader(const BlobReader&) = delete;
  BlobReader& operator=(const BlobReader&) = delete;
  ~BlobReader() {
    if (r_) api().blob_close(r_);
  }
  // Up to `cap` next bytes into buf; 0 only at the end.
  std::size_t read(void* buf, std::size_t cap) {
    std::size_t got = 0;
    check(api().blob_read(r_, static_cast<std::uint8_t*>(buf), cap, &got), "blob_read");
    return got;
  }

 private:
  explicit BlobReader(qt_blob_reader* r) : r_(r) {}
  qt_blob_reader* r_ = nullptr;
};

// A new empty file that belongs to this answer (res_tmp_file): write it, then send_file() it;
// the host removes it after sending, or when the handler returns without sending it.
inline std::string answer_file(Response& res) {
  if (!QT_HOST_HAS(detail::g_api, res_tmp_file))
    throw Error(QT_ERR_UNSUPPORTED, "res_tmp_file: this Quartier provides a plugin ABI older than 1.6");
  qt_str path{};
  check(api().res_tmp_file(res.raw(), &path), "res_tmp_file");
  return std::string(detail::view(path));
}
// Answers with a file of answer_file() from disk (res_file), then it is removed.
inline void send_file(Response& res, std::string_view path, std::string_view content_type, std::string_view download_name) {
  if (!QT_HOST_HAS(detail::g_api, res_file))
    throw Error(QT_ERR_UNSUPPORTED, "res_file: this Quartier provides a plugin ABI older than 1.6");
  const qt_file_reply r{sizeof(qt_file_reply), detail::str(path), detail::str(content_type), detail::str(download_name)};
  check(api().res_file(res.raw(), &r), "res_file");
}

}  // namespace quartier

// Defines both exports; the block that follows is the setup function, with `plugin` in scope.
#define QUARTIER_PLUGIN(NAME, VERSION)                                                                  \
  static void quartier_setup_(::quartier::Plugin& plugin);                                              \
  QT_PLUGIN_EXPORT const qt_plugin_version* quartier_plugin_version(void) {                             \
    static const qt_plugin_version v = QT_PLUGIN_VERSION_INIT(NAME, VERSION);                           \
    return &v;                                                                                          \
  }                                                                                                     \
  QT_PLUGIN_EXPORT qt_status quartier_plugin_init(const qt_host_api* api, qt_host* host,                \
                                                  qt_plugin_descriptor* desc) {                         \
    return ::quartier::detail::run_init(api, host, desc, NAME, VERSION, &quartier_setup_);              \
  }                                                                                                     \
  static void quartier_setup_([[maybe_unused]] ::quartier::Plugin& plugin)

#endif  // QUARTIER_PLUGIN_HPP
