#pragma once
// The merged OpenAPI description: the core's (schemas/openapi.yaml, compiled in) plus each
// enabled plugin's fragment. A fragment is a standalone OpenAPI 3.1 document whose paths all lie
// under /api/p/<plugin>/; its components join the core's. Refused (FragmentError, naming what):
// a path outside the plugin's prefix or already described, an operationId already taken, a
// component whose name is taken by a different definition (an identical one is shared, so a
// plugin may copy the core's Error schema to stay standalone).
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

namespace qt::openapi {

struct FragmentError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// schemas/openapi.yaml as compiled into the binary, parsed.
boost::json::object core_description();

class Merger {
 public:
  explicit Merger(boost::json::object core);

  // Adds the fragment of `plugin`; on FragmentError the description is unchanged.
  void add(std::string_view plugin, const boost::json::value& fragment);
  const boost::json::object& description() const { return doc_; }

 private:
  void check(std::string_view plugin, const boost::json::object& fragment) const;
  void check_paths(std::string_view plugin, const boost::json::object& paths) const;
  void check_components(const boost::json::object& components) const;
  std::string owner_of(const std::map<std::string, std::string, std::less<>>& owners, std::string_view key) const;

  boost::json::object doc_;
  std::map<std::string, std::string, std::less<>> path_owner_;       // path -> "the core" / "plugin 'x'"
  std::map<std::string, std::string, std::less<>> operation_owner_;  // operationId -> owner
  std::map<std::string, std::string, std::less<>> component_owner_;  // "schemas/Name" -> owner
};

}  // namespace qt::openapi
