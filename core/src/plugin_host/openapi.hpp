#pragma once
// GET /api/openapi.json: the core's OpenAPI description merged with the fragment each enabled
// plugin ships as openapi.yaml (or openapi.json) in its folder, next to ui/. Built once at
// startup and served from memory. A fragment that does not parse or collides refuses the
// start (PluginError naming the plugin and the file).
#include <string>

#include "platform/http/router.hpp"

namespace qt::plugin_host {

class Host;

// The merged description as JSON text. Throws PluginError for a refused fragment.
std::string merged_openapi(const Host& host);
void add_openapi_route(http::Router& router, std::string description);

}  // namespace qt::plugin_host
