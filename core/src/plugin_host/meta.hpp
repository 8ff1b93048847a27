#pragma once
// GET /api/meta: what the web UI needs to assemble itself (municipality, languages, enabled
// plugins with their UI module URL), and GET /plugins/<plugin>/<path>: each plugin's UI files.
#include <functional>
#include <string>

#include "platform/config/config.hpp"
#include "platform/http/router.hpp"

namespace qt::plugin_host {

class Host;

// The registration mode an admin sets lives in the database, so it is read per request.
using RegistrationModeFn = std::function<std::string()>;

boost::json::object meta_document(const config::Config& config, const Host& host, const std::string& registration_mode);
void add_meta_routes(http::Router& router, const config::Config& config, const Host& host,
                     RegistrationModeFn registration_mode);

}  // namespace qt::plugin_host
