#pragma once
// In-process events: JSON payloads published to dotted topics ("content.created"), and the
// synchronous privacy hooks that every module holding personal data answers.
//
// Delivery is synchronous: publish() calls every matching subscriber in the publisher's
// thread before it returns, so a subscriber sees the publisher's database state. A subscriber
// that throws is logged and skipped; it never reaches the publisher. Slow work belongs in a
// job (jobs::Scheduler), not in a subscriber.
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

namespace soci {
class session;
}

namespace qt::events {

using Subscriber = std::function<void(std::string_view topic, const boost::json::value& payload)>;

// Deletes or anonymises a person's rows; runs inside the caller's transaction on `tx`.
// Throws to make the caller roll the whole deletion back.
using EraseHook = std::function<void(std::int64_t user_id, soci::session& tx)>;
// Returns the person's data held by the owner (any JSON value).
using ExportHook = std::function<boost::json::value(std::int64_t user_id)>;

class Bus {
 public:
  // topic: an exact name, or a prefix ending in ".*" ("content.*" matches "content.created").
  // Subscribe during startup; subscribing while events flow is safe but rarely useful.
  void subscribe(std::string topic, std::string owner, Subscriber fn);
  // Calls every matching subscriber; returns how many ran successfully.
  int publish(std::string_view topic, const boost::json::value& payload) const;

  // Privacy hooks, keyed by owner ("core", a module or a plugin name). One of each per owner.
  void on_user_deleted(std::string owner, EraseHook hook);
  void on_user_export(std::string owner, ExportHook hook);
  // Runs every erase hook in registration order on tx; the first that throws stops the rest
  // and its exception propagates (the caller rolls back). Then publishes "user.deleted".
  void user_deleted(std::int64_t user_id, soci::session& tx) const;
  // {owner: value} for every export hook; a hook that throws propagates.
  boost::json::object user_export(std::int64_t user_id) const;

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
  std::vector<std::pair<std::string, EraseHook>> erase_hooks_;
  std::vector<std::pair<std::string, ExportHook>> export_hooks_;
};

}  // namespace qt::events
