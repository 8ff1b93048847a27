#pragma once
// qt::live::Hub: the fan-out behind WebSocket /api/live. The HTTP server authenticates the
// upgrade request (session cookie through the accounts gate, same-origin check), then hands the
// connection to the hub:
//   auto id = hub.on_open(req.user_id, [conn](std::string frame) { conn->queue_text(std::move(frame)); });
//   ... hub.on_message(id, text) for each text frame received (optional: answers "ping") ...
//   hub.on_close(id);
// The send callback must be thread-safe and must not block: queue the frame on the connection's
// strand and return. It may still run for a moment after on_close(id) returns (a fan-out in
// flight), so capture the connection by weak_ptr/shared_ptr, never by raw pointer.
//
// Events are JSON text frames: {"type":"notification","data":{...}}, {"type":"message",...},
// {"type":"content","data":{...}}. One person may have several connections (tabs, devices).
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <boost/json/value.hpp>

namespace qt::live {

using Send = std::function<void(std::string text_frame)>;
using ConnectionId = std::uint64_t;

class Hub {
 public:
  Hub() = default;
  Hub(const Hub&) = delete;
  Hub& operator=(const Hub&) = delete;

  // Registers an authenticated connection (user_id > 0) and greets it with {"type":"hello"}.
  ConnectionId on_open(std::int64_t user_id, Send send);
  void on_close(ConnectionId id);
  // A text frame from the client: {"type":"ping"} is answered with {"type":"pong"}; others ignored.
  void on_message(ConnectionId id, std::string_view text);

  // Several nodes on one PostgreSQL: publish() also hands each event to the relay, which
  // carries it to the other nodes; they call deliver_local(). Unset = a single node.
  using Relay = std::function<void(const std::vector<std::int64_t>& user_ids, std::string_view type,
                                   const boost::json::value& data)>;
  void set_relay(Relay relay);
  // Delivers to this node's connections only (what the relay calls for remote events).
  void deliver_local(const std::vector<std::int64_t>& user_ids, std::string_view type, const boost::json::value& data);

  // Events that each node works out for its own connections: a node that knows who is online
  // only here (a new item's readers, a notification's recipients) delivers to its connections
  // with deliver_local() and tells the other nodes with to_other_nodes(type, data); each of them
  // runs the handler registered for type with data (through the relay; nothing without one).
  // Handlers run on the relay's polling thread; set an empty one to remove it.
  using NodeHandler = std::function<void(const boost::json::value& data)>;
  void on_node_event(const std::string& type, NodeHandler handler);
  void to_other_nodes(std::string_view type, const boost::json::value& data);
  // What the relay calls for such an event from another node.
  void from_other_node(std::string_view type, const boost::json::value& data);

  // Sends {"type":type,"data":data} to every connection of the user(s), on every node. Thread-safe.
  void publish(std::int64_t user_id, std::string_view type, const boost::json::value& data);
  void publish(const std::vector<std::int64_t>& user_ids, std::string_view type, const boost::json::value& data);

  // Closes nothing itself: tells every connection {"type":"shutdown"} (server stop) and forgets them.
  void shutdown();

  bool online(std::int64_t user_id) const;
  std::vector<std::int64_t> online_users() const;  // distinct, any order
  std::size_t connection_count() const;

 private:
  struct Conn {
    std::int64_t user_id;
    Send send;
  };
  std::vector<Send> sends_of(std::int64_t user_id) const;

  mutable std::mutex mu_;
  Relay relay_;
  std::unordered_map<std::string, NodeHandler> node_handlers_;
  ConnectionId next_ = 1;
  std::unordered_map<ConnectionId, Conn> conns_;
  std::unordered_multimap<std::int64_t, ConnectionId> by_user_;
};

}  // namespace qt::live
