/*
 * quartier/plugin.h - the stable C ABI between the Quartier core and its plugins.
 *
 * This is the only header a plugin needs. It is C99 and compiles warning-free as C
 * (-std=c99 -Wall -Wextra -pedantic) and as C++. Nothing but C types crosses the
 * boundary: fixed-width integers, {ptr, len} views, opaque handles and function pointers.
 *
 * ----------------------------------------------------------------------------------
 * The contract in short
 * ----------------------------------------------------------------------------------
 * Exports. A plugin exports exactly two functions (see QT_PLUGIN_EXPORT):
 *   const qt_plugin_version* quartier_plugin_version(void);
 *       Returns a pointer to a static, constant version block. It must have no side
 *       effects: the host (and `quartier plugins check FILE`) calls it before anything
 *       else and refuses the plugin, without calling any other code of it, if the ABI
 *       major differs from the core's or the minor is newer than the core's.
 *   qt_status quartier_plugin_init(const qt_host_api* api, qt_host* host,
 *                                  qt_plugin_descriptor* desc);
 *       Called once, after the version check, on the main thread. Keeps `api` and
 *       `host` (both valid until the process ends), fills `desc` and registers routes,
 *       event subscriptions and timers. Returns QT_OK or an error (the host then refuses
 *       the plugin and startup stops, logging api->last_error / the plugin's log lines).
 *
 * Versioning. QT_ABI_MAJOR changes only when something is removed or changed; a plugin
 *   built for another major is refused. Within a major, every struct and the host
 *   function table are append-only: new members go at the end, nothing is reordered,
 *   retyped or removed. Every struct that crosses starts with `uint32_t size` (set it to
 *   sizeof the struct you were compiled with). The receiver reads only the members that
 *   lie within both sizes and treats the others as absent (zero / NULL), so a plugin
 *   built against an older minor keeps loading on a newer core. Before calling a host
 *   function added after 1.0, check it with QT_HOST_HAS(api, member).
 *
 * Ownership. Whoever allocates frees; neither side ever frees the other's memory.
 *   - qt_str / qt_bytes handed OUT by the host are views into host memory, valid for
 *     the lifetime stated at the function (usually: until the plugin callback that
 *     received them returns). Copy them to keep them. They are NOT NUL-terminated
 *     unless stated.
 *   - qt_str / qt_bytes handed IN by the plugin are read during the call only; the host
 *     copies what it keeps. A plugin may pass views into its stack.
 *   - `const char*` members of the version block, the descriptor and qt_migration are
 *     NUL-terminated and must stay valid for the life of the process (string literals).
 *   - Handles (qt_stmt*) that a plugin obtains from the host are released with the
 *     matching host call (stmt_finalize). qt_request* / qt_response* / qt_export* are
 *     owned by the host and valid only during the callback that received them.
 *
 * Threading. Unless the descriptor says QT_THREADING_SINGLE, the host may call a
 *   plugin's handlers, event callbacks, jobs and hooks on any worker thread, several at
 *   once. With QT_THREADING_SINGLE the host serialises every call into the plugin
 *   (one at a time, any thread). Every host function may be called from any thread
 *   that is currently inside a host->plugin callback; `log` may be called from any
 *   thread at any time. Work done on a thread the plugin created itself must hop back
 *   through job_post before it calls other host functions.
 *
 * Errors. Host functions return qt_status: QT_OK (0) on success, QT_ROW/QT_DONE from
 *   stmt_step, a negative QT_ERR_* code on failure. On failure the host has already
 *   logged the reason; api->last_error(host) returns it (per thread, valid until the
 *   next host call on that thread). Plugin callbacks return qt_status too; anything
 *   but QT_OK from a handler becomes a 500 response with the reason logged. No C++
 *   exception may cross the boundary (quartier/plugin.hpp catches them for you).
 *
 * Symbols. Build plugins with -fvisibility=hidden; QT_PLUGIN_EXPORT marks the two
 *   exports. The core exports nothing to plugins: every host service is reached
 *   through the qt_host_api table.
 */
#ifndef QUARTIER_PLUGIN_H
#define QUARTIER_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ABI version of this header. */
#define QT_ABI_MAJOR 1
#define QT_ABI_MINOR 1

/* Names of the two exported symbols. */
#define QT_PLUGIN_VERSION_SYMBOL "quartier_plugin_version"
#define QT_PLUGIN_INIT_SYMBOL "quartier_plugin_init"

