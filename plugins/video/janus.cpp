#include "janus.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>

#include <quartier/plugin.hpp>
#include <sodium.h>

#include "util.hpp"

namespace video::janus {
namespace {

constexpr int kNoSuchRoom = 426, kRoomExists = 427, kNoSuchFeed = 428;  // VideoRoom error codes

Settings& mutable_settings() {
  static Settings s;
  return s;
}

std::string text(const char* key, const char* fallback = "") { return std::string(quartier::config(key).value_or(fallback)); }

std::string random_text(std::size_t bytes) {
  std::array<unsigned char, 32> buf{};
  randombytes_buf(buf.data(), bytes);
  std::string out(sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), buf.data(), bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(std::char_traits<char>::length(out.c_str()));
  return out;
}

std::int64_t number(const boost::json::value& v) {
  if (v.is_int64()) return v.as_int64();
  if (v.is_uint64()) return static_cast<std::int64_t>(v.as_uint64());
  throw std::runtime_error("Janus answered a non-number id");
}

// A synchronous VideoRoom request through the admin API (message_plugin); it must succeed unless
// its code is one of `fine`. Its data.
boost::json::object expect(boost::json::object body, std::initializer_list<int> fine = {}) {
  const std::string what(body.at("request").as_string());
  auto answer = admin("", {{"janus", "message_plugin"}, {"plugin", "janus.plugin.videoroom"}, {"request", std::move(body)}});
  const auto* r = answer.if_contains("response");
  if (!r || !r->is_object()) throw std::runtime_error("Janus VideoRoom '" + what + "' answered no response");
  const auto& data = r->as_object();
  const auto* c = data.if_contains("error_code");
  const int code = c ? static_cast<int>(number(*c)) : 0;
  if (code && std::find(fine.begin(), fine.end(), code) == fine.end())
    throw std::runtime_error("Janus VideoRoom '" + what + "' failed: " + std::to_string(code) + " " +
                             std::string(data.contains("error") ? data.at("error").as_string().c_str() : ""));
  return data;
}

std::int64_t setting_int(const char* key, std::int64_t fallback, std::int64_t lo, std::int64_t hi) {
  const auto v = quartier::config(key);
  return std::clamp<std::int64_t>(v ? std::stoll(std::string(*v)) : fallback, lo, hi);
}

}  // namespace

const Settings& settings() { return mutable_settings(); }

void load_settings() {
  auto& s = mutable_settings();
  s.admin_api = text("janus_admin_api");
  while (!s.admin_api.empty() && s.admin_api.back() == '/') s.admin_api.pop_back();
  s.admin_secret = text("janus_admin_secret");
  s.admin_key = text("janus_room_admin_key");
  s.browser_url = text("janus_browser_url", "/janus-ws");
  s.max_participants = static_cast<int>(setting_int("sfu_max_participants", 50, 7, 200));
  if (s.admin_api.empty()) return;
  if (!s.admin_api.starts_with("http://") && !s.admin_api.starts_with("https://"))
    throw std::runtime_error("[plugins.video] janus_admin_api must be an http:// or https:// URL of Janus's admin API "
                             "(e.g. \"http://127.0.0.1:7088/admin\"), not '" + s.admin_api + "'");
  if (s.admin_secret.empty())
    throw std::runtime_error("[plugins.video] janus_admin_secret is needed with janus_admin_api: the admin_secret of "
                             "janus.jcfg, with which Quartier adds and removes the participants' tokens");
  if (s.browser_url.empty() || s.browser_url[0] != '/' || s.browser_url.starts_with("//") || s.browser_url.starts_with("/api"))
    throw std::runtime_error("[plugins.video] janus_browser_url must be a path of this site that nginx passes to Janus's "
                             "WebSocket (e.g. \"/janus-ws\"; the page's CSP allows only its own origin), not '" +
                             s.browser_url + "'");
  if (s.admin_key.empty())
    throw std::runtime_error("[plugins.video] janus_room_admin_key is needed with janus_admin_api: the admin_key of "
                             "janus.plugin.videoroom.jcfg, so that only Quartier creates rooms");
}

bool enabled() { return !settings().admin_api.empty(); }

boost::json::object admin(const std::string& path, boost::json::object body, std::initializer_list<int> fine) {
  body["transaction"] = random_text(9);
  body["admin_secret"] = settings().admin_secret;
  quartier::FetchRequest rq;
  rq.method = "POST";
  rq.url = settings().admin_api + path;
  rq.content_type = "application/json";
  rq.body = boost::json::serialize(body);
  rq.timeout_ms = 5000;
  rq.user_agent_product = "quartier-video/1.1 janus-admin";
  const auto res = quartier::http_fetch(rq);
  boost::system::error_code ec;
  auto v = boost::json::parse(res.body, ec);
  if (res.status != 200 || ec || !v.is_object())
    throw std::runtime_error("Janus answered HTTP " + std::to_string(res.status) + " at " + settings().admin_api);
  auto& o = v.as_object();
  if (const auto* e = o.if_contains("error"); e && e->is_object()) {
    const auto* c = e->as_object().if_contains("code");
    const int code = c && c->is_int64() ? static_cast<int>(c->as_int64()) : 0;
    if (std::find(fine.begin(), fine.end(), code) == fine.end())
      throw std::runtime_error("Janus refused '" + std::string(body.at("janus").as_string()) + "': " + boost::json::serialize(*e));
  }
  return std::move(o);
}

std::int64_t random_id() {
  std::uint64_t v = 0;
  randombytes_buf(&v, sizeof v);
  return static_cast<std::int64_t>((v & ((std::uint64_t{1} << 52) - 1)) | 1);
}

std::string make_token() { return random_text(18); }

void ensure_room(const RoomRef& room, const std::string& description, int publishers) {
  if (exists(room.number)) return;
  expect({{"request", "create"}, {"room", room.number}, {"permanent", false}, {"description", description},
          {"secret", room.secret}, {"is_private", true}, {"publishers", publishers}, {"admin_key", settings().admin_key},
          {"allowed", boost::json::array{}}, {"notify_joining", false}},
         {kRoomExists});  // another node made it meanwhile
}

void allow(const RoomRef& room, const std::string& token, bool add) {
  expect({{"request", "allowed"}, {"room", room.number}, {"secret", room.secret}, {"action", add ? "add" : "remove"},
          {"allowed", boost::json::array{boost::json::string(token)}}},
         add ? std::initializer_list<int>{} : std::initializer_list<int>{kNoSuchRoom});
}

void kick(const RoomRef& room, std::int64_t participant) {
  expect({{"request", "kick"}, {"room", room.number}, {"secret", room.secret}, {"id", participant}}, {kNoSuchRoom, kNoSuchFeed});
}

void destroy(const RoomRef& room) {
  expect({{"request", "destroy"}, {"room", room.number}, {"secret", room.secret}, {"permanent", false}}, {kNoSuchRoom});
}

bool exists(std::int64_t n) {
  const auto data = expect({{"request", "exists"}, {"room", n}});
  const auto* e = data.if_contains("exists");
  return e && e->is_bool() && e->as_bool();
}

std::vector<std::int64_t> publishers(std::int64_t n) {
  std::vector<std::int64_t> out;
  const auto data = expect({{"request", "listparticipants"}, {"room", n}}, {kNoSuchRoom});
  if (const auto* list = data.if_contains("participants"); list && list->is_array())
    for (const auto& p : list->as_array())
      if (p.is_object() && p.as_object().contains("id")) out.push_back(number(p.as_object().at("id")));
  return out;
}

}  // namespace video::janus
