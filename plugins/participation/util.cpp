#include "util.hpp"

#include <chrono>

#include <quartier/json_body.hpp>

namespace participation {

std::int64_t now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

namespace {
// The reader's refusal as this plugin answers it: the code names the field ("invalid_title").
quartier::HttpError as_http_error(const quartier::JsonBodyError& e) {
  if (e.kind() == quartier::JsonBodyError::Kind::not_an_object) return quartier::HttpError(400, "invalid_json", e.what());
  return quartier::HttpError(400, "invalid_" + e.field(), e.what());
}
}  // namespace

boost::json::object body_object(const quartier::Request& req) {
  if (trim(req.body()).empty()) return {};
  try {
    return quartier::json::parse_object(req.body());
  } catch (const quartier::JsonBodyError& e) {
    throw as_http_error(e);
  }
}

std::optional<std::string> opt_string(const boost::json::object& o, std::string_view key, std::size_t max_chars) {
  try {
    return quartier::json::optional_string(o, key, max_chars, quartier::json::Count::code_points);
  } catch (const quartier::JsonBodyError& e) {
    throw as_http_error(e);
  }
}

std::optional<std::int64_t> opt_int(const boost::json::object& o, std::string_view key) {
  try {
    return quartier::json::optional_int(o, key);
  } catch (const quartier::JsonBodyError& e) {
    throw as_http_error(e);
  }
}

std::optional<bool> opt_bool(const boost::json::object& o, std::string_view key) {
  try {
    return quartier::json::optional_bool(o, key);
  } catch (const quartier::JsonBodyError& e) {
    throw as_http_error(e);
  }
}

std::int64_t query_int(const quartier::Request& req, std::string_view name, std::int64_t fallback, std::int64_t lo,
                       std::int64_t hi) {
  auto v = req.query(name);
  if (!v || v->empty()) return fallback;
  std::int64_t n = 0;
  bool ok = v->size() <= 18;
  for (char c : *v) {
    if (c < '0' || c > '9') {
      ok = false;
      break;
    }
    n = n * 10 + (c - '0');
  }
  if (!ok || n < lo || n > hi)
    throw quartier::HttpError(400, "invalid_" + std::string(name),
                              "'" + std::string(name) + "' muss eine Zahl von " + std::to_string(lo) + " bis " +
                                  std::to_string(hi) + " sein. / '" + std::string(name) + "' must be a number from " +
                                  std::to_string(lo) + " to " + std::to_string(hi) + ".");
  return n;
}

void send(quartier::Response& res, const boost::json::value& v, int status) {
  res.json(boost::json::serialize(v), status);
}

std::string trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

}  // namespace participation

namespace participation {

void fail(int status, const std::string& code, const std::string& de, const std::string& en) {
  throw quartier::HttpError(status, code, de + " / " + en);
}

std::string required_text(const boost::json::object& o, std::string_view key, std::size_t max_chars) {
  auto v = trim(opt_string(o, key, max_chars).value_or(""));
  if (v.empty())
    fail(400, "invalid_" + std::string(key), "'" + std::string(key) + "' fehlt: bitte ausfüllen.",
         "'" + std::string(key) + "' is missing: please fill it in.");
  return v;
}

void allow_only(const boost::json::object& o, std::string_view allowed) {
  try {
    quartier::json::refuse_unknown(o, allowed);
  } catch (const quartier::JsonBodyError& e) {
    throw quartier::HttpError(400, e.code(), e.what());
  }
}

std::optional<double> opt_number(const boost::json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (!v || v->is_null()) return std::nullopt;
  if (v->is_double()) return v->as_double();
  if (v->is_int64()) return static_cast<double>(v->as_int64());
  if (v->is_uint64()) return static_cast<double>(v->as_uint64());
  fail(400, "invalid_" + std::string(key), "'" + std::string(key) + "' muss eine Zahl sein.",
       "'" + std::string(key) + "' must be a number.");
}

}  // namespace participation
