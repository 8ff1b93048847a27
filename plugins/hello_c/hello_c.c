/*
 * hello_c: the reference plugin in plain C99 (no C++ runtime). It shows every basic part of
 * the ABI: the version block, init filling the descriptor, routes with path parameters and
 * access levels, configuration, host statements on SQLite and PostgreSQL alike, a
 * transaction, events, and the privacy hooks (export and erase of a person's notes).
 *
 * Routes (under /api/p/hello_c):
 *   GET    /hello              {"hello":"<greeting from [plugins.hello_c] greeting>"}
 *   GET    /notes              {"notes":[{"id":1,"author_id":0,"text":"..."}]} (?author=ID filters)
 *   POST   /notes              body = the note text (plain); 201 {"id":N}
 *   GET    /notes/{id}         {"id":..,"author_id":..,"text":".."} or 404
 *   DELETE /notes/{id}         204 or 404
 *   GET    /mine               (logged-in people only) the caller's notes
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <quartier/plugin.h>

static const qt_host_api* api;
static qt_host* host;

/* ---- A tiny growable buffer for JSON text ---- */

typedef struct buf {
  char* data;
  size_t len;
  size_t cap;
  int failed;
} buf;

static void buf_put(buf* b, const char* s, size_t n) {
  if (b->failed) return;
  if (b->len + n + 1 > b->cap) {
    size_t cap = b->cap ? b->cap * 2 : 256;
    char* p;
    while (cap < b->len + n + 1) cap *= 2;
    p = (char*)realloc(b->data, cap);
    if (!p) {
      b->failed = 1;
      return;
    }
    b->data = p;
    b->cap = cap;
  }
  memcpy(b->data + b->len, s, n);
  b->len += n;
  b->data[b->len] = '\0';
}

static void buf_str(buf* b, const char* s) { buf_put(b, s, strlen(s)); }

static void buf_int(buf* b, int64_t v) {
  char tmp[32];
  int n = snprintf(tmp, sizeof tmp, "%lld", (long long)v);
  if (n > 0) buf_put(b, tmp, (size_t)n);
}

/* A JSON string literal with escapes. */
static void buf_json(buf* b, qt_str s) {
  size_t i;
  buf_put(b, "\"", 1);
  for (i = 0; i < s.len; ++i) {
    unsigned char c = (unsigned char)s.ptr[i];
    if (c == '"' || c == '\\') {
      char esc[2];
      esc[0] = '\\';
      esc[1] = (char)c;
      buf_put(b, esc, 2);
    } else if (c < 0x20) {
      char esc[8];
      int n = snprintf(esc, sizeof esc, "\\u%04x", (unsigned)c);
      if (n > 0) buf_put(b, esc, (size_t)n);
    } else {
      buf_put(b, (const char*)&s.ptr[i], 1);
    }
  }
  buf_put(b, "\"", 1);
}

static qt_str buf_view(const buf* b) { return qt_str_n(b->data ? b->data : "", b->len); }

static qt_status send_json(qt_response* res, int32_t status, buf* b) {
  qt_status st;
  if (b->failed) {
    free(b->data);
    return QT_ERR_INTERNAL;
  }
  api->res_status(res, status);
  st = api->res_body(res, QT_STR("application/json"), buf_view(b));
  free(b->data); /* the host copied the body */
  return st;
}

/* Parses a positive decimal id; 0 if it is not one. */
static int64_t parse_id(qt_str s) {
  int64_t v = 0;
  size_t i;
  if (s.len == 0 || s.len > 18) return 0;
  for (i = 0; i < s.len; ++i) {
    if (s.ptr[i] < '0' || s.ptr[i] > '9') return 0;
    v = v * 10 + (s.ptr[i] - '0');
  }
  return v;
}