#if defined(__cplusplus)
#define QT_EXTERN_C extern "C"
#else
#define QT_EXTERN_C
#endif
#if defined(__GNUC__) || defined(__clang__)
#define QT_PLUGIN_EXPORT QT_EXTERN_C __attribute__((visibility("default")))
#else
#define QT_PLUGIN_EXPORT QT_EXTERN_C
#endif

/* ---------------------------------------------------------------------------------
 * Basic types
 * ------------------------------------------------------------------------------ */

/* A string view: UTF-8 bytes, not NUL-terminated unless stated. ptr may be NULL when
 * len is 0. Lifetime: see "Ownership" above and at each function. */
typedef struct qt_str {
  const char* ptr;
  size_t len;
} qt_str;

/* A byte view (blobs). Same rules as qt_str. */
typedef struct qt_bytes {
  const uint8_t* ptr;
  size_t len;
} qt_bytes;

/* Builds a qt_str from a string literal or NUL-terminated string (not from NULL). */
#define QT_STR(s) qt_str_from_cstr(s)
static inline qt_str qt_str_from_cstr(const char* s) {
  qt_str r;
  size_t n = 0;
  if (s) {
    while (s[n]) ++n;
  }
  r.ptr = s;
  r.len = n;
  return r;
}
/* Builds a qt_str from a pointer and a length. */
static inline qt_str qt_str_n(const char* p, size_t n) {
  qt_str r;
  r.ptr = p;
  r.len = n;
  return r;
}

/* Result of host functions and plugin callbacks. */
typedef int32_t qt_status;
#define QT_OK 0
#define QT_ROW 1  /* stmt_step: a row is ready to be read */
#define QT_DONE 2 /* stmt_step: the statement has finished */
#define QT_ERR_INVALID (-1)     /* bad argument (unknown bind name, malformed JSON, ...) */
#define QT_ERR_NOT_FOUND (-2)   /* no such header/parameter/key/row/member */
#define QT_ERR_DATABASE (-3)    /* the database refused the statement (constraint, syntax) */
#define QT_ERR_DENIED (-4)      /* the plugin may not do this (foreign content, ...) */
#define QT_ERR_STATE (-5)       /* not allowed now (route_add after init, commit without begin) */
#define QT_ERR_UNSUPPORTED (-6) /* this host does not offer the function or option */
#define QT_ERR_CONFLICT (-7)    /* already exists (member_add of a member, ...) */
#define QT_ERR_INTERNAL (-8)    /* anything else; the log says what */

/* Opaque handles. Never dereferenced by the plugin. */
typedef struct qt_host qt_host;         /* the host's record of this plugin; valid forever */
typedef struct qt_request qt_request;   /* an HTTP request; valid during the handler call */
typedef struct qt_response qt_response; /* the response being built; valid during the handler */
typedef struct qt_stmt qt_stmt;         /* a prepared statement; valid until stmt_finalize */
typedef struct qt_export qt_export;     /* a person's data export being assembled */

/* Log levels. */
#define QT_LOG_DEBUG 0
#define QT_LOG_INFO 1
#define QT_LOG_WARN 2
#define QT_LOG_ERROR 3

/* Who may call a route (checked by the core before the handler runs). */
#define QT_ACCESS_PUBLIC 0    /* anyone, also anonymous */
#define QT_ACCESS_USER 1      /* any logged-in person */
#define QT_ACCESS_STAFF 2     /* administration staff, moderators, admins */
#define QT_ACCESS_MODERATOR 3 /* moderators and admins */
#define QT_ACCESS_ADMIN 4     /* admins only */

/* The caller's role (req_role) and roles compare in this order. */
#define QT_ROLE_NONE 0 /* anonymous */
#define QT_ROLE_RESIDENT 1
#define QT_ROLE_STAFF 2
#define QT_ROLE_MODERATOR 3
#define QT_ROLE_ADMIN 4

/* Role of a person in a container (memberships). */
#define QT_MEMBER_NONE 0 /* not a member (member_role answers QT_ERR_NOT_FOUND) */
#define QT_MEMBER_MEMBER 1
#define QT_MEMBER_MODERATOR 2
#define QT_MEMBER_OWNER 3

/* Column types (column_type). */
#define QT_TYPE_NULL 0
#define QT_TYPE_INT64 1
#define QT_TYPE_DOUBLE 2
#define QT_TYPE_TEXT 3
#define QT_TYPE_BLOB 4

