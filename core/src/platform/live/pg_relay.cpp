#include "platform/live/pg_relay.hpp"

#include <random>
#include <stdexcept>

#include <boost/json.hpp>
#include <libpq-fe.h>

#include "platform/log/log.hpp"

namespace qt::live {

namespace {
constexpr std::size_t kMaxPayload = 7900;  // NOTIFY allows < 8000 bytes

std::string random_node_id() {
  std::random_device rd;
  std::uniform_int_distribution<unsigned long long> dist;
  return std::to_string(dist(rd));
}
}  // namespace

struct PgRelay::Conn {
  PGconn* c = nullptr;
  explicit Conn(const std::string& url) : c(PQconnectdb(url.c_str())) {
    if (!c || PQstatus(c) != CONNECTION_OK) {
      std::string msg = c ? PQerrorMessage(c) : "out of memory";
      if (c) PQfinish(c);
      c = nullptr;
      throw std::runtime_error("live relay: cannot connect to PostgreSQL: " + msg);
    }
  }
  ~Conn() {
    if (c) PQfinish(c);
  }
  Conn(const Conn&) = delete;
  Conn& operator=(const Conn&) = delete;
  void exec(const char* sql) const {
    PGresult* r = PQexec(c, sql);
    const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK;
    const std::string err = ok ? "" : PQerrorMessage(c);
    PQclear(r);
    if (!ok) throw std::runtime_error("live relay: " + err);
  }
};

PgRelay::PgRelay(const std::string& url, Hub& hub)
    : listen_(std::make_unique<Conn>(url)), notify_(std::make_unique<Conn>(url)), hub_(hub), node_(random_node_id()) {
  listen_->exec("LISTEN quartier_live");
}

PgRelay::~PgRelay() = default;

void PgRelay::attach() {
  hub_.set_relay([this](const std::vector<std::int64_t>& users, std::string_view type, const boost::json::value& data) {
    send(users, type, data);
  });
}

void PgRelay::send(const std::vector<std::int64_t>& users, std::string_view type, const boost::json::value& data) {
  const std::string data_text = boost::json::serialize(data);
  if (data_text.size() + 200 > kMaxPayload) {
    log::warn("live event too big for other nodes; delivered on this node only", {{"type", type}, {"bytes", data_text.size()}});
    return;
  }
  // Split the recipients so every payload stays under the limit. No recipients at all: one
  // node event (Hub::to_other_nodes), which the other nodes hand to their handler.
  std::size_t start = 0;
  bool node_event = users.empty();
  while (start < users.size() || node_event) {
    node_event = false;
    boost::json::array ids;
    std::size_t budget = kMaxPayload - data_text.size() - 100 - type.size() - node_.size();
    std::size_t i = start;
    for (; i < users.size(); ++i) {
      const auto len = std::to_string(users[i]).size() + 1;
      if (len > budget) break;
      budget -= len;
      ids.push_back(users[i]);
    }
    start = i;
    boost::json::object msg{{"n", node_}, {"t", type}, {"u", std::move(ids)}, {"d", data}};
    const std::string payload = boost::json::serialize(msg);
    const char* params[] = {payload.c_str()};
    std::lock_guard lock(notify_mu_);
    PGresult* r = PQexecParams(notify_->c, "SELECT pg_notify('quartier_live', $1)", 1, nullptr, params, nullptr, nullptr, 0);
    const bool ok = PQresultStatus(r) == PGRES_TUPLES_OK;
    PQclear(r);
    if (!ok) {
      log::warn("live relay notify failed", {{"error", std::string(PQerrorMessage(notify_->c))}});
      PQreset(notify_->c);
      return;
    }
  }
}

void PgRelay::poll() {
  std::lock_guard lock(listen_mu_);
  if (PQstatus(listen_->c) != CONNECTION_OK) {
    PQreset(listen_->c);
    if (PQstatus(listen_->c) != CONNECTION_OK) return;
    listen_->exec("LISTEN quartier_live");  // a new session listens to nothing
  }
  if (!PQconsumeInput(listen_->c)) {
    log::warn("live relay lost its connection; reconnecting", {{"error", std::string(PQerrorMessage(listen_->c))}});
    PQreset(listen_->c);
    if (PQstatus(listen_->c) == CONNECTION_OK) listen_->exec("LISTEN quartier_live");
    return;
  }
  while (PGnotify* n = PQnotifies(listen_->c)) {
    std::string payload = n->extra ? n->extra : "";
    PQfreemem(n);
    boost::system::error_code ec;
    auto v = boost::json::parse(payload, ec);
    if (ec || !v.is_object()) continue;
    const auto& o = v.as_object();
    const auto* node = o.if_contains("n");
    const auto* type = o.if_contains("t");
    const auto* users = o.if_contains("u");
    const auto* data = o.if_contains("d");
    if (!node || !node->is_string() || node->as_string() == node_) continue;  // our own event: delivered already
    if (!type || !type->is_string() || !users || !users->is_array() || !data) continue;
    if (users->as_array().empty()) {
      hub_.from_other_node(type->as_string(), *data);
      continue;
    }
    std::vector<std::int64_t> ids;
    for (const auto& u : users->as_array())
      if (u.is_int64()) ids.push_back(u.as_int64());
    hub_.deliver_local(ids, std::string(type->as_string()), *data);
  }
}

}  // namespace qt::live
