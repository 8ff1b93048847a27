// The public side of links (links.hpp): what a link shows and serves to anyone who has it,
// without an account. A password-protected link is unlocked with POST /unlock, which answers
// an access code valid for an hour (an HMAC of the link under a key derived from the stored
// password hash, so it dies with the link or a new password).
#include <sodium.h>

#include <boost/json.hpp>

#include "item.hpp"
#include "links.hpp"
#include "util.hpp"

namespace files {
namespace {

using quartier::Access;
using quartier::Request;
using quartier::Response;

constexpr std::int64_t kWindowMs = 15LL * 60 * 1000;
constexpr std::int64_t kMaxWrong = 5;
constexpr std::int64_t kAccessMs = 3600LL * 1000;

struct Shared {
  std::int64_t id = 0, expires_at = 0, failed = 0, failed_since = 0;
  std::string token_hash, password_hash;
  Item root;
};

std::string hex(const unsigned char* p, std::size_t n) {
  std::string out(n * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), p, n);
  out.pop_back();
  return out;
}

[[noreturn]] void link_gone() {
  throw quartier::HttpError(404, "link_not_found",
                            "Diesen Link gibt es nicht (mehr); bitte die Person fragen, die ihn geteilt hat. / This link "
                            "does not exist (any more); please ask the person who shared it.");
}

bool live(const Item& it) {
  if (it.deleted_at) return false;
  for (const auto& f : folder_path(it.parent_id))
    if (f.deleted_at) return false;
  return true;
}

// The link of the request's token, still valid: not expired, its item alive, its group public.
Shared open_link(const Request& req) {
  const auto token = std::string(req.param("token").value_or(""));
  unsigned char h[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(h, reinterpret_cast<const unsigned char*>(token.data()), token.size());
  quartier::Statement s("SELECT id, item_id, expires_at, COALESCE(password_hash, ''), failed_count, failed_since"
                        " FROM files_links WHERE token_hash = :h");
  s.bind("h", hex(h, sizeof h));
  if (token.size() != 64 || !s.step()) link_gone();
  Shared l{s.int64(0), s.int64(2), s.int64(4), s.int64(5), hex(h, sizeof h), s.text(3), {}};
  if (l.expires_at <= now_ms())
    throw quartier::HttpError(410, "link_expired",
                              "Dieser Link ist abgelaufen; bitte um einen neuen. / This link has expired; please ask for a "
                              "new one.");
  auto it = find_item(s.int64(1));
  if (!it || !live(*it)) link_gone();
  if (it->space_kind == "group") {
    quartier::Statement v("SELECT visibility FROM plugin_containers WHERE id = :id");
    v.bind("id", it->space_ref);
    if (!v.step() || v.text(0) != "public") link_gone();
  }
  l.root = std::move(*it);
  return l;
}

std::string access_mac(const Shared& l, std::int64_t until) {
  unsigned char key[crypto_auth_hmacsha256_KEYBYTES];
  crypto_hash_sha256(key, reinterpret_cast<const unsigned char*>(l.password_hash.data()), l.password_hash.size());
  const auto msg = l.token_hash + "." + std::to_string(until);
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256(mac, reinterpret_cast<const unsigned char*>(msg.data()), msg.size(), key);
  return hex(mac, sizeof mac);
}

// A password-protected link needs ?access=<until>.<mac> from /unlock.
void check_access(const Request& req, const Shared& l) {
  if (l.password_hash.empty()) return;
  const std::string access(req.query("access").value_or(""));
  const auto dot = access.find('.');
  bool ok = dot != std::string::npos && dot > 0 && dot < 16;
  std::int64_t until = 0;
  for (std::size_t i = 0; ok && i < dot; ++i) {
    ok = access[i] >= '0' && access[i] <= '9';
    until = until * 10 + (access[i] - '0');
  }
  if (ok) {
    const auto want = access_mac(l, until);
    const auto got = access.substr(dot + 1);
    ok = until > now_ms() && got.size() == want.size() && sodium_memcmp(got.data(), want.data(), want.size()) == 0;
  }
  if (!ok)
    throw quartier::HttpError(401, "password_required",
                              "Dieser Link ist mit einem Passwort geschützt; bitte das Passwort eingeben. / This link is "
                              "protected by a password; please enter it.");
}

void unlock(Request& req, Response& res) {
  const auto l = open_link(req);
  const auto now = now_ms();
  const bool in_window = now - l.failed_since < kWindowMs;
  if (in_window && l.failed >= kMaxWrong) {
    res.header("Retry-After", std::to_string((l.failed_since + kWindowMs - now) / 1000 + 1));
    throw quartier::HttpError(429, "too_many_attempts",
                              "Zu viele falsche Passwörter für diesen Link; bitte in 15 Minuten noch einmal versuchen. / "
                              "Too many wrong passwords for this link; please try again in 15 minutes.");
  }
  const auto password = opt_string(body_object(req), "password", 200).value_or("");
  if (l.password_hash.empty() ||
      crypto_pwhash_str_verify(l.password_hash.c_str(), password.data(), password.size()) == 0) {
    quartier::Statement reset("UPDATE files_links SET failed_count = 0, failed_since = 0 WHERE id = :id");
    reset.bind("id", l.id);
    reset.run();
    const auto until = now + kAccessMs;
    send(res, {{"access", std::to_string(until) + "." + (l.password_hash.empty() ? "" : access_mac(l, until))},
               {"until", until}});
    return;
  }
  quartier::Statement fail(in_window ? "UPDATE files_links SET failed_count = failed_count + 1 WHERE id = :id"
                                     : "UPDATE files_links SET failed_count = 1, failed_since = :t WHERE id = :id");
  fail.bind("id", l.id);
  if (!in_window) fail.bind("t", now);
  fail.run();
  throw quartier::HttpError(403, "wrong_password",
                            "Das Passwort stimmt nicht. / The password is not right.");
}

// An item of the shared tree: the shared item itself or anything alive below it.
Item within(const Shared& l, std::int64_t id) {
  if (id == 0 || id == l.root.id) return l.root;
  auto it = find_item(id);
  bool inside = false;
  if (it && live(*it))
    for (const auto& f : folder_path(it->parent_id)) inside = inside || f.id == l.root.id;
  if (!inside)
    throw quartier::HttpError(404, "item_not_found",
                              "Diese Datei gehört nicht zu diesem Link. / This file does not belong to this link.");
  return std::move(*it);
}

boost::json::object public_json(const Item& it) {
  boost::json::object o{{"id", it.id}, {"kind", it.is_folder ? "folder" : "file"}, {"name", it.name}};
  if (!it.is_folder) {
    o["bytes"] = it.bytes;
    o["mime"] = it.mime;
    o["scan"] = it.scan_status;
  }
  return o;
}

void show(Request& req, Response& res) {
  const auto l = open_link(req);
  boost::json::object out{{"expires_at", l.expires_at}, {"has_password", !l.password_hash.empty()}, {"root", public_json(l.root)}};
  check_access(req, l);
  const auto folder = within(l, query_int(req, "folder", 0, 0, INT64_MAX));
  if (folder.is_folder) {
    boost::json::array items, path;
    for (const auto& c : children(folder.space_kind, folder.space_ref, folder.id)) items.push_back(public_json(c));
    bool below = false;
    for (const auto& f : folder_path(folder.id)) {
      below = below || f.id == l.root.id;
      if (below) path.push_back(boost::json::object{{"id", f.id}, {"name", f.name}});
    }
    out["folder"] = public_json(folder);
    out["path"] = path;
    out["items"] = items;
  }
  send(res, out);
}

void content(Request& req, Response& res) {
  const auto l = open_link(req);
  check_access(req, l);
  const auto it = within(l, query_int(req, "item", 0, 0, INT64_MAX));
  if (it.is_folder)
    throw quartier::HttpError(400, "is_folder", "Ein Ordner hat keinen Inhalt zum Herunterladen. / A folder has no content to download.");
  check_servable(it);
  if (!quartier::send_blob(res, it.blob_key, it.mime, it.name, false))
    throw quartier::HttpError(410, "content_missing", "Der Inhalt dieser Datei fehlt. / This file's content is missing.");
}

}  // namespace

void add_public_link_routes(quartier::Plugin& plugin) {
  plugin.get("/public/{token}", Access::public_, show);
  plugin.route("POST", "/public/{token}/unlock", Access::public_, unlock, QT_LANE_BLOCKING);  // Argon2 takes a while
  plugin.get("/public/{token}/content", Access::public_, content);
}

}  // namespace files
