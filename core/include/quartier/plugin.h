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
#define QT_ABI_MINOR 6

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
  /* ---- since ABI 1.2 ---- */
  int32_t lane;          /* QT_LANE_HTTP (0, the default) or QT_LANE_BLOCKING: where the
                            handler runs (see "1.2: jobs" below). Any value but
                            QT_LANE_BLOCKING means QT_LANE_HTTP: zero the struct (memset)
                            so that an unset member is 0. */
  /* ---- since ABI 1.3 (files) ---- */
  uint64_t max_body_bytes; /* this route's own body limit in bytes (e.g. 2 GiB for uploads);
                              0 = the server's [server] max_body_bytes. A body over it is
                              refused with 413 before (or while) it is read. */
  int32_t body_to_file;    /* 1 = the body is streamed to a temporary file in the plugin's
                              blob folder and never held in memory: read it with
                              req_body_file (req_body is then empty). The file is removed
                              when the handler returns unless blob_put took it. */
} qt_route;

/* An event callback (event_subscribe). `json` is the payload, valid during the call.
 * A plugin's event runs it synchronously in the thread that published it; a core event
 * (content.*, comment.*, membership.*, container.*, user.*) runs it on the core's event
 * thread after the change committed. Keep it short; post a job for slow work. The return
 * value is logged if not QT_OK; it never reaches the publisher. */
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
  /* ---- since ABI 1.2 ---- (see "1.2: content" above qt_host_api) */
  qt_str card_json;     /* structured data for the stream card: a JSON object of at most
                           QT_CARD_MAX_BYTES, returned as "card" on the stream card, the item
                           and search results (an event's date, a listing's price).
                           create: empty = none. update: empty = unchanged, "null" = remove. */
  int32_t body_format;  /* QT_BODY_PLAIN or QT_BODY_MARKDOWN: the core renders a Markdown body to
                           body_html with the sanitiser it uses for posts. update: applies to
                           the body passed with it. */
  int32_t official;     /* create: 1 = official (an answer by the administration), the author
                           must be staff or an admin (QT_ERR_DENIED otherwise). update: 0 =
                           unchanged, 1 = set (the item's author must be staff), -1 = remove. */
  int64_t created_at;   /* create only, for imports: UTC milliseconds, 0 = now; must not lie
                           in the future nor before 2000-01-01 (QT_ERR_INVALID). */
  int64_t expires_at;   /* UTC milliseconds from which the item leaves the streams (home,
                           neighbourhood, city, container, profile) and search; it stays readable
                           by link. create: 0 = never. update: 0 = unchanged, -1 = never. */
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
  /* ---- since ABI 1.2 ---- */
  qt_str language;          /* "de", "en", ...; empty = the municipality's default */
  qt_str department;        /* staff: their department of the administration; else empty */
  /* ---- ABI 1.3 (help): a confirmed residence, for trust rules ---- */
  int64_t residence_verified_at; /* UTC ms when the person confirmed living in their neighbourhood
                                    with a printed residence code (letter); 0 = not confirmed. Read it
                                    only when u->size covers it (an older host does not set it). */
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
  /* ---- since ABI 1.2 ---- */
  /* Title and body per language: the core picks the recipient's language ("en" gets the
   * English text, everyone else the German one). An empty title_de falls back to `title`,
   * an empty English text to the German one. */
  qt_str title_de;
  qt_str title_en;
  qt_str body_de;
  qt_str body_en;
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
  /* ---- since ABI 1.2 ---- */
  /* The keys of [plugins.<name>] this plugin reads: a NULL-terminated array of pointers, or
   * NULL (then the section is not checked). See qt_setting. */
  const struct qt_setting* const* settings;
} qt_plugin_descriptor;

/* ---- 1.2: views ---- */

/* A container as container_get reports it (any container, also the core's). Views valid during
 * the callback only. */
typedef struct qt_container_info {
  uint32_t size;            /* sizeof(qt_container_info) of the host */
  int64_t id;
  qt_str kind;              /* "city", "neighbourhood", "profile" or "<plugin>.<kind>" */
  qt_str owner;             /* "core" or the plugin that registered it */
  qt_str name;
  qt_str visibility;        /* "public", "members" or "hidden" */
  int64_t neighbourhood_id; /* 0 = city-wide */
  int64_t profile_user_id;  /* profile containers: whose profile; else 0 */
} qt_container_info;

typedef qt_status (*qt_container_info_fn)(void* user, const qt_container_info* c);

/* A neighbourhood (Quartier) with its outline. Views valid during the callback only. */
typedef struct qt_neighbourhood {
  uint32_t size; /* sizeof(qt_neighbourhood) of the host */
  int64_t id;
  qt_str slug;
  qt_str name;
  qt_str polygon; /* GeoJSON Polygon or MultiPolygon text (lon/lat); empty = no outline */
} qt_neighbourhood;

/* Return QT_OK to go on; anything else stops the walk (the host function returns QT_OK). */
typedef qt_status (*qt_neighbourhood_fn)(void* user, const qt_neighbourhood* n);

/* Which people user_list walks: every filter set to 0 / empty is ignored. */
typedef struct qt_user_query {
  uint32_t size;            /* sizeof(qt_user_query) of the plugin */
  int64_t neighbourhood_id; /* 0 = any */
  int32_t role;             /* QT_ROLE_RESIDENT..QT_ROLE_ADMIN; 0 = any */
  qt_str department;        /* exact department; empty = any */
  int64_t after_id;         /* keyset: the last id of the previous page; 0 = from the start */
  int32_t limit;            /* 1..500 */
} qt_user_query;

/* Answers of the read checks (can_read_content, can_read_container, blocked). */
#define QT_NO 0
#define QT_YES 1
/* ---- 1.2: chelpers ---- */

/* The kind of a JSON value in a request body (json_get_type). */
#define QT_JSON_NULL 1
#define QT_JSON_BOOL 2
#define QT_JSON_NUMBER 3
#define QT_JSON_STRING 4
#define QT_JSON_ARRAY 5
#define QT_JSON_OBJECT 6

/* A JSON document being written (json_writer_new, res_json_writer). Opaque. */
typedef struct qt_json_writer qt_json_writer;

