/*
 * hello_c: the reference plugin in plain C99 (no C++ runtime). It shows the basic parts of the
 * ABI: the version block, init filling the descriptor, declared settings, routes with path
 * parameters and access levels, host statements on SQLite and PostgreSQL alike, a transaction,
 * events, the host's JSON reader and writer (ABI 1.2), and the privacy hooks.
 *
 * DEMO ONLY: anyone, also anonymous visitors, may write and delete notes. That keeps the example
 * short; a real plugin gives writes QT_ACCESS_USER or more and checks who owns what.
 *
 * Routes (under /api/p/hello_c):
 *   GET    /hello       {"hello":"<[plugins.hello_c] greeting>","dialect":"sqlite"}
 *   GET    /notes       {"notes":[{"id":1,"author_id":0,"text":"..."}]} (?author=ID filters)
 *   POST   /notes       demo: public write. Body {"text":"..."} (application/json) or the
 *                       plain text itself; 201 {"id":N}
 *   GET    /notes/{id}  {"id":..,"author_id":..,"text":".."} or 404
 *   DELETE /notes/{id}  demo: public delete. 204 or 404
 *   GET    /mine        (signed-in people only) the caller's notes
 */
#include <stdlib.h>
#include <string.h>

#include <quartier/plugin.h>

static const qt_host_api* api;
static qt_host* host;

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

/* Writes the current row of SELECT id, author_id, text as an object. */
static void note_json(qt_json_writer* w, qt_stmt* s) {
  api->json_begin_object(w);
  api->json_key(w, QT_STR("id"));
  api->json_int64(w, api->column_int64(s, 0));
  api->json_key(w, QT_STR("author_id"));
  api->json_int64(w, api->column_int64(s, 1));
  api->json_key(w, QT_STR("text"));
  api->json_string(w, api->column_text(s, 2));
  api->json_end_object(w);
}

/* Writes {"notes":[...]} of the notes by `author` (0 = everybody's). */
static qt_status notes_json(qt_json_writer* w, int64_t author, int all) {
  qt_stmt* s = NULL;
  qt_status st = api->db_prepare(host, QT_STR("SELECT id, author_id, text FROM hello_c_notes "
                                              "WHERE :all = 1 OR author_id = :a ORDER BY id"), &s);
  if (st == QT_OK) st = api->stmt_bind_int64(s, QT_STR("a"), author);
  if (st == QT_OK) st = api->stmt_bind_int64(s, QT_STR("all"), all);
  api->json_begin_object(w);
  api->json_key(w, QT_STR("notes"));
  api->json_begin_array(w);
  while (st == QT_OK && (st = api->stmt_step(s)) == QT_ROW) {
    note_json(w, s);
    st = QT_OK;
  }
  api->json_end_array(w);
  api->json_end_object(w);
  api->stmt_finalize(s);
  return st == QT_DONE ? QT_OK : st;
}

static qt_status not_found(qt_response* res) {
  return api->res_error_ex(res, 404, QT_STR("not_found"), QT_STR("Diese Notiz gibt es nicht."),
                           QT_STR("There is no such note."), QT_STR(""));
}

/* The {id} parameter, or 0 after answering 400. */
static int64_t id_param(const qt_request* req, qt_response* res) {
  qt_str text;
  int64_t id = api->req_param(req, QT_STR("id"), &text) == QT_OK ? parse_id(text) : 0;
  if (id == 0)
    api->res_error_ex(res, 400, QT_STR("invalid_id"), QT_STR("Die Kennung muss eine positive Zahl sein."),
                      QT_STR("The id must be a positive number."), QT_STR(""));
  return id;
}

/* ---- Handlers ---- */

static qt_status hello(void* user, const qt_request* req, qt_response* res) {
  qt_json_writer* w = api->res_json_writer(res);
  qt_str greeting;
  (void)user;
  (void)req;
  api->config_get(host, QT_STR("greeting"), &greeting); /* declared with a default: always there */
  api->json_begin_object(w);
  api->json_key(w, QT_STR("hello"));
  api->json_string(w, greeting);
  api->json_key(w, QT_STR("dialect"));
  api->json_string(w, api->db_dialect(host));
  api->json_end_object(w);
  return api->res_json(res, 200, w);
}

