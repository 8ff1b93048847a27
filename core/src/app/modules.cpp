#include "app/cluster_config.hpp"
#include "app/install_accounts.hpp"
#include "app/install_content.hpp"
#include "app/install_plugins.hpp"
#include "app/install_push.hpp"
#include "app/services.hpp"

// The core modules, in the order they are installed: the cluster's configuration check (several
// nodes on one PostgreSQL), accounts (people, sessions, the gate),
// content (stream, notifications, moderation, search, messages), Web Push (which hooks the
// notifier), then the plugin host, whose
// plugins reach the domain services of the modules before it.
namespace qt::app {

std::vector<Installer> module_installers() {
  return {&install_cluster_config, &accounts::install, &content::install, &push::install, &plugin_host::install};
}

}  // namespace qt::app