/* The type of a declared setting (qt_setting.type). */
#define QT_SETTING_STRING 1 /* a TOML string */
#define QT_SETTING_INT 2    /* a TOML integer */
#define QT_SETTING_BOOL 3   /* true or false */
#define QT_SETTING_LIST 4   /* an array of strings */

/* One key of the plugin's [plugins.<name>] section (descriptor.settings, since ABI 1.2).
 * The server refuses to start, and `quartier check-config` reports, when the section has a
 * key no setting declares, a value of another type, or lacks a required key; the message
 * names the plugin, the key and the expected type. Declared defaults fill absent keys, so
 * config_get and config_json see them from start() on (during init only the file's keys).
 * The admin API (GET /api/admin/plugins/settings) lists each setting with its current value,
 * "(hidden)" for secret ones. All strings NUL-terminated, static lifetime. */
typedef struct qt_setting {
  uint32_t size;              /* sizeof(qt_setting) */
  const char* key;            /* [a-z][a-z0-9_]*, e.g. "greeting" */
  int32_t type;               /* QT_SETTING_* */
  const char* default_json;   /* the default as JSON text ("\"Moin\"", "10", "true", "[]");
                                 NULL = no default */
  const char* description_de; /* one sentence for operators, German */
  const char* description_en; /* the same in English */
  int32_t required;           /* 1 = the section must set it (default_json is then ignored) */
  int32_t secret;             /* 1 = never shown (API keys, passwords) */
} qt_setting;

/* ---- 1.2: jobs ---- */

/* Where a route's handler runs (qt_route.lane, since ABI 1.2).
 * QT_LANE_HTTP: on the server's few HTTP I/O threads. Quick handlers only: a handler that
 *   waits (on another server, a slow query, a file) holds up every other request there.
 *   Blocking host calls (http_fetch) answer QT_ERR_STATE on these threads.
 * QT_LANE_BLOCKING: on the core's pool for slow requests, off the I/O threads. The handler
 *   may wait and may call http_fetch. The pool admits a bounded number of requests at once;
 *   beyond that the core answers 503 with Retry-After itself. */
#define QT_LANE_HTTP 0
#define QT_LANE_BLOCKING 1

/* What a durable job's handler is told about the run (job_handler). Views valid during the
 * callback only. */
typedef struct qt_job_info {
  uint32_t size;      /* sizeof(qt_job_info) of the host */
  int64_t id;         /* the job's row (also in GET /api/admin/jobs) */
  qt_str name;        /* the name the plugin registered, without the "<plugin>." prefix */
  qt_str payload;     /* the JSON text given to job_enqueue / schedule_every */
  int64_t due_at;     /* UTC ms the run was due: for a schedule, the slot of the interval */
  int32_t attempt;    /* 1 for the first try of this run, 2 for the first retry, ... */
  int32_t periodic;   /* 1 = a schedule_every run, 0 = a job_enqueue job */
  qt_str node;        /* the server process that runs it (host name:pid), for logs */
} qt_job_info;

/* A durable job handler. Return QT_OK when the work is done. Anything else is a failure:
 * the host keeps the reason (job_set_error, else the thread's last host error) as the job's
 * last error and retries with exponential backoff (1 s, 2 s, 4 s, ... at most 1 h) until the
 * job's max_attempts; then a one-off job is marked failed (an admin can retry it in the admin
 * UI) and a schedule waits for its next interval. Runs on a core job thread, never on an HTTP
 * thread, so it may block (http_fetch). A run may be repeated after a crash (at least once):
 * make handlers idempotent. */
typedef qt_status (*qt_job_handler_fn)(void* user, const qt_job_info* job);

/* An outbound HTTP request (http_fetch). Read during the call only. */
typedef struct qt_http_request {
  uint32_t size;            /* sizeof(qt_http_request) */
  qt_str method;            /* "GET" (default when empty), "POST", "PUT", "PATCH", "DELETE", "HEAD" */
  qt_str url;               /* http:// or https:// URL; its host must be in http_allow */
  qt_str headers;           /* extra request headers, "Name: value" lines separated by "\n";
                               may be empty. User-Agent and Host are the core's. */
  qt_str content_type;      /* of the body (POST/PUT/PATCH); empty = none sent */
  qt_bytes body;            /* request body, may be empty */
  uint32_t timeout_ms;      /* whole transfer; 0 = 10000; at most 120000 */
  uint32_t max_bytes;       /* largest response body; 0 = 1 MiB; at most 64 MiB */
  qt_str if_none_match;     /* an ETag from an earlier response: a 304 answers "unchanged" */
  qt_str if_modified_since; /* a Last-Modified from an earlier response (HTTP date) */
  /* ---- since ABI 1.4 ---- */
  qt_str user_agent_product; /* the plugin's own product tokens, appended to the core's
                                User-Agent after a space so the other side can tell which
                                plugin calls: "quartier-participation/1.0 meinBerlin-bridge"
                                gives "Quartier/<version> (+<public_url>) quartier-participation/1.0
                                meinBerlin-bridge". Empty = the core's alone. At most
                                QT_USER_AGENT_PRODUCT_MAX bytes of printable ASCII (0x20..0x7E),
                                not starting or ending with a space; anything else answers
                                QT_ERR_INVALID (last_error says what was wrong). A host older than
                                1.4 ignores it (it reads only the members within its size). */
} qt_http_request;

/* The longest qt_http_request.user_agent_product, in bytes (since ABI 1.4). */
#define QT_USER_AGENT_PRODUCT_MAX 128

/* The answer of http_fetch: views valid during the callback only. */
typedef struct qt_http_response {
  uint32_t size;        /* sizeof(qt_http_response) of the host */
  int32_t status;       /* HTTP status: 200, 304 (validators matched, body empty), 404, ... */
  qt_bytes body;        /* the body (at most max_bytes) */
  qt_str content_type;  /* Content-Type header, empty if none */
  qt_str etag;          /* ETag header, empty if none: pass as if_none_match next time */
  qt_str last_modified; /* Last-Modified header, empty if none */
  qt_str headers;       /* every response header as "name: value\n" lines, names lower-case */
} qt_http_response;

typedef qt_status (*qt_http_fn)(void* user, const qt_http_response* response);

