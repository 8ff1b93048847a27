#include "util.hpp"

#include <chrono>
#include <cmath>

#include <quartier/json_body.hpp>

namespace market {

std::int64_t now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

namespace {
quartier::HttpError as_http_error(const quartier::JsonBodyError& e) {
  if (e.kind() == quartier::JsonBodyError::Kind::not_an_object) return quartier::HttpError(400, "invalid_json", e.what());
  return quartier::HttpError(400, "invalid_" + e.field(), e.what());
}
}  // namespace

boost::json::object body_object(const quartier::Request& req, std::string_view allowed) {
  if (trim(req.body()).empty()) return {};
  try {
    auto o = quartier::json::parse_object(req.body());
    quartier::json::refuse_unknown(o, allowed);
    return o;
  } catch (const quartier::JsonBodyError& e) {
    throw as_http_error(e);
  }
}

std::optional<std::string> opt_string(const boost::json::object& o, std::string_view key, std::size_t max_chars) {
  try {
    auto v = quartier::json::optional_string(o, key, max_chars, quartier::json::Count::code_points);
    if (v) *v = trim(*v);
    return v;
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

std::optional<double> opt_number(const boost::json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (!v || v->is_null()) return std::nullopt;
  const std::string k(key);
  if (v->is_int64()) return static_cast<double>(v->as_int64());
  if (v->is_uint64()) return static_cast<double>(v->as_uint64());
  if (v->is_double() && std::isfinite(v->as_double())) return v->as_double();
  bad("invalid_" + k, "'" + k + "' muss eine Zahl sein, z. B. 12.50. ", "'" + k + "' must be a number, e.g. 12.50.");
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
  const std::string k(name);
  if (!ok || n < lo || n > hi)
    bad("invalid_" + k, "'" + k + "' muss eine Zahl von " + std::to_string(lo) + " bis " + std::to_string(hi) + " sein.",
        "'" + k + "' must be a number from " + std::to_string(lo) + " to " + std::to_string(hi) + ".");
  return n;
}

bool query_flag(const quartier::Request& req, std::string_view name) {
  auto v = req.query(name);
  return v && (*v == "1" || *v == "true");
}

void send(quartier::Response& res, const boost::json::value& v, int status) { res.json(boost::json::serialize(v), status); }

std::string trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

std::string like_pattern(std::string_view q) {
  std::string out = "%";
  for (char c : q) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += (u >= 'A' && u <= 'Z') ? static_cast<char>(u - 'A' + 'a') : c;
  }
  return out + "%";
}

void bad(const std::string& code, const std::string& de, const std::string& en) {
  throw quartier::HttpError(400, code, de + " / " + en);
}
void not_found() { throw quartier::HttpError(404, "not_found", "Nicht gefunden. / Not found."); }
void forbidden(const std::string& de, const std::string& en) { throw quartier::HttpError(403, "forbidden", de + " / " + en); }

std::int64_t setting_int(std::string_view key, std::int64_t fallback) {
  auto v = quartier::config(key);
  if (!v) return fallback;
  try {
    return std::stoll(std::string(*v));
  } catch (const std::exception&) {
    return fallback;
  }
}

std::vector<std::string> setting_list(std::string_view key) {
  std::vector<std::string> out;
  auto v = quartier::config(key);
  if (!v) return out;
  boost::system::error_code ec;
  auto j = boost::json::parse(*v, ec);
  if (ec || !j.is_array()) return out;
  for (const auto& e : j.as_array())
    if (e.is_string()) out.emplace_back(e.as_string());
  return out;
}

bool is_staff(const quartier::Request& req) { return req.role() >= QT_ROLE_STAFF; }

}  // namespace market
