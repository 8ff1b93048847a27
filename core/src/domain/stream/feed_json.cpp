// The stream page as JSON text written directly (no boost::json object tree in between): the
// same keys in the same order and the same escaping as boost::json::serialize(to_json(page)),
// which tests/unit/stream_feed_json_test.cpp holds it to.
#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstring>

#include "domain/accounts/avatars.hpp"
#include "domain/stream/feed.hpp"

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

// Writes into the string's own buffer, sized ahead (the caller's estimate; grown if it falls
// short) and cut to length at the end: no capacity check and call per append. Keys and other
// fixed pieces are string literals whose length the compiler knows.
class Writer {
 public:
  Writer(std::string& out, std::size_t expected) : out_(out) {
    out_.resize(std::max<std::size_t>(expected, 256));
    cur_ = out_.data();
    end_ = cur_ + out_.size();
  }
  ~Writer() { out_.resize(static_cast<std::size_t>(cur_ - out_.data())); }
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  template <std::size_t N>
  void raw(const char (&s)[N]) {
    room(N - 1);
    std::memcpy(cur_, s, N - 1);
    cur_ += N - 1;
  }
  template <std::size_t N>
  void key(const char (&k)[N]) {  // keys are literals without characters to escape
    room(N + 2);
    *cur_++ = '"';
    std::memcpy(cur_, k, N - 1);
    cur_ += N - 1;
    *cur_++ = '"';
    *cur_++ = ':';
  }
  void str(std::string_view s) {
    static constexpr char hex[] = "0123456789abcdef";
    room(s.size() * 6 + 2);  // every byte escaped as \u00XX at worst
    char* o = cur_;
    *o++ = '"';
    std::size_t i = 0;
    // Eight bytes at a time while none of them needs escaping (most text needs none).
    for (; i + 8 <= s.size(); i += 8) {
      std::uint64_t x;
      std::memcpy(&x, s.data() + i, 8);
      if (needs_escape(x)) break;
      std::memcpy(o, &x, 8);
      o += 8;
    }
    for (; i < s.size(); ++i) {
      const auto ch = static_cast<unsigned char>(s[i]);
      if (ch >= 0x20 && ch != '"' && ch != '\\') {
        *o++ = static_cast<char>(ch);
        continue;
      }
      *o++ = '\\';
      switch (ch) {
        case '"': *o++ = '"'; break;
        case '\\': *o++ = '\\'; break;
        case '\b': *o++ = 'b'; break;
        case '\f': *o++ = 'f'; break;
        case '\n': *o++ = 'n'; break;
        case '\r': *o++ = 'r'; break;
        case '\t': *o++ = 't'; break;
        default:
          *o++ = 'u';
          *o++ = '0';
          *o++ = '0';
          *o++ = hex[ch >> 4];
          *o++ = hex[ch & 0xF];
      }
    }
    *o++ = '"';
    cur_ = o;
  }
  void verbatim(std::string_view json) {  // JSON text that is already valid and escaped
    room(json.size());
    std::memcpy(cur_, json.data(), json.size());
    cur_ += json.size();
  }
  void num(std::int64_t n) {
    room(24);
    cur_ = std::to_chars(cur_, cur_ + 24, n).ptr;
  }
  void boolean(bool b) {
    if (b) raw("true");
    else raw("false");
  }

 private:
  // The check is inline; growing (rare: the estimate fell short) is not.
  void room(std::size_t n) {
    if (n > static_cast<std::size_t>(end_ - cur_)) [[unlikely]] grow(n);
  }
  [[gnu::noinline]] void grow(std::size_t n) {
    const auto used = static_cast<std::size_t>(cur_ - out_.data());
    out_.resize(std::max(out_.size() * 2, used + n));
    cur_ = out_.data() + used;
    end_ = out_.data() + out_.size();
  }
  std::string& out_;
  char* cur_ = nullptr;
  char* end_ = nullptr;
};

// The parts of an entry, in the order of the card's keys (inline: this is the home stream's
// hot path, and each part is written once per entry).
inline void write_author(Writer& w, const Author& a) {
  w.raw("{");
  w.key("id"); w.num(a.id);
  w.raw(","); w.key("display_name"); w.str(a.display_name);
  w.raw(","); w.key("role"); w.str(a.role);
  w.raw(","); w.key("department"); w.str(a.department);
  w.raw(","); w.key("verified"); w.boolean(a.role == "staff" || a.role == "admin");
  w.raw(","); w.key("avatar");
  if (a.avatar.empty()) w.raw("null");
  else w.str(accounts::avatar_url(a.id, a.avatar));
  w.raw("}");
}