/* ---------------------------------------------------------------------------------
 * The host function table
 * ------------------------------------------------------------------------------ */

/* ---- 1.2: content ---- */

/* qt_content.body_format: how the core treats the body. */
#define QT_BODY_PLAIN 0    /* plain text; body_html stays empty */
#define QT_BODY_MARKDOWN 1 /* Markdown, rendered and sanitised to body_html like a post */

/* The largest qt_content.card_json, in bytes of the JSON text. */
#define QT_CARD_MAX_BYTES 4096

/* ---- ABI 1.3 (files): big bodies, blobs, file answers, images ----
 * A plugin's blob store is the folder [plugins.<name>] dir (default: next to [media] dir,
 * named after the plugin: "data/<name>"). Blobs are named by the SHA-256 of their content
 * (64 lower-case hex digits, the "key"), written atomically, never named after an upload;
 * the same content is stored once. The plugin keeps keys in its own tables and removes a
 * blob when no row refers to it any more. */

/* What blob_put / blob_stat / image_render report (the host fills up to out->size). */
typedef struct qt_blob {
  uint32_t size;   /* sizeof(qt_blob) of the plugin: set it before the call */
  char key[65];    /* SHA-256, hex, NUL-terminated */
  uint64_t bytes;  /* size of the content */
  char mime[96];   /* the type libmagic reads from the content (never from a name), NUL-
                      terminated, e.g. "image/png", "application/pdf" */
} qt_blob;

/* A blob sent as the answer (res_blob). The host answers Range with 206 (one range; 416
 * outside the file), If-None-Match with 304 (the ETag is the key), HEAD without a body, and
 * sends the file from disk without reading it into memory. */
typedef struct qt_blob_reply {
  uint32_t size;        /* sizeof(qt_blob_reply) */
  qt_str key;           /* the blob */
  qt_str content_type;  /* empty = the sniffed type */
  qt_str download_name; /* the person's file name for Content-Disposition (UTF-8); empty = none */
  int32_t inline_view;  /* 1 = shown in the browser where the type is safe to (images but
                           SVG, PDF, plain text, audio, video); otherwise always a download */
} qt_blob_reply;

/* What image_render makes of an image blob, with the core's pipeline for avatars: the type
 * sniffed (JPEG, PNG, WebP, GIF), the pixel count checked from the header before anything is
 * decoded ([media] max_pixels), turned upright, scaled, and re-encoded from the pixels alone,
 * so no metadata (EXIF, GPS, XMP, comments) survives. */
typedef struct qt_image_spec {
  uint32_t size;      /* sizeof(qt_image_spec) */
  uint32_t max_side;  /* the longer side of the result in pixels (16..4096) */
  int32_t square;     /* 1 = cropped square around the centre (thumbnails), 0 = whole picture */
  qt_str format;      /* "webp" (default when empty) or "jpeg" */
} qt_image_spec;
/* ---- ABI 1.3 (video): live WebSocket endpoints, rooms, guests, page policies ----
 *
 * A plugin registers WebSocket endpoints under /api/p/<plugin>/ (ws_add). Every open socket is
 * a connection with an id (uint64_t, unique in the cluster, at most 2^52 so it fits a JavaScript
 * number) that the plugin may send to (ws_send), close with a reason (ws_close) and put into
 * rooms (ws_join); ws_send_room reaches every connection of a room on every node. With several
 * nodes on one PostgreSQL, sends to a connection or a room on another node travel through the
 * core's live relay (LISTEN/NOTIFY): a text over about 7 KB then reaches this node only (logged).
 *
 * Guests without an account: a route issues a guest token (guest_issue: a display name, signed
 * by the server, short-lived); the browser opens the socket with ?guest=<token>; the host checks
 * the signature and expiry before on_open and refuses the upgrade with 401 (code
 * "guest_token_invalid" or "guest_token_expired") otherwise. A token is valid only for the
 * plugin that issued it and on every node of the cluster.
 *
 * The upgrade is refused with 403 "foreign_origin" when its Origin is not this server (the
 * core's gate), before the plugin sees it. */

/* Who opened a connection (on_open). Views valid during on_open only. */
typedef struct qt_ws_peer {
  uint32_t size;         /* sizeof(qt_ws_peer) of the host */
  uint64_t conn;         /* the new connection's id */
  int64_t user_id;       /* the signed-in person, 0 = none */
  int32_t role;          /* QT_ROLE_* (QT_ROLE_NONE for guests) */
  qt_str guest_id;       /* from a valid ?guest= token: "g" + 22 characters, else empty */
  qt_str guest_name;     /* the name the guest gave (cleaned), else empty */
  qt_str client_address; /* the client's IP address (behind trusted proxies: the forwarded one),
                            for rate limits; never store it */
  qt_str language;       /* "de", "en", ... */
} qt_ws_peer;

/* Decides on a new connection, before the socket is accepted: return QT_OK to accept; anything
 * else refuses the upgrade with the error the plugin wrote into `refusal` (res_error /
 * res_error_ex; without one a 403). `req` gives the query (req_query), headers and language of
 * the upgrade request. Sends and joins for peer->conn are allowed here: what is sent is
 * delivered once the socket is open. On a refusal the connection is forgotten (no on_close). */
typedef qt_status (*qt_ws_open_fn)(void* user, const qt_ws_peer* peer, const qt_request* req, qt_response* refusal);
/* A text frame from the client (at most 64 KiB; binary frames are not delivered). Frames of one
 * connection arrive one at a time, in order, on a server I/O thread: keep it quick. Anything but
 * QT_OK closes the connection with 1011 (the reason logged). */
typedef qt_status (*qt_ws_message_fn)(void* user, uint64_t conn, qt_str text);
/* The connection has closed (client, ws_close, server stop); it has left all its rooms already. */
typedef void (*qt_ws_close_fn)(void* user, uint64_t conn);

