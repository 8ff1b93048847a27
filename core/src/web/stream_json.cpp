#include "web/stream_json.hpp"

#include <boost/json.hpp>
#include <quartier/json_body.hpp>

#include "platform/http/response.hpp"

namespace qt::stream::web {

namespace {
http::HttpError bad(std::string_view key, std::string_view what) {
  return http::HttpError(400, "invalid_field", "Feld '" + std::string(key) + "': " + std::string(what) + ".");
}

// The reader's refusal in these routes' words.
http::HttpError as_http_error(const quartier::JsonBodyError& e, std::string_view allowed) {
  using Kind = quartier::JsonBodyError::Kind;
  switch (e.kind()) {
    case Kind::not_an_object:
      return http::HttpError(400, "invalid_json",
                             "Der Inhalt muss ein JSON-Objekt sein. / The body must be a JSON object.");
    case Kind::unknown_field:
      return http::HttpError(400, "unknown_field",
                             "Unbekanntes Feld '" + e.field() + "'; erlaubt: " + std::string(allowed) + ".");
    case Kind::too_long: return bad(e.field(), "at most " + std::to_string(e.limit()) + " bytes");
    case Kind::not_an_integer: return bad(e.field(), "whole number expected");
    case Kind::not_a_boolean: return bad(e.field(), "true or false expected");
    case Kind::not_a_string:
    case Kind::missing: break;
  }
  return bad(e.field(), "text expected");
}
}  // namespace

boost::json::object body(const http::Request& req, std::string_view allowed) {
  try {
    auto o = quartier::json::parse_object(req.body);
    quartier::json::refuse_unknown(o, allowed);
    return o;
  } catch (const quartier::JsonBodyError& e) {
    throw as_http_error(e, allowed);
  }
}

std::optional<std::string> str(const boost::json::object& o, std::string_view key, std::size_t max_len) {
  try {
    return quartier::json::optional_string(o, key, max_len);
  } catch (const quartier::JsonBodyError& e) {
    throw as_http_error(e, {});
  }
}

std::optional<std::int64_t> integer(const boost::json::object& o, std::string_view key) {
  try {
    return quartier::json::optional_int(o, key);
  } catch (const quartier::JsonBodyError& e) {
    throw as_http_error(e, {});
  }
}

std::optional<bool> boolean(const boost::json::object& o, std::string_view key) {
  try {
    return quartier::json::optional_bool(o, key);
  } catch (const quartier::JsonBodyError& e) {
    throw as_http_error(e, {});
  }
}

std::vector<std::int64_t> int_list(const boost::json::object& o, std::string_view key, std::size_t max) {
  std::vector<std::int64_t> out;
  const auto* v = o.if_contains(key);
  if (!v || v->is_null()) return out;
  if (!v->is_array()) throw bad(key, "list of ids expected");
  if (v->as_array().size() > max) throw bad(key, "at most " + std::to_string(max) + " ids");
  for (const auto& x : v->as_array()) {
    if (!x.is_int64() || x.as_int64() <= 0) throw bad(key, "list of positive ids expected");
    out.push_back(x.as_int64());
  }
  return out;
}

}  // namespace qt::stream::web
