#include "stream/http_json.hpp"


#include <boost/json.hpp>

#include "http/response.hpp"

namespace qt::stream::web {

namespace {
http::HttpError bad(std::string_view key, std::string_view what) {
  return http::HttpError(400, "invalid_field", "Feld '" + std::string(key) + "': " + std::string(what) + ".");
}
}  // namespace

boost::json::object body(const http::Request& req, std::string_view allowed) {
  boost::system::error_code ec;
  auto v = boost::json::parse(req.body.empty() ? std::string_view("{}") : std::string_view(req.body), ec);
  if (ec || !v.is_object())
    throw http::HttpError(400, "invalid_json", "Der Inhalt muss ein JSON-Objekt sein. / The body must be a JSON object.");
  auto& o = v.as_object();
  for (const auto& kv : o) {
    const std::string key(kv.key());
    std::string_view rest = allowed;
    bool ok = false;
    while (!rest.empty()) {
      const auto comma = rest.find(',');
      const auto name = rest.substr(0, comma);
      if (name == key) ok = true;
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    }
    if (!ok)
      throw http::HttpError(400, "unknown_field", "Unbekanntes Feld '" + key + "'; erlaubt: " + std::string(allowed) + ".");
  }
  return o;
}

std::optional<std::string> str(const boost::json::object& o, std::string_view key, std::size_t max_len) {
  const auto* v = o.if_contains(key);
  if (!v || v->is_null()) return std::nullopt;
  if (!v->is_string()) throw bad(key, "text expected");
  if (v->as_string().size() > max_len) throw bad(key, "at most " + std::to_string(max_len) + " bytes");
  return std::string(v->as_string());
}

std::optional<std::int64_t> integer(const boost::json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (!v || v->is_null()) return std::nullopt;
  if (v->is_int64()) return v->as_int64();
  if (v->is_uint64() && v->as_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) return static_cast<std::int64_t>(v->as_uint64());
  throw bad(key, "whole number expected");
}

std::optional<bool> boolean(const boost::json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (!v || v->is_null()) return std::nullopt;
  if (!v->is_bool()) throw bad(key, "true or false expected");
  return v->as_bool();
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