/* A WebSocket endpoint (ws_add). */
typedef struct qt_ws_endpoint {
  uint32_t size;          /* sizeof(qt_ws_endpoint) of the plugin */
  qt_str path;            /* under /api/p/<plugin>, e.g. "/signal" (exact match; the query is free) */
  int32_t access;         /* QT_ACCESS_PUBLIC: anyone (guests, signed in or not; the plugin decides in
                             on_open) or QT_ACCESS_USER: signed-in people only (401 for others) */
  qt_ws_open_fn on_open;  /* required */
  qt_ws_message_fn on_message; /* may be NULL (frames ignored) */
  qt_ws_close_fn on_close;     /* may be NULL */
  void* user;             /* passed to the three callbacks */
} qt_ws_endpoint;

/* A guest identity (guest_check). Views valid until the next host call on this thread. */
typedef struct qt_guest {
  uint32_t size;       /* sizeof(qt_guest) of the plugin */
  qt_str guest_id;     /* "g" + 22 characters, stable for the token */
  qt_str name;         /* the display name */
  int64_t expires_at;  /* UTC milliseconds */
} qt_guest;

/* Features a page may use (qt_page_policy.features). */
#define QT_PAGE_CAMERA 1u
#define QT_PAGE_MICROPHONE 2u
#define QT_PAGE_DISPLAY_CAPTURE 4u

/* Pages of the web UI under `path` get a Permissions-Policy that allows these features for this
 * origin, and connect_src added to their Content-Security-Policy; every other page keeps camera
 * and microphone off (camera=(), microphone=()). The web UI is one page app: the browser applies
 * the policy of the document it loaded, so link to such a page with a full page load. */
typedef struct qt_page_policy {
  uint32_t size;       /* sizeof(qt_page_policy) of the plugin */
  qt_str path;         /* a path prefix of web UI pages: starts with "/", not "/api" or "/plugins",
                          at least 2 characters, e.g. "/video/room/" */
  uint32_t features;   /* QT_PAGE_* or'ed; at least one */
  qt_str connect_src;  /* extra CSP connect-src sources separated by spaces, each a "stun:",
                          "stuns:", "turn:", "turns:" or "https:" URL of host[:port] form
                          (e.g. "turn:turn.stadt.de:3478"); empty = none */
} qt_page_policy;

/* ---- ABI 1.6 (files): reading blobs, answering with a file the plugin wrote ----
 * A plugin reads a stored blob through a read-only handle (blob_open / blob_read / blob_close),
 * never through the store's layout, and answers with a file it wrote itself (an archive, a
 * report) from a temporary file the host hands out for the answer (res_tmp_file) and sends from
 * disk (res_file). The host owns that file: it is removed after it was sent, or when the
 * handler returns without sending it, so nothing is left behind whatever the plugin does. */

/* An open blob (blob_open); valid until blob_close, usable on any thread inside a callback,
 * one thread at a time. */
typedef struct qt_blob_reader qt_blob_reader;

/* A file of res_tmp_file sent as the answer (res_file): status 200, sent from disk without
 * being read into memory (a HEAD gets the headers only), then removed. */
typedef struct qt_file_reply {
  uint32_t size;        /* sizeof(qt_file_reply) */
  qt_str path;          /* a path res_tmp_file gave out for this very response */
  qt_str content_type;  /* empty = "application/octet-stream" */
  qt_str download_name; /* the person's file name for Content-Disposition (UTF-8); empty = none */
} qt_file_reply;