static qt_status list_notes(void* user, const qt_request* req, qt_response* res) {
  qt_json_writer* w = api->res_json_writer(res);
  qt_str author;
  int all = api->req_query(req, QT_STR("author"), &author) != QT_OK;
  qt_status st = notes_json(w, all ? 0 : parse_id(author), all);
  (void)user;
  return st == QT_OK ? api->res_json(res, 200, w) : st;
}

static qt_status mine(void* user, const qt_request* req, qt_response* res) {
  qt_json_writer* w = api->res_json_writer(res);
  qt_status st = notes_json(w, api->req_user_id(req), 0);
  (void)user;
  return st == QT_OK ? api->res_json(res, 200, w) : st;
}

/* The note text: the "text" field of a JSON body, else the plain body. */
static qt_status note_text(const qt_request* req, qt_response* res, qt_str* text) {
  qt_str type;
  qt_status st = QT_OK;
  if (api->req_header(req, QT_STR("content-type"), &type) == QT_OK && type.len >= 16 &&
      memcmp(type.ptr, "application/json", 16) == 0)
    st = api->json_get_str(req, QT_STR("text"), text);
  else
    *text = api->req_body(req);
  if (st == QT_OK && text->len > 0 && text->len <= 2000) return QT_OK;
  api->res_error_ex(res, 400, QT_STR("invalid_note"), QT_STR("Die Notiz braucht einen Text von 1 bis 2000 Zeichen."),
                    QT_STR("A note needs a text of 1 to 2000 characters."),
                    QT_STR("{\"fields\":{\"text\":\"1..2000\"}}"));
  return QT_ERR_INVALID;
}

static qt_status create_note(void* user, const qt_request* req, qt_response* res) {
  qt_json_writer* w = api->res_json_writer(res);
  qt_stmt* s = NULL;
  qt_str text, payload;
  int64_t id = 0;
  qt_status st;
  (void)user;
  if (note_text(req, res, &text) != QT_OK) return QT_OK; /* answered 400 */
  /* A transaction around the insert and the event, as a plugin with several writes would do. */
  if ((st = api->db_begin(host)) != QT_OK) return st;
  st = api->db_prepare(host, QT_STR("INSERT INTO hello_c_notes (author_id, text, created_at) "
                                    "VALUES (:author, :text, 0) RETURNING id"), &s);
  if (st == QT_OK) st = api->stmt_bind_int64(s, QT_STR("author"), api->req_user_id(req));
  if (st == QT_OK) st = api->stmt_bind_text(s, QT_STR("text"), text);
  if (st == QT_OK && (st = api->stmt_step(s)) == QT_ROW) {
    id = api->column_int64(s, 0);
    st = api->stmt_step(s);
  }
  api->stmt_finalize(s);
  if (st != QT_DONE) {
    api->db_rollback(host);
    return st == QT_OK ? QT_ERR_INTERNAL : st;
  }
  if ((st = api->db_commit(host)) != QT_OK) return st;
  api->json_begin_object(w);
  api->json_key(w, QT_STR("id"));
  api->json_int64(w, id);
  api->json_end_object(w);
  if (api->json_writer_text(w, &payload) == QT_OK) api->event_publish(host, QT_STR("hello_c.note_created"), payload);
  return api->res_json(res, 201, w);
}

static qt_status get_note(void* user, const qt_request* req, qt_response* res) {
  qt_json_writer* w = api->res_json_writer(res);
  qt_stmt* s = NULL;
  int64_t id = id_param(req, res);
  qt_status st;
  (void)user;
  if (id == 0) return QT_OK;
  st = api->db_prepare(host, QT_STR("SELECT id, author_id, text FROM hello_c_notes WHERE id = :id"), &s);
  if (st == QT_OK) st = api->stmt_bind_int64(s, QT_STR("id"), id);
  if (st == QT_OK && (st = api->stmt_step(s)) == QT_ROW) note_json(w, s);
  api->stmt_finalize(s);
  if (st == QT_DONE) return not_found(res);
  return st == QT_ROW ? api->res_json(res, 200, w) : st;
}

