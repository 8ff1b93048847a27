#include "app/cluster_config.hpp"

#include <unistd.h>

#include <array>
#include <chrono>

#include <boost/json.hpp>
#include <sodium.h>

#include "platform/jobs/scheduler.hpp"
#include "platform/log/log.hpp"
#include "platform/util/clock.hpp"

namespace qt::app {
namespace {

constexpr std::int64_t kSeenWithinMs = 3 * 60 * 1000;

bool per_node(const std::string& key) {
  // push.vapid_key_file is a local path: what must match is the key in it, not where it lies.
  static const std::array<const char*, 14> prefixes = {
      "server.listen", "server.threads", "server.web_root", "server.access_log", "server.max_connections",
      "server.shutdown_grace_seconds", "server.drain_seconds", "database.", "log.", "plugins.dir", "plugins.call_warn_ms",
      "mail.outbox_dir", "media.dir", "push.vapid_key_file"};
  for (const char* p : prefixes)
    if (key.rfind(p, 0) == 0) return true;
  return false;
}

std::string short_hash(const std::string& text) {
  std::array<unsigned char, crypto_hash_sha256_BYTES> h{};
  crypto_hash_sha256(h.data(), reinterpret_cast<const unsigned char*>(text.data()), text.size());
  static const char* hex = "0123456789abcdef";
  std::string out = "secret:";
  for (std::size_t i = 0; i < 8; ++i) (out += hex[h[i] >> 4]) += hex[h[i] & 15];
  return out;
}

// Walks the effective configuration with and without secrets side by side: where the shown value
// is "***" and the real one is not, the key is a secret.
void flatten(const boost::json::value& real, const boost::json::value& shown, const std::string& path, ConfigFingerprint& out) {
  if (real.is_object() && shown.is_object()) {
    for (const auto& [k, v] : real.as_object()) {
      const auto* s = shown.as_object().if_contains(k);
      flatten(v, s ? *s : v, path.empty() ? std::string(k) : path + "." + std::string(k), out);
    }
    return;
  }
  if (per_node(path)) return;
  const std::string text = boost::json::serialize(real);
  // A plugin's own settings may be secrets that only the plugin declares (e.g. a TURN secret):
  // compared by hash too.
  const bool plugin_setting = path.rfind("plugins.", 0) == 0 && path != "plugins.enabled";
  out[path] = plugin_setting || text != boost::json::serialize(shown) ? short_hash(text) : text;
}

std::string node_name() {
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  return std::string(host[0] ? host : "node") + ":" + std::to_string(getpid());
}

std::string shown(const std::string& v) { return v.empty() ? "(not set)" : v.rfind("secret:", 0) == 0 ? "(not shown)" : v; }

class ClusterConfigModule : public Module {
 public:
  explicit ClusterConfigModule(Services& s) : services_(s), node_(node_name()) {
    const auto mine = fingerprint(s.config);
    auto lease = s.db.write();
    auto& session = lease.session();
    warn_about_others(session, mine);
    boost::json::object o;
    for (const auto& [k, v] : mine) o[k] = v;
    const std::string text = boost::json::serialize(o);
    const long long t = now_ms();
    session << "INSERT INTO cluster_nodes (node, config, started_at, seen_at) VALUES (:n, :c, :t, :t2) "
               "ON CONFLICT (node) DO UPDATE SET config = excluded.config, started_at = excluded.started_at, seen_at = excluded.seen_at",
        soci::use(node_), soci::use(text), soci::use(t), soci::use(t);
  }

  void start() override {
    timer_ = services_.jobs.every(std::chrono::minutes(1), "cluster-seen", [this] {
      const long long t = now_ms();
      auto lease = services_.db.write();
      lease.session() << "UPDATE cluster_nodes SET seen_at = :t WHERE node = :n", soci::use(t), soci::use(node_);
    });
  }

  void stop() override {
    services_.jobs.cancel(timer_);
    try {
      auto lease = services_.db.write();
      lease.session() << "DELETE FROM cluster_nodes WHERE node = :n", soci::use(node_);
    } catch (const std::exception& e) {
      log::warn("cluster node row not removed at stop", {{"error", e.what()}});
    }
  }

 private:
  void warn_about_others(soci::session& s, const ConfigFingerprint& mine) {
    const long long since = now_ms() - kSeenWithinMs;
    std::string other, text;
    soci::statement st = (s.prepare << "SELECT node, config FROM cluster_nodes WHERE seen_at >= :t AND node <> :n ORDER BY node",
                          soci::use(since), soci::use(node_), soci::into(other), soci::into(text));
    st.execute();
    while (st.fetch()) {
      ConfigFingerprint theirs;
      boost::system::error_code ec;
      const auto v = boost::json::parse(text, ec);
      if (ec || !v.is_object()) continue;
      for (const auto& [k, val] : v.as_object())
        if (val.is_string()) theirs[std::string(k)] = std::string(val.as_string());
      for (const auto& d : differences(mine, theirs))
        log::warn("configuration differs from another node on this database: make the nodes' files alike",
                  {{"key", d.key}, {"here", shown(d.here)}, {"there", shown(d.there)}, {"node", other}});
    }
  }

  Services& services_;
  std::string node_;
  std::uint64_t timer_ = 0;
};

}  // namespace

ConfigFingerprint fingerprint(const config::Config& c) {
  ConfigFingerprint out;
  flatten(config::to_json(c, true), config::to_json(c, false), "", out);
  return out;
}

std::vector<ConfigDifference> differences(const ConfigFingerprint& here, const ConfigFingerprint& there) {
  std::vector<ConfigDifference> out;
  for (const auto& [k, v] : here) {
    auto it = there.find(k);
    if (it == there.end()) out.push_back({k, v, ""});
    else if (it->second != v) out.push_back({k, v, it->second});
  }
  for (const auto& [k, v] : there)
    if (!here.contains(k)) out.push_back({k, "", v});
  return out;
}

std::unique_ptr<Module> install_cluster_config(Services& services) {
  if (services.db.dialect() != db::Dialect::postgresql) return std::make_unique<Module>();
  return std::make_unique<ClusterConfigModule>(services);
}

}  // namespace qt::app
