// Janus's core token store and the sessions that hold a token (janus.hpp): what ends a removed
// participant's media at once, even from a client that ignores being let go. Janus 1.1.2 checks the
// token on every request of a session, keepalives included, before it counts the session as alive;
// a revoked token therefore also ends the session after janus.jcfg's session_timeout, and
// end_sessions() ends it now. Which sessions hold a token, Janus tells only handle by handle
// (admin `handle_info` shows the token a handle was attached with); the tokens of handles already
// seen are remembered, so a scan costs one `list_handles` per session and one `handle_info` per new
// handle.
#include <mutex>
#include <stdexcept>
#include <unordered_map>

#include "janus.hpp"

namespace video::janus {
namespace {

constexpr int kNoSuchSession = 458, kNoSuchHandle = 459, kUnknown = 490;  // Janus API error codes

std::int64_t id_of(const boost::json::value& v) {
  if (v.is_int64()) return v.as_int64();
  if (v.is_uint64()) return static_cast<std::int64_t>(v.as_uint64());
  throw std::runtime_error("Janus answered a non-number id");
}

std::vector<std::int64_t> ids(const boost::json::object& answer, const char* key) {
  std::vector<std::int64_t> out;
  if (const auto* list = answer.if_contains(key); list && list->is_array())
    for (const auto& v : list->as_array()) out.push_back(id_of(v));
  return out;
}

// handle id -> the token it was attached with (a handle's token never changes).
class HandleTokens {
 public:
  std::string token_of(std::int64_t session, std::int64_t handle) {
    {
      std::lock_guard lock(mutex_);
      if (auto it = known_.find(handle); it != known_.end()) return it->second;
    }
    const auto answer = admin("/" + std::to_string(session) + "/" + std::to_string(handle), {{"janus", "handle_info"}},
                              {kNoSuchSession, kNoSuchHandle});
    const auto* info = answer.if_contains("info");
    const auto* token = info && info->is_object() ? info->as_object().if_contains("token") : nullptr;
    const std::string out = token && token->is_string() ? std::string(token->as_string()) : std::string();
    if (info) {
      std::lock_guard lock(mutex_);
      known_[handle] = out;
    }
    return out;
  }
  // Forgets handles Janus no longer has (after a scan saw them all).
  void keep_only(const std::unordered_map<std::int64_t, bool>& seen) {
    std::lock_guard lock(mutex_);
    std::erase_if(known_, [&](const auto& kv) { return !seen.contains(kv.first); });
  }

 private:
  std::mutex mutex_;
  std::unordered_map<std::int64_t, std::string> known_;
};

HandleTokens& handle_tokens() {
  static HandleTokens t;
  return t;
}

bool holds(std::int64_t session, const std::string& token, std::unordered_map<std::int64_t, bool>& seen) {
  bool found = false;
  for (auto h : ids(admin("/" + std::to_string(session), {{"janus", "list_handles"}}, {kNoSuchSession}), "handles")) {
    seen[h] = true;
    if (!found && handle_tokens().token_of(session, h) == token) found = true;
  }
  return found;
}

}  // namespace

void grant(const std::string& token) {
  admin("", {{"janus", "add_token"}, {"token", token}, {"plugins", boost::json::array{"janus.plugin.videoroom"}}});
}

void revoke(const std::string& token) { admin("", {{"janus", "remove_token"}, {"token", token}}, {kUnknown}); }

int end_sessions(const std::string& token) {
  int ended = 0;
  std::unordered_map<std::int64_t, bool> seen;
  for (auto s : ids(admin("", {{"janus", "list_sessions"}}), "sessions")) {
    if (!holds(s, token, seen)) continue;
    admin("/" + std::to_string(s), {{"janus", "destroy_session"}}, {kNoSuchSession});
    ++ended;
  }
  handle_tokens().keep_only(seen);
  return ended;
}

}  // namespace video::janus
