// The stream page as JSON text written directly (no boost::json object tree in between): the
// same keys in the same order and the same escaping as boost::json::serialize(to_json(page)),
// which tests/unit/stream_feed_json_test.cpp holds it to.
#include <charconv>
#include <cstdint>
#include <cstring>

#include "stream/feed.hpp"

namespace qt::stream {

namespace {

constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
constexpr std::uint64_t kHigh = 0x8080808080808080ULL;
constexpr std::uint64_t has_zero(std::uint64_t v) { return (v - kOnes) & ~v & kHigh; }
// True if any of the eight bytes is a control character, '"' or '\\' (exact: a byte of 0x80 or
// more, as in UTF-8 sequences, never counts as below 0x20).
constexpr bool needs_escape(std::uint64_t x) {
  return (((x - kOnes * 0x20) & ~x & kHigh) | has_zero(x ^ (kOnes * '"')) | has_zero(x ^ (kOnes * '\\'))) != 0;
}

class Writer {
 public:
  explicit Writer(std::string& out) : out_(out) {}

  void raw(std::string_view s) { out_.append(s); }
  void key(std::string_view k) {  // keys are literals without characters to escape
    out_ += '"';
    out_.append(k);
    out_.append("\":");
  }
  void str(std::string_view s) {
    static constexpr char hex[] = "0123456789abcdef";
    out_ += '"';
    std::size_t run = 0;  // start of the current stretch that needs no escaping
    std::size_t i = 0;
    // Eight bytes at a time while none of them needs escaping (most text needs none).
    for (; i + 8 <= s.size(); i += 8) {
      std::uint64_t x;
      std::memcpy(&x, s.data() + i, 8);
      if (needs_escape(x)) break;
    }
    for (; i < s.size(); ++i) {
      const auto ch = static_cast<unsigned char>(s[i]);
      if (ch >= 0x20 && ch != '"' && ch != '\\') continue;
      out_.append(s.data() + run, i - run);
      run = i + 1;
      switch (ch) {
        case '"': out_.append("\\\""); break;
        case '\\': out_.append("\\\\"); break;
        case '\b': out_.append("\\b"); break;
        case '\f': out_.append("\\f"); break;
        case '\n': out_.append("\\n"); break;
        case '\r': out_.append("\\r"); break;
        case '\t': out_.append("\\t"); break;
        default:
          out_.append("\\u00");
          out_ += hex[ch >> 4];
          out_ += hex[ch & 0xF];
      }
    }
    out_.append(s.data() + run, s.size() - run);
    out_ += '"';
  }
  void num(std::int64_t n) {
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof buf, n);
    out_.append(buf, static_cast<std::size_t>(r.ptr - buf));
  }
  void boolean(bool b) { out_.append(b ? "true" : "false"); }

 private:
  std::string& out_;
};

void write_entry(Writer& w, const Entry& e) {
  const auto& i = e.item;
  w.raw("{");
  w.key("id"); w.num(i.id);
  w.raw(","); w.key("kind"); w.str(i.kind);
  w.raw(","); w.key("owner"); w.str(i.owner);
  w.raw(","); w.key("visibility"); w.str(content::to_string(i.visibility));
  w.raw(","); w.key("title"); w.str(i.title);
  w.raw(","); w.key("summary"); w.str(i.summary);
  if (e.form == Form::full) {
    w.raw(","); w.key("body"); w.str(i.body);
    w.raw(","); w.key("body_html"); w.str(i.body_html);
  }
  w.raw(","); w.key("official"); w.boolean(i.official);
  w.raw(","); w.key("pinned"); w.boolean(i.pinned);
  w.raw(","); w.key("urgent"); w.boolean(i.urgent);
  w.raw(","); w.key("hidden"); w.boolean(i.hidden);
  if (i.hidden) { w.raw(","); w.key("hidden_reason"); w.str(i.hidden_reason); }
  w.raw(","); w.key("revision"); w.num(i.revision);
  w.raw(","); w.key("edited"); w.boolean(i.revision > 1);
  w.raw(","); w.key("created_at"); w.num(i.created_at);
  w.raw(","); w.key("updated_at"); w.num(i.updated_at);
  w.raw(","); w.key("author"); w.raw("{");
  w.key("id"); w.num(e.author.id);
  w.raw(","); w.key("display_name"); w.str(e.author.display_name);
  w.raw(","); w.key("role"); w.str(e.author.role);
  w.raw(","); w.key("department"); w.str(e.author.department);
  w.raw(","); w.key("verified"); w.boolean(e.author.role == "staff" || e.author.role == "admin");
  w.raw("},"); w.key("container"); w.raw("{");
  w.key("id"); w.num(e.container.id);
  w.raw(","); w.key("kind"); w.str(e.container.kind);
  w.raw(","); w.key("name"); w.str(e.container.name);
  w.raw(","); w.key("neighbourhood_id");
  if (e.container.neighbourhood_id) w.num(*e.container.neighbourhood_id);
  else w.raw("null");
  w.raw("},"); w.key("comment_count"); w.num(i.comment_count);
  w.raw(","); w.key("reactions"); w.raw("{");
  bool first = true;
  for (const auto& [k, n] : e.reactions) {
    if (!first) w.raw(",");
    first = false;
    w.str(k);
    w.raw(":");
    w.num(n);
  }
  w.raw("},"); w.key("reaction_count"); w.num(e.reaction_count);
  w.raw(","); w.key("my_reaction");
  if (e.my_reaction.empty()) w.raw("null");
  else w.str(e.my_reaction);
  if (e.latest_comments) {
    w.raw(","); w.key("latest_comments"); w.raw("[");
    first = true;
    for (const auto& lc : *e.latest_comments) {
      if (!first) w.raw(",");
      first = false;
      w.raw("{"); w.key("id"); w.num(lc.id);
      w.raw(","); w.key("author"); w.raw("{"); w.key("id"); w.num(lc.author_id);
      w.raw(","); w.key("display_name"); w.str(lc.author_name);
      w.raw("},"); w.key("body_html"); w.str(lc.body_html);
      w.raw(","); w.key("hidden"); w.boolean(lc.hidden);
      w.raw(","); w.key("created_at"); w.num(lc.created_at);
      w.raw("}");
    }
    w.raw("]");
  }
  w.raw("}");
}

std::size_t estimate(const Entry& e) {
  std::size_t n = 600 + e.item.title.size() + e.item.summary.size() + e.item.body.size() + e.item.body_html.size();
  if (e.latest_comments)
    for (const auto& c : *e.latest_comments) n += 120 + c.body_html.size() + c.author_name.size();
  return n;
}

}  // namespace

std::string to_json_text(const Page& p) {
  std::size_t size = 64;
  for (const auto& e : p.items) size += estimate(e);
  for (const auto& e : p.pinned) size += estimate(e);
  std::string out;
  out.reserve(size + size / 8);
  Writer w(out);
  w.raw("{");
  w.key("items");
  w.raw("[");
  for (std::size_t i = 0; i < p.items.size(); ++i) {
    if (i) w.raw(",");
    write_entry(w, p.items[i]);
  }
  w.raw("],");
  w.key("pinned");
  w.raw("[");
  for (std::size_t i = 0; i < p.pinned.size(); ++i) {
    if (i) w.raw(",");
    write_entry(w, p.pinned[i]);
  }
  w.raw("],");
  w.key("next_before");
  if (p.next_before) w.str(std::to_string(p.next_before));
  else w.raw("null");
  w.raw("}");
  return out;
}

}  // namespace qt::stream
