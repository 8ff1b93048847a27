#include "accounts/module.hpp"
#include "app/dispatch.hpp"
#include "content/module.hpp"
#include "plugin_host/module.hpp"

// The core modules, in the order they are installed (later ones use earlier ones' services):
// accounts (gate, mail, privacy), content (stream, notifications, live), then the plugin host,
// whose plugins use all of them.
namespace qt::app {

std::vector<Installer> module_installers() { return {&accounts::install, &content::install, &plugin_host::install}; }

}  // namespace qt::app
