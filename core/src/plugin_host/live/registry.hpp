#pragma once
// The connections of plugin WebSocket endpoints (ABI 1.3): ids unique in the cluster (a random
// node tag in the high bits), the rooms each connection is in, and delivery to a connection or a
// room on this node and, through the core's live relay (live::Hub::to_other_nodes), on others.
// Thread-safe; a send never blocks (WsSender queues on the connection's strand).
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <boost/json/value.hpp>

#include "platform/http/websocket.hpp"

namespace qt::live {
class Hub;
}

namespace qt::plugin_host {

class LiveRegistry {
 public:
  // hub: the relay to other nodes (may be null: one node). Registers its node event.
  explicit LiveRegistry(live::Hub* hub);
  ~LiveRegistry();
  LiveRegistry(const LiveRegistry&) = delete;
  LiveRegistry& operator=(const LiveRegistry&) = delete;

  // A new connection of `plugin`, not yet open: sends are queued until attach().
  std::uint64_t create(const std::string& plugin);
  void attach(std::uint64_t conn, std::shared_ptr<http::WsSender> sender);
  // Forgets the connection and its rooms (closed or refused).
  void remove(std::uint64_t conn);

  bool local(std::uint64_t conn) const { return (conn >> kCounterBits) == node_tag_; }
  // Outcomes for the ABI: ok, not_found (closed or closing here), denied (another plugin's).
  enum class Result { ok, not_found, denied };
  Result send(const std::string& plugin, std::uint64_t conn, std::string text);
  Result close(const std::string& plugin, std::uint64_t conn, std::uint16_t code, std::string reason);
  Result join(const std::string& plugin, std::uint64_t conn, const std::string& room);
  Result leave(const std::string& plugin, std::uint64_t conn, const std::string& room);
  void send_room(const std::string& plugin, const std::string& room, const std::string& text, std::uint64_t except);

  std::size_t connection_count() const;
  // What another node asked this one to deliver (the relay's node event).
  void from_other_node(const boost::json::value& data);

  static constexpr const char* kNodeEvent = "plugin.ws";
  static constexpr int kCounterBits = 32;

 private:
  struct Conn {
    std::string plugin;
    std::shared_ptr<http::WsSender> sender;  // null until the socket is open
    std::vector<std::string> pending;        // sent before it was open
    std::optional<std::pair<std::uint16_t, std::string>> pending_close;
    std::set<std::string> rooms;
    bool closing = false;  // closed by a plugin: gone for sends at once, not when the socket ends
  };
  Result deliver_local(const std::string& plugin, std::uint64_t conn, std::string text);
  Result close_local(const std::string& plugin, std::uint64_t conn, std::uint16_t code, std::string reason);
  void room_local(const std::string& plugin, const std::string& room, const std::string& text, std::uint64_t except);
  void relay(boost::json::object msg);

  live::Hub* hub_;
  std::uint64_t node_tag_;
  mutable std::mutex mu_;
  std::uint64_t next_ = 1;
  std::unordered_map<std::uint64_t, Conn> conns_;
  std::map<std::pair<std::string, std::string>, std::set<std::uint64_t>> rooms_;  // (plugin, room)
};

}  // namespace qt::plugin_host
