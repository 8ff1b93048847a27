#include "app/cli/serve_requirements.hpp"

namespace qt::app {

std::optional<std::string> serve_requirement_problem(const config::Config& c) {
  if (!c.server.public_url.empty() || c.server.development) return std::nullopt;
  const std::string where = c.source.empty() ? std::string("configuration") : c.source.string();
  // Mail links must never come from a request's Host header (a forged Host would mail a valid
  // reset link to another site), so a real server has to say where residents reach it.
  return where + ": [server] public_url is empty. Set it to the address residents use, e.g. "
                 "public_url = \"https://quartier.musterstadt.de\" (links in mails are built from it), "
                 "or set [server] development = true for a local trial (links then point at the listening address).";
}

}  // namespace qt::app
