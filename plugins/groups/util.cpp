#include "util.hpp"

#include <chrono>

namespace groups {

std::int64_t now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

boost::json::object body_object(const quartier::Request& req) {
  if (trim(req.body()).empty()) return {};
  boost::system::error_code ec;
  auto v = boost::json::parse(req.body(), ec);
  if (ec || !v.is_object())
    throw quartier::HttpError(400, "invalid_json",
                              "Die Anfrage muss ein JSON-Objekt sein. / The request body must be a JSON object.");
  return std::move(v.as_object());
}

namespace {
std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (char c : s)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  return n;
}
}  // namespace

std::optional<std::string> opt_string(const boost::json::object& o, std::string_view key, std::size_t max_chars) {
  auto it = o.find(key);
  if (it == o.end() || it->value().is_null()) return std::nullopt;
  if (!it->value().is_string())
    throw quartier::HttpError(400, "invalid_" + std::string(key),
                              "'" + std::string(key) + "' muss Text sein. / '" + std::string(key) + "' must be text.");
  std::string s(it->value().as_string());
  if (code_points(s) > max_chars)
    throw quartier::HttpError(400, "invalid_" + std::string(key),
                              "'" + std::string(key) + "' darf höchstens " + std::to_string(max_chars) +
                                  " Zeichen haben. / '" + std::string(key) + "' may have at most " +
                                  std::to_string(max_chars) + " characters.");
  return s;
}

std::optional<std::int64_t> opt_int(const boost::json::object& o, std::string_view key) {
  auto it = o.find(key);
  if (it == o.end() || it->value().is_null()) return std::nullopt;
  if (it->value().is_int64()) return it->value().as_int64();
  if (it->value().is_uint64() && it->value().as_uint64() <= static_cast<std::uint64_t>(INT64_MAX))
    return static_cast<std::int64_t>(it->value().as_uint64());
  throw quartier::HttpError(400, "invalid_" + std::string(key),
                            "'" + std::string(key) + "' muss eine ganze Zahl sein. / '" + std::string(key) +
                                "' must be a whole number.");
}

std::optional<bool> opt_bool(const boost::json::object& o, std::string_view key) {
  auto it = o.find(key);
  if (it == o.end() || it->value().is_null()) return std::nullopt;
  if (!it->value().is_bool())
    throw quartier::HttpError(400, "invalid_" + std::string(key),
                              "'" + std::string(key) + "' muss true oder false sein. / '" + std::string(key) +
                                  "' must be true or false.");
  return it->value().as_bool();
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

}  // namespace groups
