#include "app/dispatch.hpp"
#include "plugin_host/module.hpp"

// The core modules, in the order they are installed (later ones use earlier ones' services).
namespace qt::app {

std::vector<Installer> module_installers() { return {plugin_host::install}; }

}  // namespace qt::app
