/* Compiles plugin.h on its own and uses every inline helper and macro once. */
#include <quartier/plugin.h>

static const qt_plugin_version probe_block = QT_PLUGIN_VERSION_INIT("probe", "1.0.0");

int probe(const qt_host_api* api);
int probe(const qt_host_api* api) {
  qt_str a = QT_STR("x");
  qt_str b = qt_str_n("yz", 2);
  return (int)(a.len + b.len + probe_block.size) + (QT_HOST_HAS(api, notify) ? 1 : 0);
}
