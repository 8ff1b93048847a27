// ABI 1.2 for C authors: typed reads of a JSON request body by path, a checked JSON writer,
// and res_error_ex (details and a message per language). The JSON work itself lives in
// platform/json; this file adapts it to the C ABI and catches everything.
#include <cmath>
#include <limits>
#include <new>

#include <boost/json.hpp>

#include "platform/json/path.hpp"
#include "plugin_host/abi_types.hpp"
#include "plugin_host/host.hpp"
#include "plugin_host/api/host_api_detail.hpp"

namespace qt::plugin_host::detail {
namespace {

// Runs f for a request accessor; a failure becomes a status and the thread's last error.
template <class F>
qt_status request_call(const qt_request* r, void* out, F&& f) noexcept {
  try {
    if (!r || !out) throw HostError(QT_ERR_INVALID, "req or out is NULL");
    return f();
  } catch (const HostError& e) {
    set_last_error(e.what());
    return e.status();
  } catch (const std::exception& e) {
    set_last_error(e.what());
    return QT_ERR_INTERNAL;
  } catch (...) {
    set_last_error("unknown error");
    return QT_ERR_INTERNAL;
  }
}

const boost::json::value& body_json(const qt_request* r) {
  auto* req = const_cast<qt_request*>(r);  // host-owned cache behind the plugin's const handle
  if (!req->json && req->json_error.empty()) {
    boost::system::error_code ec;
    auto v = boost::json::parse(req->req.body, ec);
    if (ec)
      req->json_error = req->req.body.empty() ? "the request has no body (JSON expected)"
                                              : "the request body is not valid JSON: " + ec.message();
    else
      req->json = std::move(v);
  }
  if (!req->json) throw HostError(QT_ERR_INVALID, req->json_error);
  return *req->json;
}

const boost::json::value& field(const qt_request* r, qt_str path) {
  const auto& root = body_json(r);
  try {
    return json::at_path(root, sv(path));
  } catch (const json::PathError& e) {
    throw HostError(e.kind() == json::PathError::Kind::missing ? QT_ERR_NOT_FOUND : QT_ERR_INVALID, e.what());
  }
}

[[noreturn]] void wrong_type(qt_str path, const char* expected, const boost::json::value& v) {
  throw HostError(QT_ERR_INVALID, "field '" + std::string(sv(path)) + "' must be " + expected + ", but it is " +
                                      std::string(json::kind_name(v)));
}

qt_status json_get_type(const qt_request* r, qt_str path, int32_t* out) {
  return request_call(r, out, [&] {
    switch (field(r, path).kind()) {
      case boost::json::kind::null: *out = QT_JSON_NULL; break;
      case boost::json::kind::bool_: *out = QT_JSON_BOOL; break;
      case boost::json::kind::string: *out = QT_JSON_STRING; break;
      case boost::json::kind::array: *out = QT_JSON_ARRAY; break;
      case boost::json::kind::object: *out = QT_JSON_OBJECT; break;
      default: *out = QT_JSON_NUMBER;
    }
    return QT_OK;
  });
}

qt_status json_get_str(const qt_request* r, qt_str path, qt_str* out) {
  return request_call(r, out, [&] {
    const auto& v = field(r, path);
    if (!v.is_string()) wrong_type(path, "a string", v);
    *out = qs(v.get_string());  // lives in the cached document until the handler returns
    return QT_OK;
  });
}

qt_status json_get_int64(const qt_request* r, qt_str path, int64_t* out) {
  return request_call(r, out, [&] {
    const auto& v = field(r, path);
    if (v.is_int64()) {
      *out = v.get_int64();
    } else if (v.is_uint64() && v.get_uint64() <= static_cast<std::uint64_t>(std::numeric_limits<int64_t>::max())) {
      *out = static_cast<int64_t>(v.get_uint64());
    } else if (v.is_double() && std::trunc(v.get_double()) == v.get_double() && std::abs(v.get_double()) < 9.2e18) {
      *out = static_cast<int64_t>(v.get_double());
    } else {
      wrong_type(path, "an integer", v);
    }
    return QT_OK;
  });
}

qt_status json_get_double(const qt_request* r, qt_str path, double* out) {
  return request_call(r, out, [&] {
    const auto& v = field(r, path);
    if (!v.is_number()) wrong_type(path, "a number", v);
    *out = v.to_number<double>();
    return QT_OK;
  });
}

qt_status json_get_bool(const qt_request* r, qt_str path, int32_t* out) {
  return request_call(r, out, [&] {
    const auto& v = field(r, path);
    if (!v.is_bool()) wrong_type(path, "true or false", v);
    *out = v.get_bool() ? 1 : 0;
    return QT_OK;
  });
}

qt_status json_get_len(const qt_request* r, qt_str path, int64_t* out) {
  return request_call(r, out, [&] {
    const auto& v = field(r, path);
    if (v.is_array()) *out = static_cast<int64_t>(v.get_array().size());
    else if (v.is_object()) *out = static_cast<int64_t>(v.get_object().size());
    else wrong_type(path, "an array or an object", v);
    return QT_OK;
  });
}

// ---- Writer: the first refused call sticks ----

template <class F>
qt_status write_call(qt_json_writer* w, F&& f) noexcept {
  if (!w) {
    set_last_error("JSON writer is NULL");
    return QT_ERR_INVALID;
  }
  if (w->failed) {
    set_last_error(w->error);
    return w->failed;
  }
  try {
    f(w->writer);
    return QT_OK;
  } catch (const json::WriteError& e) {
    w->failed = e.misuse() ? QT_ERR_STATE : QT_ERR_INVALID;
    w->error = std::string("JSON writer: ") + e.what();
  } catch (const std::exception& e) {
    w->failed = QT_ERR_INTERNAL;
    w->error = std::string("JSON writer: ") + e.what();
  }
  set_last_error(w->error);
  return w->failed;
}

qt_json_writer* json_writer_new(qt_host*) { return new (std::nothrow) qt_json_writer(); }
void json_writer_free(qt_json_writer* w) { delete w; }

qt_json_writer* res_json_writer(qt_response* r) {
  if (!r) return nullptr;
  try {
    return &r->writers.emplace_back();
  } catch (...) {
    return nullptr;
  }
}

qt_status json_begin_object(qt_json_writer* w) { return write_call(w, [](auto& j) { j.begin_object(); }); }
qt_status json_end_object(qt_json_writer* w) { return write_call(w, [](auto& j) { j.end_object(); }); }
qt_status json_begin_array(qt_json_writer* w) { return write_call(w, [](auto& j) { j.begin_array(); }); }
qt_status json_end_array(qt_json_writer* w) { return write_call(w, [](auto& j) { j.end_array(); }); }
qt_status json_key(qt_json_writer* w, qt_str k) { return write_call(w, [&](auto& j) { j.key(sv(k)); }); }
qt_status json_string(qt_json_writer* w, qt_str v) { return write_call(w, [&](auto& j) { j.string(sv(v)); }); }
qt_status json_int64(qt_json_writer* w, int64_t v) { return write_call(w, [&](auto& j) { j.int64(v); }); }
qt_status json_double(qt_json_writer* w, double v) { return write_call(w, [&](auto& j) { j.number(v); }); }
qt_status json_bool(qt_json_writer* w, int32_t v) { return write_call(w, [&](auto& j) { j.boolean(v != 0); }); }
qt_status json_null(qt_json_writer* w) { return write_call(w, [](auto& j) { j.null(); }); }
qt_status json_raw(qt_json_writer* w, qt_str v) { return write_call(w, [&](auto& j) { j.raw(sv(v)); }); }

qt_status json_writer_text(qt_json_writer* w, qt_str* out) {
  if (!out) return QT_ERR_INVALID;
  return write_call(w, [&](auto& j) { *out = qs(j.text()); });
}

qt_status res_json(qt_response* r, int32_t status, qt_json_writer* w) {
  if (!r || status < 100 || status > 599) {
    set_last_error("res_json: response is NULL or status outside 100..599");
    return QT_ERR_INVALID;
  }
  return write_call(w, [&](auto& j) {
    r->response.body = j.text();
    r->response.status = status;
    r->response.set_header("Content-Type", "application/json");
  });
}

// ---- Errors with details and a message per language ----

qt_status res_error_ex(qt_response* r, int32_t status, qt_str code, qt_str de, qt_str en, qt_str details) {
  try {
    if (!r || status < 400 || status > 599) throw HostError(QT_ERR_INVALID, "res_error_ex: status outside 400..599");
    if (code.len == 0) throw HostError(QT_ERR_INVALID, "res_error_ex: the error code is empty");
    if (de.len == 0 && en.len == 0) throw HostError(QT_ERR_INVALID, "res_error_ex: no message in any language");
    boost::json::value extra;
    if (details.len) {
      boost::system::error_code ec;
      extra = boost::json::parse(sv(details), ec);
      if (ec || !extra.is_object())
        throw HostError(QT_ERR_INVALID, "res_error_ex: details must be a JSON object" +
                                            (ec ? ": " + ec.message() : std::string()));
    }
    bool german = r->language.rfind("de", 0) == 0;
    qt_str message = (german && de.len) || en.len == 0 ? de : en;
    r->response = extra.is_object() ? http::Response::error(status, sv(code), sv(message), extra)
                                    : http::Response::error(status, sv(code), sv(message));
    return QT_OK;
  } catch (const HostError& e) {
    set_last_error(e.what());
    return e.status();
  } catch (const std::exception& e) {
    set_last_error(e.what());
    return QT_ERR_INTERNAL;
  }
}

}  // namespace

void fill_chelpers_api(qt_host_api& a, const HostServices&) {
  a.json_get_type = json_get_type;
  a.json_get_str = json_get_str;
  a.json_get_int64 = json_get_int64;
  a.json_get_double = json_get_double;
  a.json_get_bool = json_get_bool;
  a.json_get_len = json_get_len;
  a.json_writer_new = json_writer_new;
  a.json_writer_free = json_writer_free;
  a.res_json_writer = res_json_writer;
  a.json_begin_object = json_begin_object;
  a.json_end_object = json_end_object;
  a.json_begin_array = json_begin_array;
  a.json_end_array = json_end_array;
  a.json_key = json_key;
  a.json_string = json_string;
  a.json_int64 = json_int64;
  a.json_double = json_double;
  a.json_bool = json_bool;
  a.json_null = json_null;
  a.json_raw = json_raw;
  a.json_writer_text = json_writer_text;
  a.res_json = res_json;
  a.res_error_ex = res_error_ex;
}

}  // namespace qt::plugin_host::detail
