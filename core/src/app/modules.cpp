#include "app/dispatch.hpp"

// The core modules, in the order they are installed (later ones use earlier ones' services).
namespace qt::app {

std::vector<Installer> module_installers() { return {}; }

}  // namespace qt::app