static qt_status delete_note(void* user, const qt_request* req, qt_response* res) {
  qt_stmt* s = NULL;
  int64_t id = id_param(req, res), changed = 0;
  qt_status st;
  (void)user;
  if (id == 0) return QT_OK;
  st = api->db_prepare(host, QT_STR("DELETE FROM hello_c_notes WHERE id = :id"), &s);
  if (st == QT_OK) st = api->stmt_bind_int64(s, QT_STR("id"), id);
  if (st == QT_OK && (st = api->stmt_step(s)) == QT_DONE) changed = api->stmt_changes(s);
  api->stmt_finalize(s);
  if (st != QT_DONE) return st;
  return changed == 0 ? not_found(res) : api->res_status(res, 204);
}

/* ---- Privacy ---- */

static qt_status export_person(void* state, int64_t user_id, qt_export* out) {
  qt_json_writer* w = api->json_writer_new(host);
  qt_str text;
  qt_status st = w ? notes_json(w, user_id, 0) : QT_ERR_INTERNAL;
  (void)state;
  if (st == QT_OK) st = api->json_writer_text(w, &text);
  if (st == QT_OK) st = api->export_set_json(out, text);
  api->json_writer_free(w);
  return st;
}

/* Runs inside the core's deletion transaction: no begin/commit here. */
static qt_status erase_person(void* state, int64_t user_id) {
  qt_stmt* s = NULL;
  qt_status st = api->db_prepare(host, QT_STR("DELETE FROM hello_c_notes WHERE author_id = :a"), &s);
  (void)state;
  if (st == QT_OK) st = api->stmt_bind_int64(s, QT_STR("a"), user_id);
  if (st == QT_OK) st = api->stmt_step(s);
  api->stmt_finalize(s);
  return st == QT_DONE ? QT_OK : st;
}

/* ---- Descriptor ---- */

#define NOTES_TABLE(id_column)                 \
  "CREATE TABLE hello_c_notes (\n"             \
  "  id " id_column ",\n"                      \
  "  author_id BIGINT NOT NULL DEFAULT 0,\n"   \
  "  text TEXT NOT NULL,\n"                    \
  "  created_at BIGINT NOT NULL\n"             \
  ");\n"                                       \
  "CREATE INDEX hello_c_notes_author ON hello_c_notes (author_id);\n"
static const qt_migration notes_sqlite = {sizeof(qt_migration), "0001_notes.sqlite.sql",
                                          NOTES_TABLE("INTEGER PRIMARY KEY")};
static const qt_migration notes_postgresql = {sizeof(qt_migration), "0001_notes.postgresql.sql",
                                              NOTES_TABLE("BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY")};
static const qt_migration* const migrations[] = {&notes_sqlite, &notes_postgresql, NULL};

static const qt_setting greeting = {sizeof(qt_setting), "greeting", QT_SETTING_STRING, "\"world\"",
                                    "Womit GET /hello grüßt.", "What GET /hello greets with.", 0, 0};
static const qt_setting* const settings[] = {&greeting, NULL};

static qt_status add_route(const char* method, const char* pattern, int32_t access, qt_handler_fn fn) {
  qt_route r;
  memset(&r, 0, sizeof r); /* members a newer header adds stay 0 (their defaults) */
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
  if (!QT_HOST_HAS(api, res_error_ex)) return QT_ERR_UNSUPPORTED; /* needs a 1.2 host */
  d->abi_major = QT_ABI_MAJOR;
  d->abi_minor = QT_ABI_MINOR;
  d->name = "hello_c";
  d->version = "1.0.0";
  d->description = "Notes, written in plain C: the reference plugin of the module author's guide (a demo).";
  d->threading = QT_THREADING_MULTI;
  d->migrations = migrations;
  d->settings = settings;
  d->ui_module = "ui.js";
  d->privacy_export = export_person;
  d->privacy_erase = erase_person;
  if (st == QT_OK) st = add_route("GET", "/hello", QT_ACCESS_PUBLIC, hello);
  if (st == QT_OK) st = add_route("GET", "/notes", QT_ACCESS_PUBLIC, list_notes);
  if (st == QT_OK) st = add_route("POST", "/notes", QT_ACCESS_PUBLIC, create_note); /* demo: public write */
  if (st == QT_OK) st = add_route("GET", "/notes/{id}", QT_ACCESS_PUBLIC, get_note);
  if (st == QT_OK) st = add_route("DELETE", "/notes/{id}", QT_ACCESS_PUBLIC, delete_note); /* demo */
  if (st == QT_OK) st = add_route("GET", "/mine", QT_ACCESS_USER, mine);
  return st;
}
