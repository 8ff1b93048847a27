#include "events/bus.hpp"

#include <exception>
#include <stdexcept>
#include <vector>

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

}  // namespace qt::events