/* Threading model (descriptor.threading). */
#define QT_THREADING_MULTI 0  /* callbacks may run concurrently on any worker thread */
#define QT_THREADING_SINGLE 1 /* the host serialises every call into this plugin */

/* ---------------------------------------------------------------------------------
 * Exported version block
 * ------------------------------------------------------------------------------ */

/* Returned by quartier_plugin_version(): a pointer to static constant data.
 * The host copies it before use; it must never change. */
typedef struct qt_plugin_version {
  uint32_t size;       /* sizeof(qt_plugin_version) */
  uint16_t abi_major;  /* QT_ABI_MAJOR the plugin was built with */
  uint16_t abi_minor;  /* QT_ABI_MINOR the plugin was built with */
  const char* name;    /* plugin name: [a-z][a-z0-9_]{0,31}; must equal the file name */
  const char* version; /* plugin version, e.g. "1.2.0" */
} qt_plugin_version;

/* Fills a version block initialiser for this header:
 *   static const qt_plugin_version v = QT_PLUGIN_VERSION_INIT("hello_c", "1.0.0"); */
#define QT_PLUGIN_VERSION_INIT(name, version) \
  { sizeof(qt_plugin_version), QT_ABI_MAJOR, QT_ABI_MINOR, (name), (version) }

/* ---------------------------------------------------------------------------------
 * Structs passed from the plugin to the host (read during the call, copied)
 * ------------------------------------------------------------------------------ */

/* A migration built into the library. `name` follows the core's scheme:
 * "NNNN_what.sql" (both dialects), "NNNN_what.sqlite.sql" or "NNNN_what.postgresql.sql"
 * (one dialect; give both files for the same NNNN). The host applies pending ones in
 * version order, each in its own transaction, recorded under scope = plugin name. Never
 * edit a migration after release; add a new one. Plugin tables are prefixed with the
 * plugin name ("hello_c_notes"). Static lifetime. */
typedef struct qt_migration {
  uint32_t size;    /* sizeof(qt_migration) */
  const char* name; /* e.g. "0001_notes.sql" */
  const char* sql;  /* one or more ';'-separated statements */
} qt_migration;

/* A route handler: fill `res` through the res_* functions and return QT_OK. Any other
 * return value answers 500 (the reason goes to the log, not to the client). `user` is
 * the pointer given in qt_route. Runs on a worker thread (see Threading). */
typedef qt_status (*qt_handler_fn)(void* user, const qt_request* req, qt_response* res);

/* A route, registered with route_add during init. The full path is
 * /api/p/<plugin><pattern>; pattern starts with '/', segments in braces are parameters
 * ("/notes/{id}"), a last segment "{rest*}" takes the rest of the path.
 * An empty pattern "" or "/" is the plugin's root. */
typedef struct qt_route {
  uint32_t size;         /* sizeof(qt_route) */
  qt_str method;         /* "GET", "POST", "PUT", "PATCH", "DELETE" */
  qt_str pattern;        /* relative to /api/p/<plugin> */
  int32_t access;        /* QT_ACCESS_* */
  qt_handler_fn handler; /* required */
  void* user;            /* passed to handler unchanged */
} qt_route;

/* An event callback (event_subscribe). `json` is the payload, valid during the call.
 * Runs synchronously in the thread that published the event (keep it short; post a
 * job for slow work). The return value is logged if not QT_OK; it does not reach the
 * publisher. */
typedef qt_status (*qt_event_fn)(void* user, qt_str topic, qt_str json);

/* A background job or timer callback (job_post, timer_after, timer_every). */
typedef void (*qt_job_fn)(void* user);

/* A stream item the plugin owns (content_create / content_update). The core keeps
 * one row per item: container, author, kind, visibility, title, summary, body; the
 * plugin keeps its details in its own tables keyed by the returned content id. Comments,
 * reactions, reports, search and moderation then work on it without the plugin. */
typedef struct qt_content {
  uint32_t size;        /* sizeof(qt_content) */
  int64_t container_id; /* where it lives (create only; ignored by update) */
  int64_t author_id;    /* create: the author; update: the person editing (0 = the system) */
  qt_str kind;          /* plugin-defined kind, e.g. "event"; stored as "<plugin>.<kind>"
                           (create only) */
  qt_str visibility;    /* "members": whoever may read the container (default when empty);
                           "public": also anonymous visitors if the container is public */
  qt_str title;         /* plain text, may be empty */
  qt_str summary;       /* plain text for the stream and the search index, may be empty */
  qt_str body;          /* source text (plain or Markdown), may be empty */
} qt_content;

