#pragma once
// Reading a JSON request body: header-only, on Boost.JSON, for the core and for plugins alike.
//
// The reader checks shape and types and throws quartier::JsonBodyError naming the field and
// what was wrong; it formats no answer itself, so each caller keeps its own status, code and
// words. what() is a bilingual default message that a plugin may pass on as it is:
//
//   #include <quartier/json_body.hpp>
//   #include <quartier/plugin.hpp>
//   try {
//     auto body = quartier::json::parse_object(req.body());
//     quartier::json::refuse_unknown(body, "title,text");
//     auto title = quartier::json::required_string(body, "title", 200);
//   } catch (const quartier::JsonBodyError& e) {
//     throw quartier::HttpError(400, e.code(), e.what());
//   }
//
// Nothing here crosses the C ABI: it only reads the text a handler already holds.
#include <algorithm>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

namespace quartier {

class JsonBodyError : public std::runtime_error {
 public:
  enum class Kind {
    not_an_object,  // the body is no JSON object
    unknown_field,  // a field not in the allowed list
    missing,        // a required string absent, null or empty
    not_a_string,
    too_long,       // longer than limit() (bytes or code points, as asked)
    not_an_integer,
    not_a_boolean,
  };

  JsonBodyError(Kind kind, std::string field, std::size_t limit = 0)
      : std::runtime_error(default_message(kind, field, limit)), kind_(kind), field_(std::move(field)), limit_(limit) {}

  Kind kind() const { return kind_; }
  // The field's key; empty for not_an_object.
  const std::string& field() const { return field_; }
  // The length limit for too_long.
  std::size_t limit() const { return limit_; }
  // A stable code for an error answer: invalid_json, unknown_field, missing_field or invalid_field.
  std::string code() const {
    switch (kind_) {
      case Kind::not_an_object: return "invalid_json";
      case Kind::unknown_field: return "unknown_field";
      case Kind::missing: return "missing_field";
      default: return "invalid_field";
    }
  }

 private:
  static std::string default_message(Kind kind, const std::string& f, std::size_t limit) {
    const std::string q = "'" + f + "'";
    switch (kind) {
      case Kind::not_an_object:
        return "Die Anfrage muss ein JSON-Objekt sein. / The request body must be a JSON object.";
      case Kind::unknown_field: return q + " ist hier nicht erlaubt. / " + q + " is not allowed here.";
      case Kind::missing: return q + " fehlt. / " + q + " is required.";
      case Kind::not_a_string: return q + " muss Text sein. / " + q + " must be text.";
      case Kind::too_long:
        return q + " darf höchstens " + std::to_string(limit) + " Zeichen haben. / " + q + " may have at most " +
               std::to_string(limit) + " characters.";
      case Kind::not_an_integer: return q + " muss eine ganze Zahl sein. / " + q + " must be a whole number.";
      case Kind::not_a_boolean: return q + " muss true oder false sein. / " + q + " must be true or false.";
    }
    return q;
  }

  Kind kind_;
  std::string field_;
  std::size_t limit_;
};

namespace json {

// How a string's length is counted against its limit.
enum class Count { bytes, code_points };

// The body as an object; an empty body is {}.
inline boost::json::object parse_object(std::string_view body) {
  if (body.empty()) return {};
  boost::system::error_code ec;
  auto v = boost::json::parse(body, ec);
  if (ec || !v.is_object()) throw JsonBodyError(JsonBodyError::Kind::not_an_object, "");
  return std::move(v.as_object());
}

// Refuses any field not named in `allowed` (comma-separated, blanks ignored), so nothing can be
// mass-assigned by accident (ASVS V5.1.2).
inline void refuse_unknown(const boost::json::object& o, std::string_view allowed) {
  const auto blank = [](char c) { return c == ' ' || c == '\t'; };
  std::vector<std::string_view> names;
  std::string_view rest = allowed;
  while (!rest.empty()) {
    std::string_view name = rest.substr(0, rest.find(','));
    rest.remove_prefix(std::min(rest.size(), name.size() + 1));
    while (!name.empty() && blank(name.front())) name.remove_prefix(1);
    while (!name.empty() && blank(name.back())) name.remove_suffix(1);
    names.push_back(name);
  }
  for (const auto& kv : o)
    if (std::find(names.begin(), names.end(), std::string_view(kv.key())) == names.end())
      throw JsonBodyError(JsonBodyError::Kind::unknown_field, std::string(kv.key()));
}

inline std::size_t code_points(std::string_view s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// A member, or nullptr when absent or null.
inline const boost::json::value* member(const boost::json::object& o, std::string_view key) {
  auto it = o.find(key);
  return it == o.end() || it->value().is_null() ? nullptr : &it->value();
}

// nullopt when absent or null; throws when not a string or longer than max_len.
inline std::optional<std::string> optional_string(const boost::json::object& o, std::string_view key,
                                                  std::size_t max_len, Count count = Count::bytes) {
  const auto* v = member(o, key);
  if (!v) return std::nullopt;
  if (!v->is_string()) throw JsonBodyError(JsonBodyError::Kind::not_a_string, std::string(key));
  std::string s(v->as_string());
  if ((count == Count::bytes ? s.size() : code_points(s)) > max_len)
    throw JsonBodyError(JsonBodyError::Kind::too_long, std::string(key), max_len);
  return s;
}

// As optional_string, and an absent, null or empty string is refused too.
inline std::string required_string(const boost::json::object& o, std::string_view key, std::size_t max_len,
                                   Count count = Count::bytes) {
  auto s = optional_string(o, key, max_len, count);
  if (!s || s->empty()) throw JsonBodyError(JsonBodyError::Kind::missing, std::string(key));
  return *s;
}

inline std::optional<std::int64_t> optional_int(const boost::json::object& o, std::string_view key) {
  const auto* v = member(o, key);
  if (!v) return std::nullopt;
  if (v->is_int64()) return v->as_int64();
  if (v->is_uint64() && v->as_uint64() <= static_cast<std::uint64_t>(INT64_MAX))
    return static_cast<std::int64_t>(v->as_uint64());
  throw JsonBodyError(JsonBodyError::Kind::not_an_integer, std::string(key));
}

inline std::optional<bool> optional_bool(const boost::json::object& o, std::string_view key) {
  const auto* v = member(o, key);
  if (!v) return std::nullopt;
  if (!v->is_bool()) throw JsonBodyError(JsonBodyError::Kind::not_a_boolean, std::string(key));
  return v->as_bool();
}

}  // namespace json
}  // namespace quartier
