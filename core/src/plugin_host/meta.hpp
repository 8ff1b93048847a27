#pragma once
// GET /api/meta: what the web UI needs to assemble itself (municipality, languages, enabled
// plugins with their UI module URL), and GET /plugins/<plugin>/<path>: each plugin's UI files.
#include "config/config.hpp"
#include "http/router.hpp"

namespace qt::plugin_host {

class Host;

boost::json::object meta_document(const config::Config& config, const Host& host);
void add_meta_routes(http::Router& router, const config::Config& config, const Host& host);

}  // namespace qt::plugin_host