/* A container the plugin registers (a group, a project): content lives in it, and the
 * core keeps its memberships and checks read/write access itself. */
typedef struct qt_container {
  uint32_t size;      /* sizeof(qt_container) */
  qt_str kind;        /* plugin-defined kind, e.g. "group"; stored as "<plugin>.<kind>" */
  qt_str name;        /* display name */
  qt_str description; /* plain text, may be empty */
  qt_str visibility;  /* "public" (every signed-in person reads it), "members" (members
                         only, listed), "hidden" (members only, not listed) */
  int64_t owner_id;   /* person who becomes its first QT_MEMBER_OWNER; 0 = none */
  /* ---- since ABI 1.1 ---- */
  int64_t neighbourhood_id; /* the neighbourhood it belongs to; 0 = city-wide */
} qt_container;

/* A membership as member_list / member_containers report it (since ABI 1.1). */
typedef struct qt_member {
  uint32_t size;        /* sizeof(qt_member) of the host */
  int64_t container_id;
  int64_t user_id;
  int32_t role;         /* QT_MEMBER_MEMBER, QT_MEMBER_MODERATOR or QT_MEMBER_OWNER */
  int64_t joined_at;    /* UTC milliseconds when the membership was created */
} qt_member;

/* Called once per membership; return QT_OK to go on, anything else stops the walk (the host
 * function then returns QT_OK). `m` is valid during the call only. */
typedef qt_status (*qt_member_fn)(void* user, const qt_member* m);

/* What a plugin may know about a person (since ABI 1.1): the public profile basics, never
 * e-mail, real name or anything private. Views valid during the callback only. */
typedef struct qt_user {
  uint32_t size;            /* sizeof(qt_user) of the host */
  int64_t id;
  qt_str display_name;
  int64_t neighbourhood_id; /* 0 = none chosen */
  int32_t role;             /* QT_ROLE_RESIDENT ... QT_ROLE_ADMIN */
  int32_t active;           /* 1 = can sign in (status active), 0 = pending/disabled/suspended */
} qt_user;

typedef qt_status (*qt_user_fn)(void* user, const qt_user* u);

/* An open report about an item or a comment (since ABI 1.1), as report_list hands it to the
 * plugin so that the managers of a container can handle it. Who reported is not passed on.
 * Views valid during the callback only. */
typedef struct qt_report {
  uint32_t size;           /* sizeof(qt_report) of the host */
  int64_t id;
  qt_str target_type;      /* "content" or "comment" */
  int64_t target_id;       /* the item or the comment */
  int64_t content_id;      /* the item (for a comment: the item it belongs to) */
  int64_t subject_user_id; /* the author of what was reported */
  qt_str reason;           /* spam, abuse, hate, misinformation, illegal, privacy, other */
  qt_str details;          /* the reporter's free text, may be empty */
  int64_t created_at;
} qt_report;

typedef qt_status (*qt_report_fn)(void* user, const qt_report* r);

/* A notification to one person: stored, pushed live, mailed as the person chose. */
typedef struct qt_notification {
  uint32_t size;      /* sizeof(qt_notification) */
  int64_t user_id;    /* recipient */
  qt_str kind;        /* plugin-defined, e.g. "reply"; stored as "<plugin>.<kind>" */
  qt_str title;       /* short plain text in the recipient's language */
  qt_str body;        /* plain text, may be empty; never secrets */
  qt_str link;        /* path inside the web UI, e.g. "/p/help/42"; may be empty */
  int64_t content_id; /* related content item or 0; only delivered if the recipient may
                         read it */
  int64_t actor_id;   /* who caused it (0 = the system); never notifies the actor */
  int32_t urgent;     /* 1 = mail at once, whatever the person's digest setting */
} qt_notification;

/* ---------------------------------------------------------------------------------
 * The plugin descriptor: filled by quartier_plugin_init
 * ------------------------------------------------------------------------------ */

/* The host passes a zeroed descriptor with `size` set to the host's sizeof. The plugin
 * sets the members it knows (assigning a whole static descriptor is fine too: its
 * size member then tells the host how much it wrote). All pointers must stay valid for
 * the life of the process. Callbacks receive `state` unchanged. */
