#pragma once
// Declared plugin settings (qt_setting, ABI 1.2): what a plugin says its [plugins.<name>]
// section may hold, checked against the configuration before the plugin starts (the server
// refuses to start, `quartier check-config` reports), defaults filled in, and a listing for the
// admin API with secret values hidden.
#include <optional>
#include <string>
#include <vector>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "quartier/plugin.h"

namespace qt::plugin_host {

struct Setting {
  std::string key;
  std::int32_t type = QT_SETTING_STRING;
  std::optional<boost::json::value> default_value;
  std::string description_de, description_en;
  bool required = false;
  bool secret = false;
};

// The declared settings of a descriptor (NULL-terminated array). Throws PluginError prefixed by
// `refusal` for a malformed declaration (bad key, unknown type, default of another type).
std::vector<Setting> read_settings(const qt_setting* const* list, const std::string& refusal);

// Every problem of `section` against `declared`, each naming the plugin, the key and the
// expected type; empty when it is fine.
std::vector<std::string> setting_problems(const std::string& plugin, const std::vector<Setting>& declared,
                                          const boost::json::object& section);

// `section` with each absent declared key set to its default.
boost::json::object with_defaults(const std::vector<Setting>& declared, boost::json::object section);

// [{key, type, required, secret, default, value, description:{de,en}}] for the admin API; the
// value of a secret setting is "(hidden)" when set, null when not.
boost::json::array settings_listing(const std::vector<Setting>& declared, const boost::json::object& section);

}  // namespace qt::plugin_host
