#include "plugin_host/live/registry.hpp"

#include <random>
#include <utility>

#include <boost/json.hpp>

#include "platform/live/hub.hpp"
#include "platform/log/log.hpp"

namespace qt::plugin_host {

namespace {
// 20 bits of node tag above 32 bits of counter: ids stay below 2^52 (exact in JavaScript).
std::uint64_t random_node_tag() {
  std::random_device rd;
  return std::uniform_int_distribution<std::uint64_t>(1, (1u << 20) - 1)(rd);
}
}  // namespace

LiveRegistry::LiveRegistry(live::Hub* hub) : hub_(hub), node_tag_(random_node_tag()) {
  if (hub_) hub_->on_node_event(kNodeEvent, [this](const boost::json::value& d) { from_other_node(d); });
}

LiveRegistry::~LiveRegistry() {
  if (hub_) hub_->on_node_event(kNodeEvent, {});
}

std::uint64_t LiveRegistry::create(const std::string& plugin) {
  std::lock_guard lock(mu_);
  const std::uint64_t id = (node_tag_ << kCounterBits) | (next_++ & 0xffffffffu);
  conns_[id].plugin = plugin;
  return id;
}

void LiveRegistry::attach(std::uint64_t conn, std::shared_ptr<http::WsSender> sender) {
  std::vector<std::string> pending;
  std::optional<std::pair<std::uint16_t, std::string>> close;
  {
    std::lock_guard lock(mu_);
    auto it = conns_.find(conn);
    if (it == conns_.end()) return;
    it->second.sender = sender;
    pending.swap(it->second.pending);
    close = std::move(it->second.pending_close);
  }
  for (auto& text : pending) sender->send(std::move(text));
  if (close) sender->close_with(close->first, std::move(close->second));
}

void LiveRegistry::remove(std::uint64_t conn) {
  std::lock_guard lock(mu_);
  auto it = conns_.find(conn);
  if (it == conns_.end()) return;
  for (const auto& room : it->second.rooms) {
    auto r = rooms_.find({it->second.plugin, room});
    if (r == rooms_.end()) continue;
    r->second.erase(conn);
    if (r->second.empty()) rooms_.erase(r);
  }
  conns_.erase(it);
}

LiveRegistry::Result LiveRegistry::deliver_local(const std::string& plugin, std::uint64_t conn, std::string text) {
  std::shared_ptr<http::WsSender> sender;
  {
    std::lock_guard lock(mu_);
    auto it = conns_.find(conn);
    if (it == conns_.end()) return Result::not_found;
    if (it->second.plugin != plugin) return Result::denied;
    if (it->second.closing) return Result::not_found;
    if (!it->second.sender) {
      it->second.pending.push_back(std::move(text));
      return Result::ok;
    }
    sender = it->second.sender;
  }
  sender->send(std::move(text));
  return Result::ok;
}

LiveRegistry::Result LiveRegistry::send(const std::string& plugin, std::uint64_t conn, std::string text) {
  if (local(conn)) return deliver_local(plugin, conn, std::move(text));
  relay({{"k", "send"}, {"p", plugin}, {"c", conn}, {"t", std::move(text)}});
  return Result::ok;
}

LiveRegistry::Result LiveRegistry::close_local(const std::string& plugin, std::uint64_t conn, std::uint16_t code,
                                               std::string reason) {
  std::shared_ptr<http::WsSender> sender;
  {
    std::lock_guard lock(mu_);
    auto it = conns_.find(conn);
    if (it == conns_.end()) return Result::not_found;
    if (it->second.plugin != plugin) return Result::denied;
    if (it->second.closing) return Result::not_found;
    it->second.closing = true;
    if (!it->second.sender) {
      it->second.pending_close.emplace(code, std::move(reason));
      return Result::ok;
    }
    sender = it->second.sender;
  }
  sender->close_with(code, std::move(reason));
  return Result::ok;
}

LiveRegistry::Result LiveRegistry::close(const std::string& plugin, std::uint64_t conn, std::uint16_t code,
                                         std::string reason) {
  if (local(conn)) return close_local(plugin, conn, code, std::move(reason));
  relay({{"k", "close"}, {"p", plugin}, {"c", conn}, {"code", code}, {"r", std::move(reason)}});
  return Result::ok;
}

LiveRegistry::Result LiveRegistry::join(const std::string& plugin, std::uint64_t conn, const std::string& room) {
  std::lock_guard lock(mu_);
  auto it = conns_.find(conn);
  if (it == conns_.end() || it->second.closing) return Result::not_found;
  if (it->second.plugin != plugin) return Result::denied;
  it->second.rooms.insert(room);
  rooms_[{plugin, room}].insert(conn);
  return Result::ok;
}

LiveRegistry::Result LiveRegistry::leave(const std::string& plugin, std::uint64_t conn, const std::string& room) {
  std::lock_guard lock(mu_);
  auto it = conns_.find(conn);
  if (it == conns_.end()) return Result::not_found;
  if (it->second.plugin != plugin) return Result::denied;
  if (!it->second.rooms.erase(room)) return Result::not_found;
  auto r = rooms_.find({plugin, room});
  if (r != rooms_.end()) {
    r->second.erase(conn);
    if (r->second.empty()) rooms_.erase(r);
  }
  return Result::ok;
}

void LiveRegistry::room_local(const std::string& plugin, const std::string& room, const std::string& text,
                              std::uint64_t except) {
  std::vector<std::uint64_t> members;
  {
    std::lock_guard lock(mu_);
    auto r = rooms_.find({plugin, room});
    if (r == rooms_.end()) return;
    members.assign(r->second.begin(), r->second.end());
  }
  for (auto c : members)
    if (c != except) deliver_local(plugin, c, text);
}

void LiveRegistry::send_room(const std::string& plugin, const std::string& room, const std::string& text,
                             std::uint64_t except) {
  room_local(plugin, room, text, except);
  relay({{"k", "room"}, {"p", plugin}, {"r", room}, {"t", text}, {"x", except}});
}

std::size_t LiveRegistry::connection_count() const {
  std::lock_guard lock(mu_);
  return conns_.size();
}

void LiveRegistry::relay(boost::json::object msg) {
  if (hub_) hub_->to_other_nodes(kNodeEvent, msg);
}

void LiveRegistry::from_other_node(const boost::json::value& data) {
  const auto& o = data.as_object();
  const std::string kind(o.at("k").as_string());
  const std::string plugin(o.at("p").as_string());
  if (kind == "room") {
    room_local(plugin, std::string(o.at("r").as_string()), std::string(o.at("t").as_string()),
               o.at("x").to_number<std::uint64_t>());
    return;
  }
  const auto conn = o.at("c").to_number<std::uint64_t>();
  if (!local(conn)) return;  // another node's connection
  if (kind == "send") deliver_local(plugin, conn, std::string(o.at("t").as_string()));
  if (kind == "close")
    close_local(plugin, conn, o.at("code").to_number<std::uint16_t>(), std::string(o.at("r").as_string()));
}

}  // namespace qt::plugin_host