/* Appends the rows of a prepared SELECT id, author_id, text as a JSON array. */
static qt_status rows_to_json(qt_stmt* s, buf* b) {
  qt_status st;
  int first = 1;
  buf_str(b, "[");
  while ((st = api->stmt_step(s)) == QT_ROW) {
    if (!first) buf_str(b, ",");
    first = 0;
    buf_str(b, "{\"id\":");
    buf_int(b, api->column_int64(s, 0));
    buf_str(b, ",\"author_id\":");
    buf_int(b, api->column_int64(s, 1));
    buf_str(b, ",\"text\":");
    buf_json(b, api->column_text(s, 2));
    buf_str(b, "}");
  }
  buf_str(b, "]");
  return st == QT_DONE ? QT_OK : st;
}

/* ---- Handlers ---- */

static qt_status hello(void* user, const qt_request* req, qt_response* res) {
  buf b = {0, 0, 0, 0};
  qt_str greeting;
  (void)user;
  (void)req;
  if (api->config_get(host, QT_STR("greeting"), &greeting) != QT_OK) greeting = QT_STR("world");
  buf_str(&b, "{\"hello\":");
  buf_json(&b, greeting);
  buf_str(&b, ",\"dialect\":");
  buf_json(&b, api->db_dialect(host));
  buf_str(&b, "}");
  return send_json(res, 200, &b);
}

static qt_status list_notes(void* user, const qt_request* req, qt_response* res) {
  qt_stmt* s = NULL;
  qt_status st;
  qt_str author;
  buf b = {0, 0, 0, 0};
  (void)user;
  if (api->req_query(req, QT_STR("author"), &author) == QT_OK) {
    st = api->db_prepare(host, QT_STR("SELECT id, author_id, text FROM hello_c_notes WHERE author_id = :a ORDER BY id"), &s);
    if (st == QT_OK) st = api->stmt_bind_int64(s, QT_STR("a"), parse_id(author));
  } else {
    st = api->db_prepare(host, QT_STR("SELECT id, author_id, text FROM hello_c_notes ORDER BY id"), &s);
  }
  buf_str(&b, "{\"notes\":");
  if (st == QT_OK) st = rows_to_json(s, &b);
  buf_str(&b, "}");
  api->stmt_finalize(s);
  if (st != QT_OK) {
    free(b.data);
    return st;
  }
  return send_json(res, 200, &b);
}

static qt_status mine(void* user, const qt_request* req, qt_response* res) {
  qt_stmt* s = NULL;
  qt_status st;
  buf b = {0, 0, 0, 0};
  (void)user;
  st = api->db_prepare(host, QT_STR("SELECT id, author_id, text FROM hello_c_notes WHERE author_id = :a ORDER BY id"), &s);
  if (st == QT_OK) st = api->stmt_bind_int64(s, QT_STR("a"), api->req_user_id(req));
  buf_str(&b, "{\"notes\":");
  if (st == QT_OK) st = rows_to_json(s, &b);
  buf_str(&b, "}");
  api->stmt_finalize(s);
  if (st != QT_OK) {
    free(b.data);
    return st;
  }
  return send_json(res, 200, &b);
}

static qt_status create_note(void* user, const qt_request* req, qt_response* res) {
  qt_stmt* s = NULL;
  qt_status st;
  int64_t id = 0;
  qt_str text = api->req_body(req);
  buf b = {0, 0, 0, 0};
  (void)user;
  if (text.len == 0 || text.len > 2000)
    return api->res_error(res, 400, QT_STR("invalid_note"),
                          QT_STR("Die Notiz muss 1 bis 2000 Zeichen haben. / A note needs 1 to 2000 characters."));
  /* A transaction around the insert and the event, as a plugin with several writes would do. */
  st = api->db_begin(host);
  if (st != QT_OK) return st;
  st = api->db_prepare(host,
                       QT_STR("INSERT INTO hello_c_notes (author_id, text, created_at) VALUES (:author, :text, :now) "
                              "RETURNING id"),
                       &s);
  if (st == QT_OK) st = api->stmt_bind_int64(s, QT_STR("author"), api->req_user_id(req));
  if (st == QT_OK) st = api->stmt_bind_text(s, QT_STR("text"), text);
  if (st == QT_OK) st = api->stmt_bind_int64(s, QT_STR("now"), 0);
  if (st == QT_OK) st = api->stmt_step(s);
  if (st == QT_ROW) {
    id = api->column_int64(s, 0);
    st = api->stmt_step(s);
  }
  api->stmt_finalize(s);
  if (st != QT_DONE) {
    api->db_rollback(host);
    return st == QT_OK ? QT_ERR_INTERNAL : st;
  }
  st = api->db_commit(host);
  if (st != QT_OK) return st;

  buf_str(&b, "{\"id\":");
  buf_int(&b, id);
  buf_str(&b, "}");
  if (!b.failed) api->event_publish(host, QT_STR("hello_c.note_created"), buf_view(&b));
  return send_json(res, 201, &b);
}

