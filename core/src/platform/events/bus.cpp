#include "platform/events/bus.hpp"

#include <exception>
#include <stdexcept>
#include <vector>

#include "platform/db/transaction.hpp"
#include "platform/log/log.hpp"

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

Bus::~Bus() { stop(); }

void Bus::publish_after_commit(soci::session& s, std::string topic, boost::json::value payload) const {
  db::after_commit(s, [this, t = std::move(topic), p = std::move(payload)]() mutable {
    enqueue({std::move(t), std::move(p)});
  });
}

void Bus::enqueue(Pending p) const {
  std::lock_guard lock(queue_mutex_);
  if (stopping_) {
    log::warn("event dropped: the server is stopping", {{"topic", p.topic}});
    return;
  }
  queue_.push_back(std::move(p));
  if (!worker_.joinable()) worker_ = std::thread([this] { deliver_loop(); });
  queue_cv_.notify_all();
}

void Bus::deliver_loop() const {
  std::unique_lock lock(queue_mutex_);
  for (;;) {
    queue_cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) return;  // stopping and drained
    auto next = std::move(queue_.front());
    queue_.pop_front();
    delivering_ = true;
    lock.unlock();
    publish(next.topic, next.payload);
    lock.lock();
    delivering_ = false;
    queue_cv_.notify_all();
  }
}

bool Bus::idle() const {
  std::lock_guard lock(queue_mutex_);
  return queue_.empty() && !delivering_;
}

void Bus::stop() {
  std::thread worker;
  {
    std::lock_guard lock(queue_mutex_);
    stopping_ = true;
    queue_cv_.notify_all();
    worker = std::move(worker_);
  }
  if (worker.joinable()) worker.join();
}

}  // namespace qt::events
