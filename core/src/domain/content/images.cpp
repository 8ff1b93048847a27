#include "domain/content/images.hpp"

#include <algorithm>
#include <set>

#include <boost/json.hpp>

#include "domain/errors/error.hpp"
#include "platform/db/transaction.hpp"
#include "platform/log/log.hpp"
#include "platform/media/base64.hpp"
#include "platform/media/sized_key.hpp"

namespace qt::content {
namespace {

constexpr std::string_view kArea = "images";

std::size_t utf8_chars(std::string_view s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char ch) { return (static_cast<unsigned char>(ch) & 0xC0) != 0x80; }));
}

std::string trimmed(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  return std::string(s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1));
}

[[noreturn]] void invalid(const std::string& code, const std::string& message) {
  throw domain::Error(domain::ErrorKind::invalid, code, message);
}

// The column of content_images and the table whose `images` JSON a target's pictures fill.
struct Where {
  const char* column;
  const char* table;
  std::int64_t id;
};
Where where_of(const ImageTarget& t) {
  if (t.content_id) return {"content_id", "content", t.content_id};
  return {"comment_id", "comments", t.comment_id};
}

struct Attached {
  std::int64_t id = 0;
  std::string key;
};

std::vector<Attached> attached(soci::session& s, const Where& w) {
  std::vector<Attached> out;
  Attached a;
  soci::statement st = (s.prepare << "SELECT id, file_key FROM content_images WHERE " << w.column << " = :t ORDER BY id",
                        soci::use(w.id, "t"), soci::into(a.id), soci::into(a.key));
  st.execute();
  while (st.fetch()) out.push_back(a);
  return out;
}

void write_cards(soci::session& s, const Where& w, const boost::json::array& cards) {
  const std::string json = boost::json::serialize(cards);
  soci::indicator ind = cards.empty() ? soci::i_null : soci::i_ok;
  s << "UPDATE " << w.table << " SET images = :j WHERE id = :id", soci::use(json, ind, "j"), soci::use(w.id, "id");
}

std::vector<std::string> keys_where(soci::session& s, const std::string& sql, std::int64_t id) {
  std::vector<std::string> keys;
  std::string key;
  soci::statement st = (s.prepare << sql, soci::use(id, "x"), soci::into(key));
  st.execute();
  while (st.fetch()) keys.push_back(key);
  return keys;
}

}  // namespace

Images::Images(ImageSettings settings, db::Database& db)
    : settings_(std::move(settings)), store_(settings_.dir), db_(db) {}

UploadedImage Images::upload(std::int64_t user_id, std::string_view bytes) const {
  const std::vector<int> sizes(std::begin(kSizes), std::end(kSizes));
  auto images = media::fitted_images(bytes, sizes, settings_.format, settings_.limits);
  const auto ext = media::extension_of(settings_.format);
  const auto& largest = images.renditions.back();
  // Named by the hash of the largest re-encoded picture: the same upload gives the same files.
  const std::string hash = media::FileStore::content_key(largest.bytes);
  for (const auto& r : images.renditions) store_.put(kArea, media::sized_file_name(hash, r.size, ext), r.bytes);
  remove_pending();
  UploadedImage out{0, largest.width, largest.height};
  const std::string key = hash + "." + std::string(ext);
  const std::int64_t t = now_ms();
  auto lease = db_.write();
  *lease << "INSERT INTO content_images (user_id, file_key, width, height, created_at) VALUES (:u, :k, :w, :h, :t)"
            " RETURNING id",
      soci::use(user_id, "u"), soci::use(key, "k"), soci::use(out.width, "w"), soci::use(out.height, "h"),
      soci::use(t, "t"), soci::into(out.id);
  log::info("picture stored", {{"source_type", images.source_type},
                               {"source_pixels", static_cast<std::int64_t>(images.source_width) * images.source_height}});
  return out;
}

void Images::remove_pending() const {
  std::vector<std::string> keys;
  {
    auto lease = db_.write();
    db::Transaction tx(*lease);
    const std::int64_t cutoff = now_ms() - kPendingMs;
    keys = keys_where(*lease,
                      "SELECT file_key FROM content_images WHERE content_id IS NULL AND comment_id IS NULL"
                      " AND created_at < :x",
                      cutoff);
    if (keys.empty()) return;
    *lease << "DELETE FROM content_images WHERE content_id IS NULL AND comment_id IS NULL AND created_at < :x",
        soci::use(cutoff, "x");
    tx.commit();
  }
  release(keys);
}