static qt_status get_note(void* user, const qt_request* req, qt_response* res) {
  qt_stmt* s = NULL;
  qt_status st;
  qt_str idtext;
  buf b = {0, 0, 0, 0};
  (void)user;
  if (api->req_param(req, QT_STR("id"), &idtext) != QT_OK || parse_id(idtext) == 0)
    return api->res_error(res, 400, QT_STR("invalid_id"), QT_STR("Die Kennung muss eine Zahl sein. / The id must be a number."));
  st = api->db_prepare(host, QT_STR("SELECT id, author_id, text FROM hello_c_notes WHERE id = :id"), &s);
  if (st == QT_OK) st = api->stmt_bind_int64(s, QT_STR("id"), parse_id(idtext));
  if (st == QT_OK) st = api->stmt_step(s);
  if (st == QT_ROW) {
    buf_str(&b, "{\"id\":");
    buf_int(&b, api->column_int64(s, 0));
    buf_str(&b, ",\"author_id\":");
    buf_int(&b, api->column_int64(s, 1));
    buf_str(&b, ",\"text\":");
    buf_json(&b, api->column_text(s, 2));
    buf_str(&b, "}");
  }
  api->stmt_finalize(s);
  if (st == QT_DONE)
    return api->res_error(res, 404, QT_STR("not_found"), QT_STR("Diese Notiz gibt es nicht. / There is no such note."));
  if (st != QT_ROW) {
    free(b.data);
    return st;
  }
  return send_json(res, 200, &b);
}

static qt_status delete_note(void* user, const qt_request* req, qt_response* res) {
  qt_stmt* s = NULL;
  qt_status st;
  qt_str idtext;
  int64_t changed = 0;
  (void)user;
  if (api->req_param(req, QT_STR("id"), &idtext) != QT_OK || parse_id(idtext) == 0)
    return api->res_error(res, 400, QT_STR("invalid_id"), QT_STR("Die Kennung muss eine Zahl sein. / The id must be a number."));
  st = api->db_prepare(host, QT_STR("DELETE FROM hello_c_notes WHERE id = :id"), &s);
  if (st == QT_OK) st = api->stmt_bind_int64(s, QT_STR("id"), parse_id(idtext));
  if (st == QT_OK) st = api->stmt_step(s);
  if (st == QT_DONE) changed = api->stmt_changes(s);
  api->stmt_finalize(s);
  if (st != QT_DONE) return st;
  if (changed == 0)
    return api->res_error(res, 404, QT_STR("not_found"), QT_STR("Diese Notiz gibt es nicht. / There is no such note."));
  return api->res_status(res, 204);
}

/* ---- Privacy ---- */

static qt_status export_person(void* state, int64_t user_id, qt_export* out) {
  qt_stmt* s = NULL;
  qt_status st;
  buf b = {0, 0, 0, 0};
  (void)state;
  st = api->db_prepare(host, QT_STR("SELECT id, author_id, text FROM hello_c_notes WHERE author_id = :a ORDER BY id"), &s);
  if (st == QT_OK) st = api->stmt_bind_int64(s, QT_STR("a"), user_id);
  buf_str(&b, "{\"notes\":");
  if (st == QT_OK) st = rows_to_json(s, &b);
  buf_str(&b, "}");
  api->stmt_finalize(s);
  if (st == QT_OK) st = b.failed ? QT_ERR_INTERNAL : api->export_set_json(out, buf_view(&b));
  free(b.data);
  return st;
}

