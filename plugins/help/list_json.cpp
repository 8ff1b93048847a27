#include "list_json.hpp"

#include "model.hpp"

namespace help {

void append_json_string(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  std::size_t plain = 0;  // start of the run not yet copied
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;  // UTF-8 passes through: stored text is valid
    out.append(s.data() + plain, i - plain);
    plain = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 0xF];
    }
  }
  out.append(s.data() + plain, s.size() - plain);
  out += '"';
}

namespace {

void key(std::string& out, const char* k) {
  out += ",\"";
  out += k;
  out += "\":";
}

void key_string(std::string& out, const char* k, std::string_view v) {
  key(out, k);
  append_json_string(out, v);
}

void key_int(std::string& out, const char* k, std::int64_t v) {
  key(out, k);
  out += std::to_string(v);
}

}  // namespace

std::int64_t append_list(std::string& out, quartier::Statement& s, std::int64_t me, std::string_view lang, bool with_risk,
                         std::int64_t& rows) {
  std::int64_t last = 0;
  rows = 0;
  out += '[';
  while (s.step()) {
    const auto r = read_request(s);
    out += rows++ ? ",{\"id\":" : "{\"id\":";
    out += std::to_string(r.id);
    key_int(out, "content_id", r.content_id);
    key_string(out, "category", r.category);
    key_string(out, "category_name", lang == "en" ? category_en(r.category) : category_de(r.category));
    key_string(out, "text", r.text);
    key_string(out, "when", r.when_kind);
    key(out, "due_at");
    out += r.due_at ? std::to_string(*r.due_at) : "null";
    key_int(out, "neighbourhood_id", r.neighbourhood_id);
    key_string(out, "urgency", r.urgency);
    key_string(out, "status", r.status);
    key_int(out, "created_at", r.created_at);
    key(out, "mine");
    out += r.asker_id == me ? "true" : "false";
    key(out, "asker");
    out += "{\"id\":" + std::to_string(r.asker_id) + ",\"display_name\":";
    append_json_string(out, s.text(15));
    out += '}';
    key(out, "risk_group");
    out += with_risk ? (r.risk_group ? "true" : "false") : "null";
    out += '}';
    last = r.id;
  }
  out += ']';
  return last;
}

}  // namespace help