void Images::check_choices(const std::vector<ImageChoice>& choices, std::size_t max) {
  if (choices.size() > max)
    invalid("too_many_images", "Höchstens " + std::to_string(max) + (max == 1 ? " Bild" : " Bilder") +
                                   " sind hier möglich. / At most " + std::to_string(max) +
                                   (max == 1 ? " picture" : " pictures") + " can be added here.");
  std::set<std::int64_t> seen;
  for (const auto& c : choices) {
    if (c.id <= 0 || !seen.insert(c.id).second)
      invalid("invalid_image", "Jedes Bild kann nur einmal vorkommen; bitte die Bildauswahl prüfen. / Each picture "
                               "can be used once; please check the pictures chosen.");
    const std::string alt = trimmed(c.alt);
    if (alt.empty() && !c.decorative)
      invalid("image_alt_missing", "Bitte beschreiben Sie jedes Bild in wenigen Worten (Alternativtext) oder markieren "
                                   "Sie es als rein dekorativ. / Please describe each picture in a few words (alt text) "
                                   "or mark it as decorative.");
    if (utf8_chars(alt) > kMaxAlt)
      invalid("image_alt_too_long", "Die Bildbeschreibung ist zu lang (höchstens " + std::to_string(kMaxAlt) +
                                        " Zeichen). / The picture description is too long (at most " +
                                        std::to_string(kMaxAlt) + " characters).");
  }
}

std::vector<std::string> Images::attach(soci::session& s, std::int64_t author_id, const ImageTarget& target,
                                        const std::vector<ImageChoice>& choices) const {
  const Where w = where_of(target);
  const auto before = attached(s, w);
  boost::json::array cards;
  std::vector<std::int64_t> kept;
  for (std::size_t pos = 0; pos < choices.size(); ++pos) {
    const auto& c = choices[pos];
    auto r = row(s, c.id);
    const bool unused = r && r->content_id == 0 && r->comment_id == 0;
    const bool ours = r && (target.content_id ? r->content_id == target.content_id : r->comment_id == target.comment_id);
    if (!r || r->user_id != author_id || !(unused || ours))
      invalid("invalid_image", "Dieses Bild gibt es nicht oder es gehört zu einem anderen Beitrag; bitte erneut "
                               "hochladen. / This picture does not exist or belongs elsewhere; please upload it again.");
    const std::string alt = c.decorative && trimmed(c.alt).empty() ? std::string() : trimmed(c.alt);
    const std::int64_t position = static_cast<std::int64_t>(pos), decorative = alt.empty() ? 1 : 0;
    s << "UPDATE content_images SET " << w.column << " = :t, position = :p, alt = :a, decorative = :d WHERE id = :id",
        soci::use(w.id, "t"), soci::use(position, "p"), soci::use(alt, "a"), soci::use(decorative, "d"),
        soci::use(c.id, "id");
    cards.push_back(boost::json::object{{"id", c.id},         {"url", url(c.id)}, {"width", r->width},
                                        {"height", r->height}, {"alt", alt},       {"decorative", decorative != 0}});
    kept.push_back(c.id);
  }
  std::vector<std::string> removed;
  for (const auto& a : before) {
    if (std::find(kept.begin(), kept.end(), a.id) != kept.end()) continue;
    s << "DELETE FROM content_images WHERE id = :id", soci::use(a.id, "id");
    removed.push_back(a.key);
  }
  write_cards(s, w, cards);
  return removed;
}

std::vector<std::string> Images::detach_all(soci::session& s, const ImageTarget& target) const {
  const Where w = where_of(target);
  std::vector<std::string> keys;
  for (auto& a : attached(s, w)) keys.push_back(std::move(a.key));
  if (keys.empty()) return keys;
  s << "DELETE FROM content_images WHERE " << w.column << " = :t", soci::use(w.id, "t");
  write_cards(s, w, {});
  return keys;
}

void Images::drop(soci::session& s, const ImageTarget& target) const {
  auto keys = detach_all(s, target);
  if (!keys.empty()) db::after_commit(s, [this, keys = std::move(keys)] { release(keys); });
}

void Images::drop_item(soci::session& s, std::int64_t content_id) const {
  auto keys = detach_all(s, {content_id, 0});
  for (auto& k : keys_where(s,
                            "SELECT i.file_key FROM content_images i JOIN comments m ON m.id = i.comment_id"
                            " WHERE m.content_id = :x",
                            content_id))
    keys.push_back(std::move(k));
  s << "DELETE FROM content_images WHERE comment_id IN (SELECT id FROM comments WHERE content_id = :c)",
      soci::use(content_id, "c");
  s << "UPDATE comments SET images = NULL WHERE content_id = :c AND images IS NOT NULL", soci::use(content_id, "c");
  if (!keys.empty()) db::after_commit(s, [this, keys = std::move(keys)] { release(keys); });
}

void Images::drop_container(soci::session& s, std::int64_t container_id) const {
  auto keys = keys_where(s,
                         "SELECT i.file_key FROM content_images i JOIN content c ON c.id = i.content_id"
                         " WHERE c.container_id = :x",
                         container_id);
  for (auto& k : keys_where(s,
                            "SELECT i.file_key FROM content_images i JOIN comments m ON m.id = i.comment_id"
                            " JOIN content c ON c.id = m.content_id WHERE c.container_id = :x",
                            container_id))
    keys.push_back(std::move(k));
  // The rows go with the container (foreign keys cascade); the files after the commit.
  if (!keys.empty()) db::after_commit(s, [this, keys = std::move(keys)] { release(keys); });
}

