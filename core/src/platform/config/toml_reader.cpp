#include "platform/config/toml_reader.hpp"

#include <sstream>

#include <toml++/toml.h>

namespace json = boost::json;

namespace qt::config::detail {

namespace {

Origin at(const std::string& file, const toml::source_region& region) {
  Origin o;
  o.file = file;
  o.line = region.begin.line;
  return o;
}

template <class T>
std::string as_text(const T& value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

class Converter {
 public:
  Converter(const std::string& file, SourceMap& lines) : file_(file), lines_(lines) {}

  json::value convert(const toml::node& node, Path& path) {
    switch (node.type()) {
      case toml::node_type::table: {
        json::object o;
        for (const auto& [key, child] : *node.as_table()) {
          path.emplace_back(std::string(key.str()));
          // Prefer the key's own line: for [section] headers and for unknown keys it is
          // the line an operator looks for.
          const auto& region = key.source().begin.line != 0 ? key.source() : child.source();
          if (region.begin.line != 0) lines_.set(path, at(file_, region));
          o[key.str()] = convert(child, path);
          path.pop_back();
        }
        return o;
      }
      case toml::node_type::array: {
        json::array a;
        std::size_t i = 0;
        for (const auto& child : *node.as_array()) {
          path.emplace_back(i++);
          if (child.source().begin.line != 0) lines_.set(path, at(file_, child.source()));
          a.push_back(convert(child, path));
          path.pop_back();
        }
        return a;
      }
      case toml::node_type::string: return json::string(node.as_string()->get());
      case toml::node_type::integer: return node.as_integer()->get();
      case toml::node_type::floating_point: return node.as_floating_point()->get();
      case toml::node_type::boolean: return node.as_boolean()->get();
      // Dates and times have no JSON type: plugins receive them as RFC 3339 text.
      case toml::node_type::date: return json::string(as_text(node.as_date()->get()));
      case toml::node_type::time: return json::string(as_text(node.as_time()->get()));
      case toml::node_type::date_time: return json::string(as_text(node.as_date_time()->get()));
      case toml::node_type::none: break;
    }
    return nullptr;
  }

 private:
  const std::string& file_;
  SourceMap& lines_;
};

}  // namespace

bool read_toml(std::string_view text, const std::string& source_name, json::object& doc, SourceMap& lines,
               std::vector<Problem>& problems) {
  try {
    const toml::table table = toml::parse(text, source_name);
    Path path;
    doc = Converter(source_name, lines).convert(table, path).as_object();
    return true;
  } catch (const toml::parse_error& e) {
    Origin where = at(source_name, e.source());
    problems.push_back(Problem{where, "syntax error: " + std::string(e.description())});
    return false;
  }
}

}  // namespace qt::config::detail
