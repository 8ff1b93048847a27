#include "platform/live/hub.hpp"

#include <algorithm>

#include <boost/json.hpp>

#include "platform/log/log.hpp"

namespace qt::live {

namespace {
std::string frame(std::string_view type, const boost::json::value& data) {
  boost::json::object o;
  o["type"] = type;
  if (!data.is_null()) o["data"] = data;
  return boost::json::serialize(o);
}

// A failing connection must not stop the fan-out to the others.
void send_safely(const Send& send, const std::string& text) {
  try {
    send(text);
  } catch (const std::exception& e) {
    log::warn("live send failed", {{"error", e.what()}});
  }
}
}  // namespace

ConnectionId Hub::on_open(std::int64_t user_id, Send send) {
  ConnectionId id = 0;
  Send copy;
  {
    std::lock_guard lock(mu_);
    id = next_++;
    conns_.emplace(id, Conn{user_id, send});
    by_user_.emplace(user_id, id);
    copy = std::move(send);
  }
  send_safely(copy, frame("hello", boost::json::object{{"user_id", user_id}}));
  return id;
}

void Hub::on_close(ConnectionId id) {
  std::lock_guard lock(mu_);
  auto it = conns_.find(id);
  if (it == conns_.end()) return;
  auto range = by_user_.equal_range(it->second.user_id);
  for (auto u = range.first; u != range.second; ++u) {
    if (u->second == id) {
      by_user_.erase(u);
      break;
    }
  }
  conns_.erase(it);
}

void Hub::on_message(ConnectionId id, std::string_view text) {
  boost::system::error_code ec;
  auto v = boost::json::parse(text, ec);
  if (ec || !v.is_object()) return;
  const auto* type = v.as_object().if_contains("type");
  if (!type || !type->is_string() || type->as_string() != "ping") return;
  Send send;
  {
    std::lock_guard lock(mu_);
    auto it = conns_.find(id);
    if (it == conns_.end()) return;
    send = it->second.send;
  }
  send_safely(send, frame("pong", nullptr));
}

std::vector<Send> Hub::sends_of(std::int64_t user_id) const {
  std::vector<Send> out;
  auto range = by_user_.equal_range(user_id);
  for (auto u = range.first; u != range.second; ++u) {
    auto c = conns_.find(u->second);
    if (c != conns_.end()) out.push_back(c->second.send);
  }
  return out;
}

void Hub::set_relay(Relay relay) {
  std::lock_guard lock(mu_);
  relay_ = std::move(relay);
}

void Hub::on_node_event(const std::string& type, NodeHandler handler) {
  std::lock_guard lock(mu_);
  if (handler)
    node_handlers_[type] = std::move(handler);
  else
    node_handlers_.erase(type);
}

void Hub::to_other_nodes(std::string_view type, const boost::json::value& data) {
  Relay relay;
  {
    std::lock_guard lock(mu_);
    relay = relay_;
  }
  if (!relay) return;
  try {
    relay({}, type, data);  // no recipients: the other nodes' handlers work them out
  } catch (const std::exception& e) {
    log::warn("live relay failed", {{"error", e.what()}});
  }
}

void Hub::from_other_node(std::string_view type, const boost::json::value& data) {
  NodeHandler handler;
  {
    std::lock_guard lock(mu_);
    auto it = node_handlers_.find(std::string(type));
    if (it == node_handlers_.end()) return;
    handler = it->second;
  }
  try {
    handler(data);
  } catch (const std::exception& e) {
    log::warn("live event from another node failed", {{"type", std::string(type)}, {"error", e.what()}});
  }
}

void Hub::publish(std::int64_t user_id, std::string_view type, const boost::json::value& data) {
  publish(std::vector<std::int64_t>{user_id}, type, data);
}

void Hub::publish(const std::vector<std::int64_t>& user_ids, std::string_view type, const boost::json::value& data) {
  if (user_ids.empty()) return;
  deliver_local(user_ids, type, data);
  Relay relay;
  {
    std::lock_guard lock(mu_);
    relay = relay_;
  }
  if (!relay) return;
  try {
    relay(user_ids, type, data);
  } catch (const std::exception& e) {
    log::warn("live relay failed", {{"error", e.what()}});
  }
}

void Hub::deliver_local(const std::vector<std::int64_t>& user_ids, std::string_view type, const boost::json::value& data) {
  std::vector<Send> sends;
  {
    std::lock_guard lock(mu_);
    for (auto u : user_ids) {
      auto more = sends_of(u);
      sends.insert(sends.end(), more.begin(), more.end());
    }
  }
  if (sends.empty()) return;
  const std::string text = frame(type, data);
  for (const auto& s : sends) send_safely(s, text);
}

void Hub::shutdown() {
  std::unordered_map<ConnectionId, Conn> conns;
  {
    std::lock_guard lock(mu_);
    conns.swap(conns_);
    by_user_.clear();
  }
  const std::string text = frame("shutdown", nullptr);
  for (const auto& [id, c] : conns) send_safely(c.send, text);
}

bool Hub::online(std::int64_t user_id) const {
  std::lock_guard lock(mu_);
  return by_user_.count(user_id) != 0;
}

std::vector<std::int64_t> Hub::online_users() const {
  std::lock_guard lock(mu_);
  std::vector<std::int64_t> out;
  for (const auto& [uid, _] : by_user_)
    if (out.empty() || out.back() != uid) out.push_back(uid);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::size_t Hub::connection_count() const {
  std::lock_guard lock(mu_);
  return conns_.size();
}

}  // namespace qt::live