void Images::erase_person(soci::session& s, std::int64_t user_id) const {
  auto keys = keys_where(s, "SELECT file_key FROM content_images WHERE user_id = :x", user_id);
  s << "DELETE FROM content_images WHERE user_id = :u", soci::use(user_id, "u");
  s << "UPDATE comments SET images = NULL WHERE author_id = :u", soci::use(user_id, "u");
  s << "UPDATE content SET images = NULL WHERE author_id = :u", soci::use(user_id, "u");
  if (!keys.empty()) db::after_commit(s, [this, keys = std::move(keys)] { release(keys); });
}

boost::json::array Images::export_person(soci::session& s, std::int64_t user_id) const {
  boost::json::array out;
  ImageRow r;
  std::string alt;
  std::int64_t decorative = 0, created = 0;
  soci::indicator ci = soci::i_null, mi = soci::i_null;
  soci::statement st = (s.prepare << "SELECT id, file_key, content_id, comment_id, width, height, alt, decorative, created_at"
                                     " FROM content_images WHERE user_id = :u ORDER BY id",
                        soci::use(user_id, "u"), soci::into(r.id), soci::into(r.file_key), soci::into(r.content_id, ci),
                        soci::into(r.comment_id, mi), soci::into(r.width), soci::into(r.height), soci::into(alt),
                        soci::into(decorative), soci::into(created));
  st.execute();
  while (st.fetch()) {
    boost::json::object o{{"id", r.id}, {"content_id", ci == soci::i_ok ? boost::json::value(r.content_id) : nullptr},
                          {"comment_id", mi == soci::i_ok ? boost::json::value(r.comment_id) : nullptr},
                          {"width", r.width}, {"height", r.height}, {"alt", alt}, {"decorative", decorative != 0},
                          {"created_at", created}, {"content_type", content_type(r.file_key)}};
    // The largest size kept (the upload itself is never stored: only its re-encoded pixels).
    auto parts = media::split_sized_key(r.file_key);
    auto bytes = parts ? store_.read(kArea, media::sized_file_name(parts->first, kSizes[2], parts->second)) : std::nullopt;
    o["data_base64"] = bytes ? media::base64(*bytes) : std::string();
    out.push_back(std::move(o));
  }
  return out;
}

void Images::release(const std::vector<std::string>& keys) const {
  auto lease = db_.read();
  for (const auto& key : std::set<std::string>(keys.begin(), keys.end())) {
    auto parts = media::split_sized_key(key);
    if (!parts) continue;
    long long rows = 0;
    *lease << "SELECT COUNT(*) FROM content_images WHERE file_key = :k", soci::use(key, "k"), soci::into(rows);
    if (rows > 0) continue;
    for (int size : kSizes) store_.remove(kArea, media::sized_file_name(parts->first, size, parts->second));
  }
}

std::optional<ImageRow> Images::row(soci::session& s, std::int64_t id) const {
  ImageRow r;
  soci::indicator ci = soci::i_null, mi = soci::i_null;
  s << "SELECT id, user_id, content_id, comment_id, file_key, width, height FROM content_images WHERE id = :id",
      soci::use(id, "id"), soci::into(r.id), soci::into(r.user_id), soci::into(r.content_id, ci),
      soci::into(r.comment_id, mi), soci::into(r.file_key), soci::into(r.width), soci::into(r.height);
  if (!s.got_data()) return std::nullopt;
  if (ci != soci::i_ok) r.content_id = 0;
  if (mi != soci::i_ok) r.comment_id = 0;
  return r;
}

bool Images::readable(soci::session& s, const Store& store, const Viewer& v, const ImageRow& r) const {
  if (v.signed_in() && v.user_id == r.user_id) return true;
  if (r.content_id) return store.can_read(s, v, r.content_id);
  if (!r.comment_id) return false;  // not used yet: its uploader's alone
  std::int64_t content_id = 0, author = 0, hidden = 0;
  soci::indicator deleted = soci::i_null;
  std::int64_t deleted_at = 0;
  s << "SELECT content_id, author_id, hidden, deleted_at FROM comments WHERE id = :id", soci::use(r.comment_id, "id"),
      soci::into(content_id), soci::into(author), soci::into(hidden), soci::into(deleted_at, deleted);
  if (!s.got_data() || deleted == soci::i_ok) return false;
  if (hidden && !v.moderator() && v.user_id != author) return false;
  return store.can_read(s, v, content_id);
}

std::optional<std::filesystem::path> Images::file(std::string_view key, int size) const {
  auto parts = media::split_sized_key(key);
  if (!parts || !valid_size(size)) return std::nullopt;
  const auto name = media::sized_file_name(parts->first, size, parts->second);
  if (!store_.exists(kArea, name)) return std::nullopt;
  return store_.path_of(kArea, name);
}

bool Images::valid_size(int size) { return std::find(std::begin(kSizes), std::end(kSizes), size) != std::end(kSizes); }

std::string_view Images::content_type(std::string_view key) { return media::sized_key_type(key); }

std::string Images::url(std::int64_t id) { return "/api/images/" + std::to_string(id); }

}  // namespace qt::content
