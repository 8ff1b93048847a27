// Profile pictures: PUT /api/me/avatar (the raw image as the body; its Content-Type is not
// trusted), DELETE /api/me/avatar, GET /api/users/{id}/avatar?size=64|256 (served with the
// profile's visibility: a residents-only profile's picture is not shown to anonymous visitors).
#include <boost/json/object.hpp>

#include "domain/accounts/accounts.hpp"
#include "platform/log/log.hpp"
#include "platform/media/upload_error.hpp"
#include "platform/util/clock.hpp"
#include "web/http_util.hpp"
#include "web/upload_errors.hpp"
#include "platform/db/transaction.hpp"

namespace qt::accounts {
namespace {

using http::HttpError;
using http::Request;
using http::Response;

// Sets (or with an empty key clears) the person's picture; the old files go if nobody uses them.
void replace_avatar(Accounts& a, std::int64_t user_id, const std::string& key) {
  std::string old;
  {
    auto lease = a.db().write();
    auto& s = lease.session();
    db::Transaction tx(s);
    const long long id = user_id, t = now_ms();
    soci::indicator old_ind = soci::i_ok;
    s << "SELECT avatar FROM users WHERE id = :id", soci::use(id), soci::into(old, old_ind);
    if (old_ind != soci::i_ok) old.clear();
    soci::indicator ind = key.empty() ? soci::i_null : soci::i_ok;
    s << "UPDATE users SET avatar = :a, updated_at = :t WHERE id = :id", soci::use(key, ind), soci::use(t), soci::use(id);
    tx.commit();
  }
  if (!old.empty() && old != key) {
    auto lease = a.db().read();
    a.avatars().release_if_unused(lease.session(), old);
  }
}

Response put_avatar(Accounts& a, Request& req) {
  if (auto wait = a.limiter().hit("upload:" + std::to_string(req.user_id), a.settings().uploads_per_user))
    throw TooManyRequests(*wait);
  std::string key;
  try {
    key = a.avatars().store(req.body);
  } catch (const media::UploadError& e) {
    throw web::upload_refusal(e);
  }
  replace_avatar(a, req.user_id, key);
  boost::json::array sizes;
  for (int s : Avatars::kSizes) sizes.push_back(s);
  return Response::json(boost::json::object{{"avatar", avatar_url(req.user_id, key)}, {"sizes", sizes}});
}

Response delete_avatar(Accounts& a, Request& req) {
  replace_avatar(a, req.user_id, "");
  return Response::no_content();
}

bool etag_matches(const Request& req, const std::string& etag) {
  const auto sent = req.header("if-none-match");
  if (!sent) return false;
  std::string_view rest = *sent;
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    auto part = rest.substr(0, comma);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
    if (part.rfind("W/", 0) == 0) part.remove_prefix(2);
    if (part == etag || part == "*") return true;
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return false;
}

Response get_avatar(Accounts& a, Request& req) {
  const auto id = req.id_param("id");
  int size = Avatars::kDefaultSize;
  if (auto s = req.query_param("size")) {
    try {
      size = std::stoi(*s);
    } catch (...) {
      size = 0;
    }
    if (!Avatars::valid_size(size))
      throw HttpError(400, "invalid_size", "size muss 64 oder 256 sein. / size must be 64 or 256.");
  }
  auto u = a.user(id);
  const bool exists = u && u->status == "active";
  const bool is_public = exists && u->profile_visibility == "public";
  // Anonymous visitors get one answer for a missing account and a residents-only one, so ids
  // cannot be used to count accounts.
  if (!is_public && req.user_id == 0)
    throw HttpError(401, "not_logged_in",
                    "Dieses Profilbild sehen nur angemeldete Nachbarinnen und Nachbarn. / Please log in to see it.");
  if (!exists || u->avatar.empty())
    throw HttpError(404, "avatar_not_found", "Dieses Profil hat kein Bild. / This profile has no picture.");
  auto path = a.avatars().file(u->avatar, size);
  if (!path) {
    log::warn("avatar file missing", {{"user_id", id}, {"size", static_cast<std::int64_t>(size)}});
    throw HttpError(404, "avatar_not_found", "Dieses Profil hat kein Bild. / This profile has no picture.");
  }
  const std::string etag = "\"" + u->avatar.substr(0, 32) + "-" + std::to_string(size) + "\"";
  Response r;
  // Residents-only pictures must not sit in shared caches; the URL carries the version, so an
  // hour in the browser is safe, and a changed visibility reaches everyone within that hour.
  r.set_header("Cache-Control", is_public ? "public, max-age=3600" : "private, max-age=3600");
  if (!is_public) r.set_header("Vary", "Cookie");
  r.set_header("ETag", etag);
  r.set_header("X-Content-Type-Options", "nosniff");
  if (!u->search_indexable) r.set_header("X-Robots-Tag", "noindex");
  if (etag_matches(req, etag)) {
    r.status = 304;
    return r;
  }
  r.set_header("Content-Type", Avatars::content_type(u->avatar));
  r.set_header("Content-Disposition", "inline; filename=\"avatar-" + std::to_string(id) + "-" + std::to_string(size) +
                                          (Avatars::content_type(u->avatar) == "image/jpeg" ? ".jpg\"" : ".webp\""));
  r.file = *path;
  return r;
}

}  // namespace

void add_avatar_routes(Accounts& a, http::Router& r) {
  const http::RouteOptions user{http::Access::user, true, "core"};
  const http::RouteOptions open{http::Access::public_, true, "core"};
  http::RouteOptions upload = user;
  upload.max_body_bytes = static_cast<std::uint64_t>(a.settings().avatars.limits.max_bytes);
  r.put("/api/me/avatar", with_retry_after([&a](Request& q) { return put_avatar(a, q); }), upload);
  r.del("/api/me/avatar", [&a](Request& q) { return delete_avatar(a, q); }, user);
  r.get("/api/users/{id}/avatar", [&a](Request& q) { return get_avatar(a, q); }, open);
}

}  // namespace qt::accounts
