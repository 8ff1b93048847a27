#include "domain/accounts/display_name.hpp"

#include <boost/json/object.hpp>

#include "domain/errors/error.hpp"
#include "platform/text/names.hpp"

namespace qt::accounts {

std::string checked_display_name(std::string_view typed) {
  text::NameProblem problem;
  if (auto name = text::clean_name(typed, 2, 60, problem)) return *name;
  throw domain::Error(domain::ErrorKind::invalid, "invalid_display_name", "Anzeigename: " + problem.message,
                      boost::json::object{{"field", "display_name"}, {"reason", problem.code}});
}

}  // namespace qt::accounts
