#include "janus.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>

#include <quartier/plugin.hpp>
#include <sodium.h>

#include "ice.hpp"
#include "util.hpp"

namespace video::janus {
namespace {

constexpr int kNoSuchRoom = 426, kRoomExists = 427, kNoSuchFeed = 428;

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

// One request to Janus's HTTP API; the answer's JSON object. Throws with what Janus said.
boost::json::object call(const std::string& path, boost::json::object body) {
  body["transaction"] = random_text(9);
  if (!settings().token_secret.empty()) body["token"] = make_token(now_ms() / 1000);
  quartier::FetchRequest rq;
  rq.method = "POST";
  rq.url = settings().api + path;
  rq.content_type = "application/json";
  rq.body = boost::json::serialize(body);
  rq.timeout_ms = 5000;
  rq.user_agent_product = "quartier-video/1.0 janus-client";
  const auto res = quartier::http_fetch(rq);
  boost::system::error_code ec;
  auto v = boost::json::parse(res.body, ec);
  if (res.status != 200 || ec || !v.is_object())
    throw std::runtime_error("Janus answered HTTP " + std::to_string(res.status) + " at " + settings().api);
  auto& o = v.as_object();
  if (o.contains("error")) {
    const auto& e = o.at("error");
    throw std::runtime_error("Janus refused: " + boost::json::serialize(e));
  }
  return std::move(o);
}

// A Janus session with the VideoRoom plugin attached, destroyed when it goes out of scope.
class Handle {
 public:
  Handle() {
    session_ = number(call("", {{"janus", "create"}}).at("data").at("id"));
    try {
      handle_ = number(call(path(false), {{"janus", "attach"}, {"plugin", "janus.plugin.videoroom"}}).at("data").at("id"));
    } catch (...) {
      close();
      throw;
    }
  }
  ~Handle() { close(); }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;

  // A synchronous VideoRoom request: its data, and the VideoRoom error code (0 = none).
  std::pair<boost::json::object, int> request(boost::json::object body) {
    auto answer = call(path(true), {{"janus", "message"}, {"body", std::move(body)}});
    auto data = answer.at("plugindata").at("data").as_object();
    const auto* code = data.if_contains("error_code");
    return {data, code ? static_cast<int>(number(*code)) : 0};
  }

 private:
  std::string path(bool with_handle) const {
    return "/" + std::to_string(session_) + (with_handle ? "/" + std::to_string(handle_) : "");
  }
  void close() noexcept {
    try {
      call(path(false), {{"janus", "destroy"}});
    } catch (const std::exception&) {
      // Janus drops an idle session after its session_timeout anyway.
    }
  }
  std::int64_t session_ = 0, handle_ = 0;
};

// A VideoRoom request that must succeed unless its code is one of `fine`.
boost::json::object expect(boost::json::object body, std::initializer_list<int> fine = {}) {
  Handle h;
  const std::string what(body.at("request").as_string());
  auto [data, code] = h.request(std::move(body));
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
  s.api = text("janus_api");
  while (!s.api.empty() && s.api.back() == '/') s.api.pop_back();
  s.admin_key = text("janus_room_admin_key");
  s.token_secret = text("janus_token_secret");
  s.browser_url = text("janus_browser_url", "/janus-ws");
  s.max_participants = static_cast<int>(setting_int("sfu_max_participants", 50, 7, 200));
  s.token_ttl_seconds = static_cast<int>(setting_int("janus_token_ttl_seconds", 14400, 600, 86400));
  if (s.api.empty()) return;
  if (!s.api.starts_with("http://") && !s.api.starts_with("https://"))
    throw std::runtime_error("[plugins.video] janus_api must be an http:// or https:// URL of Janus's HTTP API "
                             "(e.g. \"http://127.0.0.1:8088/janus\"), not '" + s.api + "'");
  if (s.browser_url.empty() || s.browser_url[0] != '/' || s.browser_url.starts_with("//") || s.browser_url.starts_with("/api"))
    throw std::runtime_error("[plugins.video] janus_browser_url must be a path of this site that nginx passes to Janus's "
                             "WebSocket (e.g. \"/janus-ws\"; the page's CSP allows only its own origin), not '" +
                             s.browser_url + "'");
  if (s.admin_key.empty())
    throw std::runtime_error("[plugins.video] janus_room_admin_key is needed with janus_api: the admin_key of "
                             "janus.plugin.videoroom.jcfg, so that only Quartier creates rooms");
}

bool enabled() { return !settings().api.empty(); }

std::int64_t random_id() {
  std::uint64_t v = 0;
  randombytes_buf(&v, sizeof v);
  return static_cast<std::int64_t>((v & ((std::uint64_t{1} << 52) - 1)) | 1);
}

std::string make_token(std::int64_t now) {
  const std::string nonce = random_text(18);
  if (settings().token_secret.empty()) return nonce;
  const std::string data = std::to_string(now + settings().token_ttl_seconds) + ",janus,janus.plugin.videoroom," + nonce;
  return data + ":" + turn_password(settings().token_secret, data);
}

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