typedef struct qt_plugin_descriptor {
  uint32_t size;           /* sizeof(qt_plugin_descriptor) of the writer */
  uint16_t abi_major;      /* QT_ABI_MAJOR (must match the version block) */
  uint16_t abi_minor;      /* QT_ABI_MINOR (must match the version block) */
  const char* name;        /* must equal the version block's name */
  const char* version;     /* must equal the version block's version */
  const char* description; /* one sentence for operators and /api/meta; may be NULL */
  /* Names of plugins that must be enabled and started first; NULL-terminated array,
   * or NULL for none. */
  const char* const* dependencies;
  uint32_t threading; /* QT_THREADING_MULTI or QT_THREADING_SINGLE */
  /* Migrations, NULL-terminated array of pointers, or NULL for none. */
  const qt_migration* const* migrations;
  /* The UI module, relative to the plugin's ui folder (<plugins dir>/<name>/ui/),
   * e.g. "index.js"; served as /plugins/<name>/index.js. NULL = no UI. */
  const char* ui_module;
  void* state; /* passed to every lifecycle and privacy callback */

  /* Lifecycle. start: after every plugin is initialised and migrated, in dependency
   * order; an error stops startup. stop: at shutdown in reverse order, after the host
   * stopped routing to the plugin and drained its in-flight calls; stop timers and
   * threads here. destroy: last call ever, free `state`. Each may be NULL. Main thread. */
  qt_status (*start)(void* state);
  void (*stop)(void* state);
  void (*destroy)(void* state);

  /* Privacy. export: add the person's data held by this plugin with export_set_json
   * (a JSON value); called for GET /api/me/export. erase: delete or anonymise every row
   * of the person; called inside the core's transaction that deletes the account, and
   * every host statement the callback runs is part of that transaction (do not call
   * db_begin/db_commit). Returning an error rolls the whole deletion back. Each may be
   * NULL when the plugin holds no personal data. Any worker thread. */
  qt_status (*privacy_export)(void* state, int64_t user_id, qt_export* out);
  qt_status (*privacy_erase)(void* state, int64_t user_id);
} qt_plugin_descriptor;

/* ---------------------------------------------------------------------------------
 * The host function table
 * ------------------------------------------------------------------------------ */

/* Passed to quartier_plugin_init; valid (and unchanged) until the process ends.
 * Append-only within a major version. Unless stated otherwise, each function may be
 * called from any thread inside a host->plugin callback, is safe to call concurrently,
 * and its qt_str arguments are read during the call only. */
