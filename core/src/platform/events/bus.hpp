#pragma once
// In-process events: JSON payloads published to dotted topics ("content.created").
// (Privacy hooks - export and erase inside the deletion transaction - live in
// privacy::Registry; the plugin host attaches each plugin's there.)
//
// Delivery is synchronous: publish() calls every matching subscriber in the publisher's
// thread before it returns, so a subscriber sees the publisher's database state. A subscriber
// that throws is logged and skipped; it never reaches the publisher. Slow work belongs in a
// job (jobs::Scheduler), not in a subscriber.
//
// Core events (content.*, comment.*, membership.*, container.*, user.*) are about database
// changes, so they go through publish_after_commit: queued when the change's transaction
// commits (dropped on rollback) and delivered in order on the bus's own delivery thread. The
// publisher never waits for a subscriber, holds no connection a subscriber might need, and a
// subscriber's failure never reaches the request that made the change.
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <boost/json/value.hpp>

namespace soci {
class session;
}

namespace qt::events {

using Subscriber = std::function<void(std::string_view topic, const boost::json::value& payload)>;

class Bus {
 public:
  Bus() = default;
  ~Bus();
  Bus(const Bus&) = delete;
  Bus& operator=(const Bus&) = delete;

  // topic: an exact name, or a prefix ending in ".*" ("content.*" matches "content.created").
  // Subscribe during startup; subscribing while events flow is safe but rarely useful.
  void subscribe(std::string topic, std::string owner, Subscriber fn);
  // Calls every matching subscriber; returns how many ran successfully.
  int publish(std::string_view topic, const boost::json::value& payload) const;

  // Queues the event for delivery after the commit of the transaction open on s in this thread
  // (at once when none is open: the change has committed). Never throws for a subscriber.
  void publish_after_commit(soci::session& s, std::string topic, boost::json::value payload) const;
  // Queues an event about a change that has already committed (delivered like the above).
  void publish_committed(std::string topic, boost::json::value payload) const {
    enqueue({std::move(topic), std::move(payload)});
  }
  // Delivers what is queued, then ends the delivery thread; later events are logged and dropped.
  void stop();
  // True when nothing is queued or being delivered (for tests and shutdown).
  bool idle() const;

  static bool topic_matches(std::string_view pattern, std::string_view topic);
  static bool valid_topic(std::string_view topic);  // [a-z0-9_]+(\.[a-z0-9_]+)*

 private:
  struct Subscription {
    std::string pattern;
    std::string owner;
    Subscriber fn;
  };
  struct Pending {
    std::string topic;
    boost::json::value payload;
  };
  void enqueue(Pending p) const;
  void deliver_loop() const;

  mutable std::mutex mutex_;
  std::vector<Subscription> subscriptions_;

  mutable std::mutex queue_mutex_;
  mutable std::condition_variable queue_cv_;
  mutable std::deque<Pending> queue_;
  mutable bool delivering_ = false;
  mutable bool stopping_ = false;
  mutable std::thread worker_;
};

}  // namespace qt::events
