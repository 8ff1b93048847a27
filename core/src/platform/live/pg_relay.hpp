#pragma once
// Live events between Quartier nodes on one PostgreSQL: each event goes out with
// pg_notify('quartier_live', ...) and every node LISTENs on its own connection, polled by a
// scheduler job, and delivers events from other nodes to its local connections. The payload
// limit of NOTIFY (8000 bytes) is respected by splitting the recipient list; an event whose data
// alone is too big is dropped with a warning (the UI reloads notifications anyway).
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

#include "platform/live/hub.hpp"

namespace qt::live {

class PgRelay {
 public:
  // url: the PostgreSQL URL of [database] url. Throws std::runtime_error if it cannot connect.
  PgRelay(const std::string& url, Hub& hub);
  ~PgRelay();
  PgRelay(const PgRelay&) = delete;
  PgRelay& operator=(const PgRelay&) = delete;

  // Installs itself as the hub's relay.
  void attach();
  // Reads pending notifications from other nodes and delivers them; call it often (a job).
  void poll();

  const std::string& node_id() const { return node_; }

 private:
  void send(const std::vector<std::int64_t>& users, std::string_view type, const boost::json::value& data);
  struct Conn;
  std::unique_ptr<Conn> listen_;
  std::unique_ptr<Conn> notify_;
  std::mutex listen_mu_, notify_mu_;
  Hub& hub_;
  std::string node_;
};

}  // namespace qt::live
