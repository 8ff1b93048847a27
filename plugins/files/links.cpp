#include "links.hpp"

#include <sodium.h>

#include <boost/json.hpp>

#include "item.hpp"
#include "space.hpp"
#include "util.hpp"

namespace files {
namespace {

using quartier::Access;
using quartier::Request;
using quartier::Response;

constexpr std::int64_t kDayMs = 24LL * 3600 * 1000;

std::string hex(const unsigned char* p, std::size_t n) {
  std::string out(n * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), p, n);
  out.pop_back();
  return out;
}

std::string sha256_hex(std::string_view s) {
  unsigned char h[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(h, reinterpret_cast<const unsigned char*>(s.data()), s.size());
  return hex(h, sizeof h);
}

struct Link {
  std::int64_t id = 0, item_id = 0, expires_at = 0, created_by = 0, created_at = 0, failed = 0, failed_since = 0;
  std::string token_hash, password_hash;
};

constexpr const char* kLinkColumns =
    "SELECT id, item_id, token_hash, COALESCE(password_hash, ''), expires_at, created_by, created_at, failed_count,"
    " failed_since FROM files_links ";

Link link_row(const quartier::Statement& s) {
  return Link{s.int64(0), s.int64(1), s.int64(4), s.int64(5), s.int64(6), s.int64(7), s.int64(8), s.text(2), s.text(3)};
}

boost::json::object link_json(const Link& l) {
  return {{"id", l.id},           {"item_id", l.item_id},       {"expires_at", l.expires_at},
          {"has_password", !l.password_hash.empty()}, {"created_by", l.created_by}, {"created_at", l.created_at}};
}

[[noreturn]] void link_gone() {
  throw quartier::HttpError(404, "link_not_found",
                            "Diesen Link gibt es nicht (mehr); bitte die Person fragen, die ihn geteilt hat. / This link "
                            "does not exist (any more); please ask the person who shared it.");
}

// A group shares outside only while it is public.
bool shareable(std::string_view kind, std::int64_t ref) {
  if (kind != "group") return true;
  quartier::Statement s("SELECT visibility FROM plugin_containers WHERE id = :id");
  s.bind("id", ref);
  return s.step() && s.text(0) == "public";
}

// The item, when the request's person may share it: they made it, or manage the space.
std::pair<Item, Space> sharer(const Request& req, std::int64_t id) {
  auto [it, sp] = open_item(req, id);
  if (!sp.can_write || (it.owner_id != req.user_id() && !sp.can_manage))
    throw quartier::HttpError(403, "not_allowed",
                              "Teilen dürfen hier nur die Person, die es angelegt hat, und die Verwaltenden. / Only the "
                              "person who made it and the space's managers may share it.");
  return {std::move(it), std::move(sp)};
}

}  // namespace

void drop_links(const std::vector<std::int64_t>& item_ids) {
  quartier::Statement del("DELETE FROM files_links WHERE item_id = :i");
  for (auto id : item_ids) {
    del.bind("i", id);
    del.run();
    del.reset();
  }
}

namespace {

void create(Request& req, Response& res) {
  auto [it, sp] = sharer(req, req.id_param("id"));
  if (!shareable(sp.kind, sp.ref))
    throw quartier::HttpError(409, "sharing_not_allowed",
                              "Diese Gruppe ist nicht öffentlich; ihre Dateien lassen sich nicht per Link teilen. / This "
                              "group is not public; its files cannot be shared by link.");
  const auto body = body_object(req);
  const auto days = opt_int(body, "expires_days").value_or(7);
  if (days < 1 || days > 365)
    throw quartier::HttpError(400, "invalid_expires_days",
                              "Ein Link gilt 1 bis 365 Tage. / A link is valid for 1 to 365 days.");
  const auto password = opt_string(body, "password", 200).value_or("");
  if (!password.empty() && password.size() < 8)
    throw quartier::HttpError(400, "invalid_password",
                              "Das Passwort braucht mindestens 8 Zeichen (oder leer lassen). / The password needs at least "
                              "8 characters (or leave it empty).");
  std::string hash;
  if (!password.empty()) {
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
      throw quartier::Error(QT_ERR_INTERNAL, "crypto_pwhash_str ran out of memory");
    hash = out;
  }
  unsigned char raw[32];
  randombytes_buf(raw, sizeof raw);
  const auto token = hex(raw, sizeof raw);
  quartier::Statement s("INSERT INTO files_links (item_id, token_hash, password_hash, expires_at, created_by, created_at)"
                        " VALUES (:i, :h, :p, :e, :u, :t) RETURNING id");
  const auto now = now_ms();
  s.bind("i", it.id).bind("h", sha256_hex(token)).bind("e", now + days * kDayMs).bind("u", req.user_id()).bind("t", now);
  if (hash.empty()) s.bind("p", nullptr); else s.bind("p", hash);
  s.step();
  auto out = link_json(Link{s.int64(0), it.id, now + days * kDayMs, req.user_id(), now, 0, 0, "", hash});
  out["token"] = token;
  out["path"] = "/s/" + token;
  send(res, out, 201);
}

void list(Request& req, Response& res) {
  auto [it, sp] = sharer(req, req.id_param("id"));
  quartier::Statement s(std::string(kLinkColumns) + "WHERE item_id = :i AND expires_at > :now ORDER BY id DESC");
  s.bind("i", it.id).bind("now", now_ms());
  boost::json::array out;
  while (s.step()) out.push_back(link_json(link_row(s)));
  send(res, {{"links", out}, {"shareable", shareable(sp.kind, sp.ref)}});
}

void revoke(Request& req, Response& res) {
  quartier::Statement s(std::string(kLinkColumns) + "WHERE id = :id");
  s.bind("id", req.id_param("id"));
  if (!s.step()) link_gone();
  const auto l = link_row(s);
  sharer(req, l.item_id);
  quartier::Statement del("DELETE FROM files_links WHERE id = :id");
  del.bind("id", l.id);
  del.run();
  res.status(204);
}

}  // namespace

void add_link_routes(quartier::Plugin& plugin) {
  if (sodium_init() < 0) throw quartier::Error(QT_ERR_INTERNAL, "libsodium could not be initialised (no random source)");
  plugin.route("POST", "/items/{id}/links", Access::user, create, QT_LANE_BLOCKING);  // Argon2 takes a while
  plugin.get("/items/{id}/links", Access::user, list);
  plugin.del("/links/{id}", Access::user, revoke);
  add_public_link_routes(plugin);
}

}  // namespace files