typedef struct qt_host_api {
  uint32_t size;      /* sizeof(qt_host_api) of the host */
  uint16_t abi_major; /* the host's QT_ABI_MAJOR */
  uint16_t abi_minor; /* the host's QT_ABI_MINOR */

  /* ---- Diagnostics ---- */

  /* Writes a structured log line tagged with the plugin name. Never log passwords,
   * tokens, cookies or message bodies. Any thread, any time. */
  void (*log)(qt_host* host, int32_t level, qt_str message);
  /* The reason of the last failed host call on this thread (empty if none). Valid until
   * the next host call on this thread. */
  qt_str (*last_error)(qt_host* host);

  /* ---- Configuration: the [plugins.<name>] section ---- */

  /* The whole section as a JSON object text ("{}" when absent). Valid forever. */
  qt_str (*config_json)(qt_host* host);
  /* One key of the section. Strings come unquoted; numbers, booleans, arrays and tables
   * as JSON text. QT_ERR_NOT_FOUND if the key is absent. *out valid forever. */
  qt_status (*config_get)(qt_host* host, qt_str key, qt_str* out);

  /* ---- Routes ---- */

  /* Registers a route under /api/p/<plugin>/. Only during quartier_plugin_init
   * (QT_ERR_STATE later). QT_ERR_INVALID for a malformed pattern, unknown method or
   * access, or a duplicate. The route answers 503 while the plugin is not running. */
  qt_status (*route_add)(qt_host* host, const qt_route* route);

  /* ---- Request accessors: views valid until the handler returns ---- */

  qt_str (*req_method)(const qt_request* req); /* "GET", ... */
  qt_str (*req_path)(const qt_request* req);   /* full decoded path, without query */
  /* Path parameter {name}. QT_ERR_NOT_FOUND if the route has no such parameter. */
  qt_status (*req_param)(const qt_request* req, qt_str name, qt_str* out);
  /* Query parameter, percent-decoded (first occurrence). QT_ERR_NOT_FOUND if absent. */
  qt_status (*req_query)(const qt_request* req, qt_str name, qt_str* out);
  /* Header by case-insensitive name. QT_ERR_NOT_FOUND if absent, and always for the
   * credentials the core keeps to itself: Cookie, Authorization, X-CSRF-Token. */
  qt_status (*req_header)(const qt_request* req, qt_str name, qt_str* out);
  qt_str (*req_body)(const qt_request* req);       /* raw body (may be empty) */
  int64_t (*req_user_id)(const qt_request* req);   /* 0 = anonymous */
  int32_t (*req_role)(const qt_request* req);      /* QT_ROLE_* */
  qt_str (*req_language)(const qt_request* req);   /* "de", "en", ... */

  /* ---- Response building: the host copies everything ---- */

  /* Sets the status (default 200). QT_ERR_INVALID outside 100..599. */
  qt_status (*res_status)(qt_response* res, int32_t status);
  /* Adds a header. QT_ERR_INVALID for names/values with control characters or for
   * headers the core owns (Set-Cookie, Content-Length, Content-Security-Policy, ...). */
  qt_status (*res_header)(qt_response* res, qt_str name, qt_str value);
  /* Sets the body and its Content-Type (e.g. "application/json"). */
  qt_status (*res_body)(qt_response* res, qt_str content_type, qt_str body);
  /* Answers with the core's error shape {"error":{"code","message"}}. The message is
   * shown to people: say what was wrong and what to do. */
  qt_status (*res_error)(qt_response* res, int32_t status, qt_str code, qt_str message);

  /* ---- Database: statements on the core's database (SQLite or PostgreSQL) ----
   * Write SQL that runs on both: bind every value as :name (never splice), use
   * RETURNING id for new ids, avoid '::' casts. Outside a transaction every statement
   * runs on its own (autocommit). Between db_begin and db_commit/db_rollback every
   * statement of this plugin on this thread runs in that transaction; statements still
   * open when the transaction ends can no longer be used (QT_ERR_STATE; finalize them).
   * A statement belongs to the thread and the callback that prepared it: finalize it
   * before the callback returns. Statements or a transaction still open when the
   * outermost callback returns are closed and rolled back by the host, which logs an
   * error naming the plugin. Errors of the SQL text may surface at db_prepare (SQLite)
   * or at the first stmt_step (PostgreSQL); treat both alike. */

  /* "sqlite" or "postgresql". Valid forever. */
  qt_str (*db_dialect)(qt_host* host);
  /* Prepares sql; *out receives a handle to pass to stmt_finalize. */
  qt_status (*db_prepare)(qt_host* host, qt_str sql, qt_stmt** out);
  /* Releases the statement (NULL is fine). */
  void (*stmt_finalize)(qt_stmt* stmt);
  /* Bind by name, without the colon: bind_int64(s, QT_STR("id"), 7) for ":id".
   * The host copies text and blobs. QT_ERR_INVALID for a name the SQL lacks. Bind
   * before the first stmt_step (or after stmt_reset). */
  qt_status (*stmt_bind_null)(qt_stmt* stmt, qt_str name);
  qt_status (*stmt_bind_int64)(qt_stmt* stmt, qt_str name, int64_t value);
  qt_status (*stmt_bind_double)(qt_stmt* stmt, qt_str name, double value);
  qt_status (*stmt_bind_text)(qt_stmt* stmt, qt_str name, qt_str value);
  qt_status (*stmt_bind_blob)(qt_stmt* stmt, qt_str name, qt_bytes value);
  /* Runs the statement / moves to the next row: QT_ROW, QT_DONE or an error. */
  qt_status (*stmt_step)(qt_stmt* stmt);
  /* Makes the statement runnable again; bindings stay. */
  qt_status (*stmt_reset)(qt_stmt* stmt);
  /* Columns of the current row (after QT_ROW). Index from 0. Views are valid until the
   * next stmt_step, stmt_reset or stmt_finalize. Integers, booleans and numbers that
   * fit are QT_TYPE_INT64 on both databases; BLOB/BYTEA is QT_TYPE_BLOB. Reading a
   * column as another type converts (text to number parses; NULL gives 0 / empty). */
  int32_t (*column_count)(qt_stmt* stmt);
  int32_t (*column_type)(qt_stmt* stmt, int32_t index);
  qt_str (*column_name)(qt_stmt* stmt, int32_t index);
  int64_t (*column_int64)(qt_stmt* stmt, int32_t index);
  double (*column_double)(qt_stmt* stmt, int32_t index);
  qt_str (*column_text)(qt_stmt* stmt, int32_t index);
  qt_bytes (*column_blob)(qt_stmt* stmt, int32_t index);
  /* Rows changed by the last run of an INSERT/UPDATE/DELETE. */
  int64_t (*stmt_changes)(qt_stmt* stmt);
  /* Id of the row the last run inserted (SQLite rowid; PostgreSQL lastval()). Prefer
   * "RETURNING id". QT_ERR_NOT_FOUND if none. */
  qt_status (*stmt_last_insert_id)(qt_stmt* stmt, int64_t* out);
  /* Transactions on this thread. begin inside a transaction nests (only the outermost
   * commit commits; a nested rollback makes the outer commit fail with QT_ERR_STATE
   * and roll back). Inside privacy_erase the core's transaction is already open. */
  qt_status (*db_begin)(qt_host* host);
  qt_status (*db_commit)(qt_host* host);
  qt_status (*db_rollback)(qt_host* host);

  /* ---- Events ---- */

  /* Publishes a JSON value to a topic ("<plugin>.<what>", e.g. "calendar.created");
   * subscribers run synchronously in this thread before it returns. QT_ERR_INVALID for
   * malformed JSON or a topic outside the plugin's prefix. */
  qt_status (*event_publish)(qt_host* host, qt_str topic, qt_str json);
  /* Subscribes to a topic (exact name, or a prefix ending in ".*", e.g. "groups.*").
   * Only during init. Topics are those other plugins publish and those core modules
   * document; subscribing to a topic nobody publishes is not an error. */
  qt_status (*event_subscribe)(qt_host* host, qt_str topic, qt_event_fn fn, void* user);

  /* ---- Core content: stream items this plugin owns ---- */

  /* Creates an item; *out_id receives the content id. QT_ERR_NOT_FOUND for an unknown
   * container, QT_ERR_INVALID for an unknown visibility. */
  qt_status (*content_create)(qt_host* host, const qt_content* item, int64_t* out_id);
  /* Updates title, summary, body and visibility of an item this plugin created (the old
   * values are kept as a revision). QT_ERR_DENIED for an item another owner made,
   * QT_ERR_NOT_FOUND for an unknown or deleted one. */
  qt_status (*content_update)(qt_host* host, int64_t content_id, const qt_content* item);
  /* Deletes an item this plugin created (soft delete: the row stays for comment threads
   * and reports, its text is cleared). Idempotent. QT_ERR_DENIED for another's item. */
  qt_status (*content_delete)(qt_host* host, int64_t content_id);

  /* ---- Containers and memberships ----
   * A plugin changes only the containers it created (QT_ERR_DENIED otherwise) and may
   * read memberships of any container. Like statements, these calls join the thread's
   * open transaction (db_begin) if there is one. */

  /* Creates a container; *out_id receives its id. QT_ERR_INVALID for an unknown
   * visibility. */
  qt_status (*container_create)(qt_host* host, const qt_container* c, int64_t* out_id);
  /* Adds a person with a QT_MEMBER_* role. QT_ERR_CONFLICT if already a member. */
  qt_status (*member_add)(qt_host* host, int64_t container_id, int64_t user_id, int32_t role);
  /* Changes a member's role. QT_ERR_NOT_FOUND if not a member. */
  qt_status (*member_set_role)(qt_host* host, int64_t container_id, int64_t user_id, int32_t role);
  /* Removes a member. QT_ERR_NOT_FOUND if not a member. */
  qt_status (*member_remove)(qt_host* host, int64_t container_id, int64_t user_id);
  /* The person's QT_MEMBER_* role in *out; QT_ERR_NOT_FOUND if not a member. */
  qt_status (*member_role)(qt_host* host, int64_t container_id, int64_t user_id, int32_t* out);

  /* ---- Background jobs and timers (run on the core's job threads) ---- */

  /* Runs fn(user) soon on a job thread. Any thread, also the plugin's own. */
  qt_status (*job_post)(qt_host* host, qt_job_fn fn, void* user);
  /* Runs fn(user) once after delay_ms. */
  qt_status (*timer_after)(qt_host* host, uint64_t delay_ms, qt_job_fn fn, void* user);
  /* Runs fn(user) every interval_ms (>= 1000) until the plugin stops. `name` shows in
   * logs. Only during init or start (QT_ERR_STATE otherwise). */
  qt_status (*timer_every)(qt_host* host, qt_str name, uint64_t interval_ms, qt_job_fn fn,
                           void* user);

  /* ---- Notifications ----
   * Stored in the thread's open transaction if there is one and pushed after it commits
   * (nothing is sent for a rollback). Returns QT_OK also when the core decided not to
   * notify (the recipient is the actor, blocks the actor, or may not read the item). */

  qt_status (*notify)(qt_host* host, const qt_notification* n);

  /* ---- Privacy export ---- */

  /* Sets this plugin's part of a data export to a JSON value (copied). Only inside
   * privacy_export. QT_ERR_INVALID for malformed JSON. */
  qt_status (*export_set_json)(qt_export* out, qt_str json);

  /* ================================ since ABI 1.1 ================================
   * Check each with QT_HOST_HAS before calling; like the container calls above, they join
   * the thread's open transaction (db_begin, privacy_erase) if there is one. */

  /* Changes a container this plugin created: name and visibility when non-empty,
   * description always (an empty one clears it), neighbourhood_id always (0 = city-wide)
   * when c->size covers it. kind and owner_id are ignored. QT_ERR_DENIED for another's
   * container, QT_ERR_NOT_FOUND for an unknown one, QT_ERR_INVALID for a bad visibility. */
  qt_status (*container_update)(qt_host* host, int64_t container_id, const qt_container* c);
  /* Deletes a container this plugin created with every content item in it (removed from
   * search first), their comments, reactions and reports, and all its memberships. Not
   * reversible: ask the person to confirm first. QT_ERR_NOT_FOUND / QT_ERR_DENIED as above. */
  qt_status (*container_delete)(qt_host* host, int64_t container_id);
  /* Walks the active members of any container ordered by user id, starting after
   * `after_user` (0 = from the start), at most `limit` (1..1000) of them. */
  qt_status (*member_list)(qt_host* host, int64_t container_id, int64_t after_user, int32_t limit,
                           qt_member_fn fn, void* user);
  /* Walks the person's active memberships in containers THIS plugin created, ordered by
   * container id. */
  qt_status (*member_containers)(qt_host* host, int64_t user_id, qt_member_fn fn, void* user);
  /* Calls fn once with the person's public basics. QT_ERR_NOT_FOUND for an unknown or
   * deleted person. */
  qt_status (*user_get)(qt_host* host, int64_t user_id, qt_user_fn fn, void* user);
  /* Walks the open reports about items (and their comments) in a container this plugin
   * created, oldest first, at most 500. QT_ERR_DENIED / QT_ERR_NOT_FOUND as container_update. */
  qt_status (*report_list)(qt_host* host, int64_t container_id, qt_report_fn fn, void* user);
  /* Moderates an item or comment in `container_id` (a container this plugin created), on behalf of
   * `moderator_id` (the plugin has checked that this person may: e.g. a QT_MEMBER_MODERATOR
   * of the container). action: "hide", "unhide", "delete" or "dismiss" (closes the reports
   * and lifts a hide the report threshold caused); a reason is required for hide and delete
   * and is shown to the author. Closes the open reports on the target, writes the core's
   * moderation log and notifies the author, exactly like the core's own moderation.
   * QT_ERR_INVALID for an unknown action or a missing reason, QT_ERR_NOT_FOUND for an
   * unknown or deleted target or one outside container_id, QT_ERR_DENIED for another's container. */
  qt_status (*moderate)(qt_host* host, int64_t container_id, int64_t moderator_id, qt_str action, qt_str target_type,
                        int64_t target_id, qt_str reason);
} qt_host_api;

/* True if the host table offers `member` (it may be older than this header). */
#define QT_HOST_HAS(api, member)                                                        \
  ((api)->size >= offsetof(qt_host_api, member) + sizeof((api)->member) && \
   (api)->member != NULL)

/* Signatures of the two exports. */
typedef const qt_plugin_version* (*qt_plugin_version_fn)(void);
typedef qt_status (*qt_plugin_init_fn)(const qt_host_api* api, qt_host* host,
                                       qt_plugin_descriptor* desc);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* QUARTIER_PLUGIN_H */