/* Called once per id (blocked_users, since ABI 1.5); return QT_OK to go on. */
typedef qt_status (*qt_id_fn)(void* user, int64_t id);

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
  /* Prepares sql; *out receives a handle to pass to stmt_finalize.
   * SQL sandbox (since ABI 1.2): a statement may touch only the plugin's own tables
   * ("<plugin>_*") and read the core's views plugin_users, plugin_neighbourhoods,
   * plugin_containers, plugin_memberships and plugin_content (plugins/README.md lists
   * their columns); only SELECT, INSERT, UPDATE, DELETE, WITH and VALUES (DDL belongs in
   * migrations, which may change only the plugin's own tables). Otherwise QT_ERR_DENIED,
   * with last_error naming the table and the rule (SQLite: at db_prepare; PostgreSQL: at
   * the first stmt_step). */
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
   * Only during init. Topics are those other plugins publish and the core's (since ABI
   * 1.2), each published once per change whoever caused it, AFTER its transaction commits
   * (never for a rollback), in commit order on the core's event thread; a failing callback
   * is logged and never fails the change. Payloads (JSON objects; ids and kinds, never
   * texts or private fields; actor_id 0 = the system):
   *   content.created|updated|deleted|hidden|unhidden
   *       {"id","container_id","kind","owner","author_id","actor_id"}
   *   comment.created|deleted
   *       {"id","content_id","container_id","kind","owner","author_id","actor_id"}
   *   membership.added|changed|removed
   *       {"container_id","container_kind","owner","user_id","role","state","actor_id"}
   *   container.deleted  {"id","kind","owner","actor_id"} (after its items' content.deleted)
   *   user.updated       {"id","actor_id","changed":["display_name",...]} (names, no values)
   *   user.erased        {"id"}
   * Subscribing to a topic nobody publishes is not an error. */
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

  /* ================================ since ABI 1.2 ================================
   * The services the feature plugins need. Check each with QT_HOST_HAS before calling;
   * unless stated, they join the thread's open transaction like the 1.1 calls. */

  /* ---- 1.2: views ---- */
  /* Read views over the core's people, containers and neighbourhoods: public basics only,
   * never e-mail or real names. Callbacks get views valid during the call; the host has read
   * everything before it calls back, so a callback may call the host again. */

  /* Calls fn once with any container (the core's too). QT_ERR_NOT_FOUND for an unknown id. */
  qt_status (*container_get)(qt_host* host, int64_t container_id, qt_container_info_fn fn, void* user);
  /* *out = QT_YES if the person may read the item by the core's own rules (container readable,
   * item not deleted, not hidden unless author or moderator); else QT_NO. user_id 0 = an
   * anonymous visitor. QT_ERR_NOT_FOUND for an unknown person or item. */
  qt_status (*can_read_content)(qt_host* host, int64_t user_id, int64_t content_id, int32_t* out);
  /* The same for a container (public and signed in, an active member, or the person's
   * neighbourhood; staff read every neighbourhood). QT_ERR_NOT_FOUND as above. */
  qt_status (*can_read_container)(qt_host* host, int64_t user_id, int64_t container_id, int32_t* out);
  /* Walks every neighbourhood ordered by name, with its outline as GeoJSON text. */
  qt_status (*neighbourhood_list)(qt_host* host, qt_neighbourhood_fn fn, void* user);
  /* Calls fn once with one neighbourhood. QT_ERR_NOT_FOUND for an unknown id. */
  qt_status (*neighbourhood_get)(qt_host* host, int64_t neighbourhood_id, qt_neighbourhood_fn fn, void* user);
  /* *out = the neighbourhood whose outline contains the point (WGS 84 degrees; a point on
   * an edge counts as inside; the lowest id wins where outlines overlap). QT_ERR_NOT_FOUND
   * when the point lies outside every outline, QT_ERR_INVALID for lat outside -90..90 or lon
   * outside -180..180 (or not finite). */
  qt_status (*neighbourhood_at)(qt_host* host, double lat, double lon, int64_t* out);
  /* Walks active and pending people that match q, ordered by id (keyset: pass the last id as
   * q->after_id for the next page), with the same public basics as user_get. QT_ERR_INVALID
   * for a limit outside 1..500 or an unknown role. */
  qt_status (*user_list)(qt_host* host, const qt_user_query* q, qt_user_fn fn, void* user);
  /* *out = QT_YES if either person blocks the other (the core's blocks), else QT_NO. */
  qt_status (*blocked)(qt_host* host, int64_t user_a, int64_t user_b, int32_t* out);
  /* The city's container id (created if it does not exist yet). */
  qt_status (*city_container)(qt_host* host, int64_t* out);
  /* A neighbourhood's container id (created on first use). QT_ERR_NOT_FOUND for an unknown
   * neighbourhood. */
  qt_status (*neighbourhood_container)(qt_host* host, int64_t neighbourhood_id, int64_t* out);
  /* Messages and notices. */
  /* Sends `text` from one person to another through the core's direct messages, reusing their
   * two-person conversation or starting one; *out = the conversation id. Neither address is
   * disclosed: the people meet in the core's messages. The core's rules apply as if `from_user`
   * wrote it: QT_ERR_DENIED if either blocks the other or the sender is not active,
   * QT_ERR_NOT_FOUND for an unknown or deleted recipient, QT_ERR_INVALID for the same person
   * twice or an empty or too long text (10000 bytes). Not inside db_begin (QT_ERR_STATE): the
   * message commits on its own. */
  qt_status (*conversation_start)(qt_host* host, int64_t from_user, int64_t to_user, qt_str text, int64_t* out);
  /* Notifies every active resident of a neighbourhood (0 = the whole city) with n (user_id and
   * content_id are ignored; titles per language as in qt_notification; urgent = mail at once
   * like an urgent announcement). Runs as a background job after the caller's transaction
   * commits, so it returns before the notifications exist. QT_ERR_NOT_FOUND for an unknown
   * neighbourhood, QT_ERR_INVALID for a missing kind or title. */
  qt_status (*notify_area)(qt_host* host, int64_t neighbourhood_id, const qt_notification* n);
  /* Writes an entry into the core's audit log (shown to admins) with the plugin's name:
   * action is stored as "<plugin>.<action>", details must be a JSON object (or empty) and gets
   * "plugin" added. actor_id 0 = the system. QT_ERR_INVALID for an empty action or target_type,
   * or details that are not a JSON object. */
  qt_status (*audit_log)(qt_host* host, int64_t actor_id, qt_str action, qt_str target_type, int64_t target_id,
                         qt_str details_json);
  /* ---- 1.2: names ---- */
  /* Cleans a name a person typed (a group's, a listing's), by the core's rule for display names:
   * NFC-normalised, spaces trimmed at both ends; refused (QT_ERR_INVALID) when it is not valid
   * UTF-8, holds control or format characters (NUL, line breaks, right-to-left overrides,
   * zero-width characters), has no letter, or has fewer than min_chars or more than max_chars
   * characters. On QT_OK *out is the cleaned name, valid until the next host call on this thread;
   * on QT_ERR_INVALID last_error says what to change, in German and English, fit to show. */
  qt_status (*text_clean_name)(qt_host* host, qt_str raw, uint32_t min_chars, uint32_t max_chars, qt_str* out);
  /* ---- 1.2: chelpers ---- */

  /* -- Reading a JSON request body --
   * The body is parsed once per request (on the first call) and kept until the handler
   * returns. `path` names a field: member names separated by '.', array indexes in brackets,
   * e.g. "title", "address.street", "items[2].id"; "" is the whole body. Member names with
   * '.', '[' or ']' cannot be reached. Errors (with api->last_error naming the field and what
   * was expected, e.g. "field 'address.zip' must be a string, but it is an integer"):
   *   QT_ERR_NOT_FOUND  the field is absent (a missing optional field is not logged);
   *   QT_ERR_INVALID    the body is not JSON, the path is malformed, or the field or one of
   *                     its parents has another type.
   * A JSON null counts as present (json_get_type says QT_JSON_NULL) but is not a string,
   * number or boolean. Call them only inside a route handler, with its `req`. */

  /* The field's kind in *out (QT_JSON_*). "Is it there?": QT_OK vs QT_ERR_NOT_FOUND. */
  qt_status (*json_get_type)(const qt_request* req, qt_str path, int32_t* out);
  /* A string field, unescaped UTF-8 (not NUL-terminated); valid until the handler returns. */
  qt_status (*json_get_str)(const qt_request* req, qt_str path, qt_str* out);
  /* An integer field (a number without fraction that fits int64; 3.0 counts, 3.5 does not). */
  qt_status (*json_get_int64)(const qt_request* req, qt_str path, int64_t* out);
  /* Any number field. */
  qt_status (*json_get_double)(const qt_request* req, qt_str path, double* out);
  /* A boolean field: *out is 1 for true, 0 for false. */
  qt_status (*json_get_bool)(const qt_request* req, qt_str path, int32_t* out);
  /* The number of elements of an array field or members of an object field. */
  qt_status (*json_get_len)(const qt_request* req, qt_str path, int64_t* out);

  /* -- Writing JSON --
   * A writer builds one JSON document: begin/end object and array, a key before each value
   * inside an object, then values. The host escapes strings and checks everything: a string or
   * key that is not valid UTF-8, a NaN, raw text that does not parse or a duplicate key is
   * QT_ERR_INVALID; a call out of order (value without key, unbalanced end, anything after the
   * document is complete) is QT_ERR_STATE. The first error sticks: later calls and
   * json_writer_text / res_json return it again, so a handler may write a whole document and
   * check only the final call. last_error says what was wrong. A writer is used by one thread
   * at a time. */

  /* A new writer that the plugin owns: release it with json_writer_free. NULL when out of
   * memory. Use it for event payloads, export_set_json, anything outside a response. */
  qt_json_writer* (*json_writer_new)(qt_host* host);
  /* Releases a writer from json_writer_new (NULL is fine). Never for res_json_writer's. */
  void (*json_writer_free)(qt_json_writer* w);
  /* A writer owned by the response: the host frees it after the handler returns (do not
   * call json_writer_free on it). NULL when out of memory. */
  qt_json_writer* (*res_json_writer)(qt_response* res);
  qt_status (*json_begin_object)(qt_json_writer* w);
  qt_status (*json_end_object)(qt_json_writer* w);
  qt_status (*json_begin_array)(qt_json_writer* w);
  qt_status (*json_end_array)(qt_json_writer* w);
  /* The key of the next value inside an object. */
  qt_status (*json_key)(qt_json_writer* w, qt_str key);
  qt_status (*json_string)(qt_json_writer* w, qt_str value);
  qt_status (*json_int64)(qt_json_writer* w, int64_t value);
  qt_status (*json_double)(qt_json_writer* w, double value);
  qt_status (*json_bool)(qt_json_writer* w, int32_t value); /* 0 = false, else true */
  qt_status (*json_null)(qt_json_writer* w);
  /* A value given as JSON text (e.g. a column holding JSON): parsed, then written compactly. */
  qt_status (*json_raw)(qt_json_writer* w, qt_str json);
  /* The finished document in *out, valid until the writer is written to or freed.
   * QT_ERR_STATE while a container is open or nothing was written. */
  qt_status (*json_writer_text)(qt_json_writer* w, qt_str* out);
  /* Answers with the writer's document: status (100..599), Content-Type application/json.
   * The writer stays usable (and, if from json_writer_new, still the plugin's to free). */
  qt_status (*res_json)(qt_response* res, int32_t status, qt_json_writer* w);

  /* Answers with the core's error shape {"error":{"code","message","details"}}, the message in
   * the request's language: message_de for German, message_en otherwise (either may be empty,
   * the other is used then). details_json is empty or a JSON object, for a form usually one
   * message per field: {"fields":{"title":"...","date":"..."}}. QT_ERR_INVALID for a status
   * outside 400..599, an empty code, no message at all, or details that are not an object. */
  qt_status (*res_error_ex)(qt_response* res, int32_t status, qt_str code, qt_str message_de, qt_str message_en,
                            qt_str details_json);

  /* ---- 1.2: jobs ---- */

  /* Durable jobs: kept in the core's database, so they survive restarts, and run once per
   * cluster: several server processes on one PostgreSQL share the table and a node takes a
   * job with a lease (an atomic UPDATE) before it runs it. Admins see every job with its
   * last run and last error in GET /api/admin/jobs and the admin UI, and can retry a failed
   * one. Job names: 1..48 of [a-z0-9_-]; stored as "<plugin>.<name>". */

  /* Binds `fn` to a job name of this plugin. Only during quartier_plugin_init (QT_ERR_STATE
   * later); QT_ERR_INVALID for a bad name or NULL fn, QT_ERR_CONFLICT for a name bound twice.
   * A node runs only the jobs whose handler it has: enable the plugin on every node. */
  qt_status (*job_handler)(qt_host* host, qt_str name, qt_job_handler_fn fn, void* user);
  /* Stores a one-off job: handler `name` runs once with `payload_json` (a JSON text, at most
   * 64 KiB; empty = "{}") at `run_at_ms` (UTC ms since 1970; 0 or past = as soon as a job
   * thread is free), retried up to `max_attempts` times (0 = 5; at most 20). *out_id (may be
   * NULL) receives the job's id. Joins the thread's open transaction (db_begin), so a job
   * enqueued together with the rows it works on is stored only if they are. Any time after
   * init, any thread inside a callback. QT_ERR_NOT_FOUND if no handler is bound to `name`,
   * QT_ERR_INVALID for malformed JSON or a bad max_attempts. */
  qt_status (*job_enqueue)(qt_host* host, qt_str name, qt_str payload_json, int64_t run_at_ms,
                           int32_t max_attempts, int64_t* out_id);
  /* A durable periodic job: handler `name` runs every `interval_ms` (>= 1000), once per
   * interval in the whole cluster, the first time as soon as the server runs. Registering
   * the same name again (a restart, another node) keeps the schedule and updates interval
   * and payload. The slots stay on the grid of the first run: a run that was missed (all
   * nodes down) is not repeated, the next slot follows. Only during init or start
   * (QT_ERR_STATE otherwise); QT_ERR_NOT_FOUND / QT_ERR_INVALID as job_enqueue. Unlike
   * timer_every (every node, in memory), use this for polls and imports. */
  qt_status (*schedule_every)(qt_host* host, qt_str name, uint64_t interval_ms, qt_str payload_json);
  /* Inside a job handler: the reason to keep as the job's last error (shown to admins) when
   * the handler then returns a failure. Plain text, no secrets; at most 500 bytes kept.
   * QT_ERR_STATE outside a job handler. */
  qt_status (*job_set_error)(qt_host* host, qt_str message);

  /* Outbound HTTP through the core (libcurl): the plugin links no HTTP client. Blocking: only
   * in job handlers, QT_LANE_BLOCKING routes, init and start; on an HTTP I/O thread it
   * answers QT_ERR_STATE. The host sends User-Agent "Quartier/<version> (+<public_url>)",
   * then the request's user_agent_product if any (since ABI 1.4), follows no redirects
   * (a 3xx comes back with its Location header), and uses the proxies
   * of the environment (http_proxy, https_proxy, no_proxy, as curl reads them; set them in
   * the systemd unit). Only hosts listed in the plugin's config are reached:
   *   [plugins.<name>]
   *   http_allow = ["api.example.de", "www.meinberlin.de"]   (exact host names)
   * Calls fn once with the response (any HTTP status, also 4xx/5xx) and returns what fn
   * returns. Failures before a response: QT_ERR_DENIED for a host not in http_allow (the
   * error names the host and the key), QT_ERR_INVALID for a bad URL, method, header or
   * limit, QT_ERR_STATE on an HTTP thread, QT_ERR_INTERNAL for a network error, a timeout
   * ("timed out after N ms") or a body over max_bytes ("larger than N bytes"); last_error
   * says which. */
  qt_status (*http_fetch)(qt_host* host, const qt_http_request* request, qt_http_fn fn, void* user);
  /* ---- 1.2: content ---- */

  /* Sets when an item this plugin created expires: at_ms in UTC milliseconds (0 = now,
   * -1 = never again). From then on it is gone from the streams and search; its author and
   * whoever may read its container still open it by link (GET /api/content/{id}), which
   * reports "expires_at". QT_ERR_DENIED for another plugin's item, QT_ERR_NOT_FOUND for an
   * unknown or deleted one, QT_ERR_INVALID for at_ms < -1. Any thread inside a callback. */
  qt_status (*content_expire)(qt_host* host, int64_t content_id, int64_t at_ms);
  /* The municipality's system author in *out_id: the account that imported items name as
   * author_id (qt_content.author_id), named after [municipality] name, shown as staff, and
   * unable to sign in (disabled, no password, no deliverable address). Created on the first
   * call, the same id on every node and for every plugin. QT_ERR_DATABASE if it cannot be
   * stored. Any thread inside a callback (not inside privacy_erase). */
  qt_status (*system_author)(qt_host* host, int64_t* out_id);
  /* ABI 1.3 (calendar): the core's write check. */

  /* *out = QT_YES if the person may post into the container by the core's own rule (the
   * rule of POST /api/posts: the city for anyone signed in, a neighbourhood for its residents
   * and staff, a profile for its owner, a plugin's container for its active members), else
   * QT_NO; user 0 (anonymous) is always QT_NO. content_create checks no rights, so a plugin
   * that creates items for a person asks this first. QT_ERR_NOT_FOUND for an unknown container
   * or person. Any thread inside a callback. */
  qt_status (*can_write_container)(qt_host* host, int64_t user_id, int64_t container_id, int32_t* out);
  /* ABI 1.3 (files): big request bodies, blobs, file answers from disk, the image pipeline.
   * Check each with QT_HOST_HAS. A worked example is in plugins/README.md ("ABI 1.3: files"). */

  /* The temporary file holding the body of a body_to_file route: *path (NUL-terminated, valid
   * until the handler returns) and *bytes. QT_ERR_NOT_FOUND on other routes. */
  qt_status (*req_body_file)(const qt_request* req, qt_str* path, uint64_t* bytes);
  /* Stores content in the plugin's blob store and fills *out (key, bytes, sniffed type).
   * Either `path` is a body_to_file request's file (it is moved into the store, not copied:
   * req_body_file has nothing afterwards) or `path` is empty and `bytes` is the content.
   * Storing the same content again is fine (same key). QT_ERR_DENIED for a path that is not a
   * body file of this plugin, QT_ERR_INTERNAL when the disk refuses (last_error says why). */
  qt_status (*blob_put)(qt_host* host, qt_str path, qt_bytes bytes, qt_blob* out);
  /* Fills *out for a stored blob. QT_ERR_NOT_FOUND for an unknown key, QT_ERR_INVALID for a
   * key that is not 64 hex digits. */
  qt_status (*blob_stat)(qt_host* host, qt_str key, qt_blob* out);
  /* Removes a blob (unknown keys are fine). Only when no row of the plugin refers to it. */
  qt_status (*blob_remove)(qt_host* host, qt_str key);
  /* Answers with a stored blob (see qt_blob_reply), inside a route handler. QT_ERR_NOT_FOUND
   * for an unknown key (then answer 404 yourself). */
  qt_status (*res_blob)(qt_response* res, const qt_blob_reply* reply);
  /* Renders an image blob with the core's image pipeline (qt_image_spec) and stores the result
   * as a new blob in *out. QT_ERR_INVALID when the blob is no image the pipeline takes, is
   * corrupt or has too many pixels (last_error says which, in German and English, fit to
   * show). Slow: call it from a QT_LANE_BLOCKING route or a job. */
  qt_status (*image_render)(qt_host* host, qt_str key, const qt_image_spec* spec, qt_blob* out);
  /* ABI 1.3 (video): live WebSocket endpoints, rooms across nodes, guests, page policies.
   * See the comment above qt_ws_peer. Connection ids are the host's; a plugin may address only
   * its own connections (QT_ERR_DENIED for another plugin's). */

  /* Registers a WebSocket endpoint. Only during quartier_plugin_init (QT_ERR_STATE later);
   * QT_ERR_INVALID for a path that does not start with "/", an access other than
   * QT_ACCESS_PUBLIC / QT_ACCESS_USER, no on_open, or a path registered twice. */
  qt_status (*ws_add)(qt_host* host, const qt_ws_endpoint* endpoint);
  /* Queues a text frame (valid UTF-8, at most 1 MiB) for one connection, on this node or another.
   * QT_ERR_NOT_FOUND if the connection is on this node and closed, or closing since a ws_close
   * (gone is not a failure worth a log line); a connection on another node is sent to without an
   * answer. */
  qt_status (*ws_send)(qt_host* host, uint64_t conn, qt_str text);
  /* Sends to every connection in `room` on every node, except `except_conn` (0 = none).
   * Rooms are the plugin's own names (1..128 bytes of A-Z a-z 0-9 . _ : -); QT_ERR_INVALID
   * otherwise. An empty room is fine (nobody gets it). */
  qt_status (*ws_send_room)(qt_host* host, qt_str room, qt_str text, uint64_t except_conn);
  /* Puts a connection of this node into a room / takes it out (a closed connection leaves all
   * its rooms). QT_ERR_NOT_FOUND for an unknown or closed connection or (leave) a room it is not
   * in; QT_ERR_INVALID for a malformed room name. */
  qt_status (*ws_join)(qt_host* host, uint64_t conn, qt_str room);
  qt_status (*ws_leave)(qt_host* host, uint64_t conn, qt_str room);
  /* Closes a connection (this node or another) after the frames already queued for it, with a
   * close code (1000, or 4000..4999 of the plugin's own meaning) and a reason the client sees
   * (at most 123 bytes of UTF-8, e.g. "room_locked"). QT_ERR_INVALID for another code or a longer
   * reason, QT_ERR_NOT_FOUND as ws_send. */
  qt_status (*ws_close)(qt_host* host, uint64_t conn, int32_t code, qt_str reason);
  /* Issues a guest token for a display name (cleaned like text_clean_name, 1..60 characters;
   * QT_ERR_INVALID with last_error fit to show otherwise), valid for ttl_seconds (60..86400).
   * *token_out and *guest_id_out are valid until the next host call on this thread. */
  qt_status (*guest_issue)(qt_host* host, qt_str name, uint32_t ttl_seconds, qt_str* token_out, qt_str* guest_id_out);
  /* Checks a guest token of this plugin (e.g. sent to an HTTP route): QT_OK and *out filled, or
   * QT_ERR_DENIED with last_error saying "expired" or "invalid" (forged, altered, another
   * plugin's, malformed). */
  qt_status (*guest_check)(qt_host* host, qt_str token, qt_guest* out);
  /* Lets pages under policy->path use camera / microphone / screen capture (see qt_page_policy).
   * Only during quartier_plugin_init (QT_ERR_STATE later); QT_ERR_INVALID for a bad path,
   * no feature, or a connect_src source of another form. */
  qt_status (*page_policy_add)(qt_host* host, const qt_page_policy* policy);
  /* The client's IP address of a request (behind trusted proxies: the forwarded one), for rate
   * limits such as guest tokens per address. Valid until the handler returns. Never store it. */
  qt_str (*req_client_address)(const qt_request* req);

  /* ================================ since ABI 1.5 ================================
   * Check with QT_HOST_HAS before calling. */

  /* ---- 1.5: Markdown ---- */
  /* Renders Markdown that the plugin keeps itself (a business profile's text, a description:
   * anything that is not a content item, whose body the core renders through body_format) to
   * the same sanitised HTML as a post: GitHub-flavoured (tables, strikethrough, autolinks, task
   * lists), raw HTML never passed through (a <script> or an <img onerror> becomes an HTML
   * comment), unsafe link targets (javascript:, vbscript:, data: but images) emptied, every link
   * rel="nofollow ugc noopener". Show the result as it is; never splice user HTML beside it.
   * On QT_OK *out_html is the HTML (empty for empty text), valid until the next host call on
   * this thread: copy it to keep it. The plugin frees nothing. QT_ERR_INVALID, with *out_html
   * empty, for text of more than QT_MARKDOWN_MAX_BYTES bytes or text that is not valid UTF-8
   * (last_error names the limit or the byte offset, in German and English, fit to show), or a
   * NULL out_html. Pure: no database, joins no transaction. Any thread inside a callback. */
  qt_status (*markdown_render)(qt_host* host, qt_str markdown, qt_str* out_html);

  /* ---- 1.5: blocks at once ---- */
  /* Walks the people `user_id` blocks or is blocked by (the core's blocks, either way, as
   * `blocked` answers them), each once, ordered by id: fn(user, id) per person; anything but
   * QT_OK from fn stops the walk (the host function then returns QT_OK).
   * One query, so a page of authors is filtered with one call instead of `blocked` per author.
   * user_id 0 (anonymous) or an unknown person walks nobody. QT_ERR_INVALID for a NULL fn. */
  qt_status (*blocked_users)(qt_host* host, int64_t user_id, qt_id_fn fn, void* user);

  /* ================================ since ABI 1.6 ================================
   * Check with QT_HOST_HAS before calling. See the comment above qt_blob_reader; a worked
   * example is in plugins/README.md ("ABI 1.6: reading blobs, file answers"). */

  /* ---- 1.6: reading a stored blob ---- */
  /* Opens a blob of the plugin's own store for reading; *out is released with blob_close.
   * QT_ERR_INVALID for a key that is not 64 lower-case hex digits or a NULL out,
   * QT_ERR_NOT_FOUND for an unknown key (e.g. removed meanwhile), QT_ERR_INTERNAL when the disk
   * refuses. Joins no transaction. Any thread inside a callback. */
  qt_status (*blob_open)(qt_host* host, qt_str key, qt_blob_reader** out);
  /* Reads up to `cap` next bytes into buf; *got is how many (0 only at the end of the blob).
   * QT_ERR_INVALID for a NULL reader, buf or got; QT_ERR_INTERNAL on a read error. */
  qt_status (*blob_read)(qt_blob_reader* reader, uint8_t* buf, size_t cap, size_t* got);
  /* Releases a reader (NULL is fine). */
  void (*blob_close)(qt_blob_reader* reader);

  /* ---- 1.6: answering with a file the plugin wrote ---- */
  /* Creates a new empty file (mode 0600) in the tmp folder of the plugin's blob store and puts
   * its path (NUL-terminated, valid until the handler returns) in *out_path; the plugin writes
   * it with its own I/O (it may also replace it by renaming another file of that folder onto
   * it). The file belongs to this response: res_file sends it and removes it afterwards;
   * otherwise it is removed when the handler returns. Only inside a route handler.
   * QT_ERR_INVALID for a NULL out_path, QT_ERR_INTERNAL when the disk refuses. */
  qt_status (*res_tmp_file)(qt_response* res, qt_str* out_path);
  /* Answers with such a file (see qt_file_reply), 200. QT_ERR_DENIED for a path res_tmp_file
   * did not give out for this response, QT_ERR_NOT_FOUND when the file is gone. */
  qt_status (*res_file)(qt_response* res, const qt_file_reply* reply);
} qt_host_api;

/* The longest text markdown_render takes, in bytes (since ABI 1.5): a post's 20,000
 * characters fit. */
#define QT_MARKDOWN_MAX_BYTES 131072

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