/* Runs inside the core's deletion transaction: no begin/commit here. */
static qt_status erase_person(void* state, int64_t user_id) {
  qt_stmt* s = NULL;
  qt_status st;
  (void)state;
  st = api->db_prepare(host, QT_STR("DELETE FROM hello_c_notes WHERE author_id = :a"), &s);
  if (st == QT_OK) st = api->stmt_bind_int64(s, QT_STR("a"), user_id);
  if (st == QT_OK) st = api->stmt_step(s);
  api->stmt_finalize(s);
  return st == QT_DONE ? QT_OK : st;
}

/* ---- Descriptor ---- */

static const qt_migration notes_sqlite = {
    sizeof(qt_migration), "0001_notes.sqlite.sql",
    "CREATE TABLE hello_c_notes (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  author_id BIGINT NOT NULL DEFAULT 0,\n"
    "  text TEXT NOT NULL,\n"
    "  created_at BIGINT NOT NULL\n"
    ");\n"
    "CREATE INDEX hello_c_notes_author ON hello_c_notes (author_id);\n"};
static const qt_migration notes_postgresql = {
    sizeof(qt_migration), "0001_notes.postgresql.sql",
    "CREATE TABLE hello_c_notes (\n"
    "  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,\n"
    "  author_id BIGINT NOT NULL DEFAULT 0,\n"
    "  text TEXT NOT NULL,\n"
    "  created_at BIGINT NOT NULL\n"
    ");\n"
    "CREATE INDEX hello_c_notes_author ON hello_c_notes (author_id);\n"};
static const qt_migration* const migrations[] = {&notes_sqlite, &notes_postgresql, NULL};

static qt_status add_route(const char* method, const char* pattern, int32_t access, qt_handler_fn fn) {
  qt_route r;
  r.size = sizeof r;
  r.method = QT_STR(method);
  r.pattern = QT_STR(pattern);
  r.access = access;
  r.handler = fn;
  r.user = NULL;
  return api->route_add(host, &r);
}

static const qt_plugin_version version_block = QT_PLUGIN_VERSION_INIT("hello_c", "1.0.0");

QT_PLUGIN_EXPORT const qt_plugin_version* quartier_plugin_version(void) { return &version_block; }

QT_PLUGIN_EXPORT qt_status quartier_plugin_init(const qt_host_api* a, qt_host* h, qt_plugin_descriptor* d) {
  qt_status st = QT_OK;
  api = a;
  host = h;
  d->abi_major = QT_ABI_MAJOR;
  d->abi_minor = QT_ABI_MINOR;
  d->name = "hello_c";
  d->version = "1.0.0";
  d->description = "Notes, written in plain C: the reference plugin of the module author's guide.";
  d->threading = QT_THREADING_MULTI;
  d->migrations = migrations;
  d->ui_module = "ui.js";
  d->privacy_export = export_person;
  d->privacy_erase = erase_person;

  if (st == QT_OK) st = add_route("GET", "/hello", QT_ACCESS_PUBLIC, hello);
  if (st == QT_OK) st = add_route("GET", "/notes", QT_ACCESS_PUBLIC, list_notes);
  if (st == QT_OK) st = add_route("POST", "/notes", QT_ACCESS_PUBLIC, create_note);
  if (st == QT_OK) st = add_route("GET", "/notes/{id}", QT_ACCESS_PUBLIC, get_note);
  if (st == QT_OK) st = add_route("DELETE", "/notes/{id}", QT_ACCESS_PUBLIC, delete_note);
  if (st == QT_OK) st = add_route("GET", "/mine", QT_ACCESS_USER, mine);
  if (st == QT_OK) api->log(host, QT_LOG_INFO, QT_STR("hello_c initialised"));
  return st;
}
