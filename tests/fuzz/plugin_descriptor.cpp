// Plugin descriptor validation (plugin_host/descriptor/): the descriptor a
// plugin's init fills in, built from a line-based text so a corpus stays readable:
//   size 96 | abi 1.3 | name notes | version 1.0.0 | description ... | dependency calendar
//   threading 0 | migration 0001_a.sql|CREATE TABLE ... | ui_module index.js
//   setting key|type|required|secret|default JSON|size | section {"key": ...}
// "(null)" as a value is a NULL pointer. The host either refuses it with PluginError or takes
// it; what it takes must be safe to use (names, paths, settings and their listing).
#include <charconv>
#include <deque>
#include <string>
#include <vector>

#include <boost/json/parse.hpp>

#include "fuzz_check.hpp"
#include "plugin_host/descriptor/descriptor.hpp"
#include "plugin_host/descriptor/settings.hpp"

namespace {

using qt::fuzz::check;
using namespace qt::plugin_host;

long number(std::string_view s) {
  long v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

// The '|'-separated field i of s ("" when absent).
std::string_view field(std::string_view s, std::size_t i) {
  for (; i > 0; --i) {
    const auto bar = s.find('|');
    if (bar == std::string_view::npos) return {};
    s.remove_prefix(bar + 1);
  }
  return s.substr(0, s.find('|'));
}

// Everything the descriptor points to, alive while it is checked.
struct Built {
  qt_plugin_descriptor desc{};
  std::deque<std::string> strings;
  std::deque<qt_migration> migrations;
  std::deque<qt_setting> settings;
  std::vector<const char*> dependency_list;
  std::vector<const qt_migration*> migration_list;
  std::vector<const qt_setting*> setting_list;
  boost::json::object section;

  const char* text(std::string_view s) {
    if (s == "(null)") return nullptr;
    return strings.emplace_back(s).c_str();
  }
  void setting(std::string_view v) {
    auto& s = settings.emplace_back();
    s.size = field(v, 5).empty() ? sizeof(qt_setting) : static_cast<std::uint32_t>(number(field(v, 5)));
    s.key = text(field(v, 0));
    s.type = static_cast<std::int32_t>(number(field(v, 1)));
    s.required = static_cast<std::int32_t>(number(field(v, 2)));
    s.secret = static_cast<std::int32_t>(number(field(v, 3)));
    s.default_json = field(v, 4).empty() ? nullptr : text(field(v, 4));
    setting_list.push_back(&s);
  }
  void line(std::string_view key, std::string_view v) {
    if (key == "size") desc.size = static_cast<std::uint32_t>(number(v));
    else if (key == "abi") {
      desc.abi_major = static_cast<std::uint16_t>(number(v));
      desc.abi_minor = static_cast<std::uint16_t>(number(v.substr(std::min(v.size(), v.find('.') + 1))));
    } else if (key == "name") desc.name = text(v);
    else if (key == "version") desc.version = text(v);
    else if (key == "description") desc.description = text(v);
    else if (key == "dependency") dependency_list.push_back(text(v));
    else if (key == "threading") desc.threading = static_cast<std::uint32_t>(number(v));
    else if (key == "migration") {
      migrations.push_back(qt_migration{sizeof(qt_migration), text(field(v, 0)), text(field(v, 1))});
      migration_list.push_back(&migrations.back());
    } else if (key == "ui_module") desc.ui_module = text(v);
    else if (key == "setting") setting(v);
    else if (key == "section") {
      boost::system::error_code ec;
      auto j = boost::json::parse(v, ec);
      if (!ec && j.is_object()) section = j.as_object();
    }
  }
  void finish() {
    // A NULL-terminated array; one that held a NULL entry ends there, as in C.
    if (!dependency_list.empty()) dependency_list.push_back(nullptr), desc.dependencies = dependency_list.data();
    if (!migration_list.empty()) migration_list.push_back(nullptr), desc.migrations = migration_list.data();
    if (!setting_list.empty()) setting_list.push_back(nullptr), desc.settings = setting_list.data();
  }
};

void check_taken(const Plugin& p) {
  check(p.ui_module.empty() || safe_relative_path(p.ui_module), "a taken ui_module stays inside the ui folder");
  for (const auto& d : p.dependencies) check(valid_plugin_name(d), "a taken dependency is a plugin name");
  if (!p.declares_settings) return;
  const auto problems = setting_problems(p.name, p.settings, p.config_section);
  if (problems.empty())
    check(setting_problems(p.name, p.settings, with_defaults(p.settings, p.config_section)).empty(),
          "the declared defaults fit their own declarations");
  const auto listing = settings_listing(p.settings, p.config_section);
  check(listing.size() == p.settings.size(), "the listing shows every setting");
  for (std::size_t i = 0; i < listing.size(); ++i) {
    const auto& value = listing[i].as_object().at("value");
    if (p.settings[i].secret) check(value.is_null() || value == "(hidden)", "a secret value is never listed");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Built b;
  b.desc.size = sizeof b.desc;
  std::string_view rest = qt::fuzz::as_text(data, size);
  while (!rest.empty()) {
    const auto [line, after] = qt::fuzz::split_line(rest);
    const auto space = line.find(' ');
    b.line(line.substr(0, space), space == std::string_view::npos ? std::string_view() : line.substr(space + 1));
    rest = after;
  }
  b.finish();
  Plugin p;
  p.name = "notes";
  p.file = "/usr/lib/quartier/plugins/notes.so";
  p.version = VersionBlock{24, QT_ABI_MAJOR, QT_ABI_MINOR, "notes", "1.0.0"};
  p.config_section = b.section;
  try {
    adopt_descriptor(p, b.desc, "notes.so: plugin 'notes': invalid descriptor: ");
  } catch (const PluginError& e) {
    check(std::string_view(e.what()).starts_with("notes.so: plugin 'notes': invalid descriptor: "),
          "a refusal names the plugin");
    return 0;
  }
  check(p.desc.size <= sizeof p.desc, "the descriptor is read no further than the host's struct");
  check_taken(p);
  return 0;
}