inline void write_container(Writer& w, const ContainerRef& c) {
  w.raw("{");
  w.key("id"); w.num(c.id);
  w.raw(","); w.key("kind"); w.str(c.kind);
  w.raw(","); w.key("name"); w.str(c.name);
  w.raw(","); w.key("neighbourhood_id");
  if (c.neighbourhood_id) w.num(*c.neighbourhood_id);
  else w.raw("null");
  w.raw("}");
}

// "reactions", "reaction_count" and "my_reaction".
inline void write_reactions(Writer& w, const Entry& e) {
  w.key("reactions"); w.raw("{");
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
}

inline void write_comments(Writer& w, const std::vector<CommentPreview>& comments) {
  w.raw("[");
  bool first = true;
  for (const auto& lc : comments) {
    if (!first) w.raw(",");
    first = false;
    w.raw("{"); w.key("id"); w.num(lc.id);
    w.raw(","); w.key("author"); w.raw("{"); w.key("id"); w.num(lc.author_id);
    w.raw(","); w.key("display_name"); w.str(lc.author_name);
    w.raw(","); w.key("avatar");
    if (lc.author_avatar.empty()) w.raw("null");
    else w.str(accounts::avatar_url(lc.author_id, lc.author_avatar));
    w.raw("},"); w.key("body_html"); w.str(lc.body_html);
    w.raw(","); w.key("hidden"); w.boolean(lc.hidden);
    w.raw(","); w.key("created_at"); w.num(lc.created_at);
    w.raw("}");
  }
  w.raw("]");
}

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
  // Stored as serialised by checked_card(): written as it is, like to_json's parse would.
  if (!i.card.empty()) { w.raw(","); w.key("card"); w.verbatim(i.card); }
  if (i.expires_at) { w.raw(","); w.key("expires_at"); w.num(*i.expires_at); }
  // Stored as serialised by Images::attach: written as it is, like to_json's parse would.
  if (!e.images.empty()) { w.raw(","); w.key("images"); w.verbatim(e.images); }
  w.raw(","); w.key("pinned"); w.boolean(i.pinned);
  w.raw(","); w.key("urgent"); w.boolean(i.urgent);
  w.raw(","); w.key("hidden"); w.boolean(i.hidden);
  if (i.hidden) { w.raw(","); w.key("hidden_reason"); w.str(i.hidden_reason); }
  w.raw(","); w.key("revision"); w.num(i.revision);
  w.raw(","); w.key("edited"); w.boolean(i.revision > 1);
  w.raw(","); w.key("created_at"); w.num(i.created_at);
  w.raw(","); w.key("updated_at"); w.num(i.updated_at);
  w.raw(","); w.key("author"); write_author(w, e.author);
  w.raw(","); w.key("container"); write_container(w, e.container);
  w.raw(","); w.key("comment_count"); w.num(i.comment_count);
  w.raw(","); write_reactions(w, e);
  if (e.latest_comments) { w.raw(","); w.key("latest_comments"); write_comments(w, *e.latest_comments); }
  w.raw("}");
}

std::size_t estimate(const Entry& e) {
  std::size_t n = 700 + e.images.size() + e.item.title.size() + e.item.summary.size() + e.item.body.size() + e.item.body_html.size() + e.item.card.size();
  if (e.latest_comments)
    for (const auto& c : *e.latest_comments) n += 120 + c.body_html.size() + c.author_name.size();
  return n;
}

void write_page(Writer& w, const Page& p) {
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
  w.raw(",");
  w.key("container_id");
  if (p.container_id) w.num(p.container_id);
  else w.raw("null");
  w.raw("}");
}

}  // namespace

std::string to_json_text(const Page& p) {
  std::size_t size = 64;
  for (const auto& e : p.items) size += estimate(e);
  for (const auto& e : p.pinned) size += estimate(e);
  std::string out;
  {
    Writer w(out, size + size / 8);
    write_page(w, p);
  }  // the writer cuts the string to what it wrote
  return out;
}

}  // namespace qt::stream
