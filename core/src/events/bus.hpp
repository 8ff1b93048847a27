#pragma once
// In-process events: JSON payloads published to dotted topics ("content.created").
// (Privacy hooks - export and erase inside the deletion transaction - live in
// privacy::Registry; the plugin host attaches each plugin's there.)
//
// Delivery is synchronous: publish() calls every matching subscriber in the publisher's
// thread before it returns, so a subscriber sees the publisher's database state. A subscriber
// that throws is logged and skipped; it never reaches the publisher. Slow work belongs in a
// job (jobs::Scheduler), not in a subscriber.
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/value.hpp>

namespace qt::events {

using Subscriber = std::function<void(std::string_view topic, const boost::json::value& payload)>;

class Bus {
 public:
  // topic: an exact name, or a prefix ending in ".*" ("content.*" matches "content.created").
  // Subscribe during startup; subscribing while events flow is safe but rarely useful.
  void subscribe(std::string topic, std::string owner, Subscriber fn);
  // Calls every matching subscriber; returns how many ran successfully.
  int publish(std::string_view topic, const boost::json::value& payload) const;

  static bool topic_matches(std::string_view pattern, std::string_view topic);
  static bool valid_topic(std::string_view topic);  // [a-z0-9_]+(\.[a-z0-9_]+)*

 private:
  struct Subscription {
    std::string pattern;
    std::string owner;
    Subscriber fn;
  };
  mutable std::mutex mutex_;
  std::vector<Subscription> subscriptions_;
};

}  // namespace qt::events
