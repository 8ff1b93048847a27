#pragma once
// Nodes on one PostgreSQL must share their configuration (the limits, the public address, the
// plugins and their settings); a node whose file differs behaves differently behind the same
// load balancer in ways nobody sees. Each node records a fingerprint of its configuration in
// cluster_nodes; a node that starts compares its own with every node seen in the last minutes and
// logs a warning per key that differs, naming the key and both values (secrets only as "(not shown)").
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "app/services.hpp"
#include "platform/config/config.hpp"

namespace qt::app {

// "section.key" (plugin tables "plugins.<name>.<key>") -> the value as JSON text; secrets and
// plugin settings (which may be secrets only the plugin knows) as "secret:" + the start of their
// SHA-256, so neither a log line nor the table holds one. Keys that
// are per node by nature (listen address, threads, local paths, the database URL, logging) are left out.
using ConfigFingerprint = std::map<std::string, std::string>;
ConfigFingerprint fingerprint(const config::Config& c);

struct ConfigDifference {
  std::string key, here, there;  // "" = the key is not set on that side
};
std::vector<ConfigDifference> differences(const ConfigFingerprint& here, const ConfigFingerprint& there);

// The module that compares at start, keeps this node's row fresh and removes it at stop
// (PostgreSQL only: on SQLite there is one node).
std::unique_ptr<Module> install_cluster_config(Services& services);

}  // namespace qt::app
