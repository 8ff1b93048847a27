#include "platform/config/render.hpp"

#include <charconv>
#include <regex>

#include "platform/util/json_escape.hpp"

namespace json = boost::json;

namespace qt::config::detail {

namespace {

constexpr std::size_t kMaxShown = 80;

std::string render_double(double d) {
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);
  if (ec != std::errc{}) return "?";
  std::string s(buf, end);
  if (s.find_first_of(".eEn") == std::string::npos) s += ".0";  // TOML writes floats with a point
  return s;
}

std::string render_full(const json::value& v) {
  switch (v.kind()) {
    case json::kind::string: return util::json_quoted(mask_url_password(std::string(v.get_string())));
    case json::kind::int64: return std::to_string(v.get_int64());
    case json::kind::uint64: return std::to_string(v.get_uint64());
    case json::kind::double_: return render_double(v.get_double());
    case json::kind::bool_: return v.get_bool() ? "true" : "false";
    case json::kind::null: return "(nothing)";
    case json::kind::array: {
      std::string out = "[";
      for (const auto& item : v.get_array()) {
        if (out.size() > 1) out += ", ";
        out += render_full(item);
      }
      return out + "]";
    }
    case json::kind::object: {
      std::string out = "{";
      for (const auto& kv : v.get_object()) {
        if (out.size() > 1) out += ",";
        out += " " + std::string(kv.key()) + " = " + render_full(kv.value());
      }
      return out + " }";
    }
  }
  return "?";
}

}  // namespace

std::string render_value(const json::value& value) {
  std::string s = render_full(value);
  if (s.size() > kMaxShown) {
    std::size_t cut = kMaxShown - 3;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;  // keep UTF-8 whole
    s = s.substr(0, cut) + "...";
  }
  return s;
}

std::string mask_url_password(const std::string& text) {
  static const std::regex userinfo(R"(([a-zA-Z][a-zA-Z0-9+.-]*://[^:/@\s]*):[^@/\s]*@)");
  return std::regex_replace(text, userinfo, "$1:***@");
}

}  // namespace qt::config::detail
