#include "events/bus.hpp"

#include <exception>
#include <stdexcept>

#include "log/log.hpp"

namespace qt::events {

bool Bus::valid_topic(std::string_view topic) {
  if (topic.empty() || topic.size() > 128) return false;
  bool segment_empty = true;
  for (char c : topic) {
    if (c == '.') {
      if (segment_empty) return false;
      segment_empty = true;
    } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_') {
      segment_empty = false;
    } else {
      return false;
    }
  }
  return !segment_empty;
}

bool Bus::topic_matches(std::string_view pattern, std::string_view topic) {
  if (pattern.size() >= 2 && pattern.substr(pattern.size() - 2) == ".*") {
    auto prefix = pattern.substr(0, pattern.size() - 1);  // keep the dot
    return topic.size() > prefix.size() && topic.substr(0, prefix.size()) == prefix;
  }
  return pattern == topic;
}

void Bus::subscribe(std::string topic, std::string owner, Subscriber fn) {
  auto check = topic;
  if (check.size() >= 2 && check.substr(check.size() - 2) == ".*") check.resize(check.size() - 2);
  if (!valid_topic(check)) throw std::invalid_argument("invalid event topic '" + topic + "'");
  std::lock_guard lock(mutex_);
  subscriptions_.push_back({std::move(topic), std::move(owner), std::move(fn)});
}

int Bus::publish(std::string_view topic, const boost::json::value& payload) const {
  // Copy the matching subscribers so a subscriber may publish in turn without deadlock.
  std::vector<Subscription> matching;
  {
    std::lock_guard lock(mutex_);
    for (const auto& s : subscriptions_)
      if (topic_matches(s.pattern, topic)) matching.push_back(s);
  }
  int ok = 0;
  for (const auto& sub : matching) {
    const auto* s = &sub;
    try {
      s->fn(topic, payload);
      ++ok;
    } catch (const std::exception& e) {
      log::error("event subscriber failed", {{"topic", topic}, {"owner", s->owner}, {"reason", e.what()}});
    } catch (...) {
      log::error("event subscriber failed", {{"topic", topic}, {"owner", s->owner}, {"reason", "unknown exception"}});
    }
  }
  return ok;
}

void Bus::on_user_deleted(std::string owner, EraseHook hook) {
  std::lock_guard lock(mutex_);
  for (const auto& h : erase_hooks_)
    if (h.first == owner) throw std::invalid_argument("erase hook of '" + owner + "' registered twice");
  erase_hooks_.emplace_back(std::move(owner), std::move(hook));
}

void Bus::on_user_export(std::string owner, ExportHook hook) {
  std::lock_guard lock(mutex_);
  for (const auto& h : export_hooks_)
    if (h.first == owner) throw std::invalid_argument("export hook of '" + owner + "' registered twice");
  export_hooks_.emplace_back(std::move(owner), std::move(hook));
}

void Bus::user_deleted(std::int64_t user_id, soci::session& tx) const {
  std::vector<std::pair<std::string, EraseHook>> hooks;
  {
    std::lock_guard lock(mutex_);
    hooks = erase_hooks_;
  }
  for (const auto& [owner, hook] : hooks) {
    try {
      hook(user_id, tx);
    } catch (const std::exception& e) {
      log::error("erase hook failed; the deletion is rolled back", {{"owner", owner}, {"reason", e.what()}});
      throw;
    }
  }
  boost::json::object payload;
  payload["user_id"] = user_id;
  publish("user.deleted", payload);
}

boost::json::object Bus::user_export(std::int64_t user_id) const {
  std::vector<std::pair<std::string, ExportHook>> hooks;
  {
    std::lock_guard lock(mutex_);
    hooks = export_hooks_;
  }
  boost::json::object out;
  for (const auto& [owner, hook] : hooks) out[owner] = hook(user_id);
  return out;
}

}  // namespace qt::events
