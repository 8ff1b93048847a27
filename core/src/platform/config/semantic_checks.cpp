#include "platform/config/semantic_checks.hpp"

#include <algorithm>

#include "platform/config/listen.hpp"
#include "platform/config/render.hpp"
#include "platform/http/forwarded.hpp"

namespace json = boost::json;

namespace qt::config::detail {

namespace {

bool troubled_at(const std::set<Path>& troubled, const Path& path) {
  for (const auto& t : troubled)
    if (t.size() <= path.size() && std::equal(t.begin(), t.end(), path.begin())) return true;
  return false;
}

std::string quoted_list(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += ", ";
    out += render_value(json::string(item));
  }
  return out;
}

void check_listen(Config& c, const SourceMap& origins, const std::set<Path>& troubled, std::vector<Problem>& problems) {
  const Path path{"server", "listen"};
  if (troubled_at(troubled, path)) return;
  std::string why;
  if (auto address = parse_listen(c.server.listen, why)) {
    c.server.host = address->host;
    c.server.port = address->port;
    return;
  }
  problems.push_back(Problem{origins.lookup(path),
                             describe(path, false) + " = " + render_value(json::string(c.server.listen)) + ": " + why +
                                 "; write host:port, e.g. 127.0.0.1:8080, 0.0.0.0:8080, [::1]:8080 or localhost:8080"});
}

void check_default_language(const Config& c, const SourceMap& origins, const std::set<Path>& troubled,
                            std::vector<Problem>& problems) {
  const Path path{"municipality", "default_language"};
  const Path languages{"municipality", "languages"};
  if (troubled_at(troubled, path) || troubled_at(troubled, languages)) return;
  const auto& m = c.municipality;
  if (std::find(m.languages.begin(), m.languages.end(), m.default_language) != m.languages.end()) return;
  // Point at whichever of the two the operator wrote.
  const Origin* origin = origins.find(path);
  if (!origin) origin = origins.find(languages);
  problems.push_back(Problem{origin ? *origin : origins.root(),
                             describe(path, false) + " = " + render_value(json::string(m.default_language)) +
                                 ": must be one of languages (" + quoted_list(m.languages) + ")"});
}

void check_trusted_proxies(const Config& c, const SourceMap& origins, const std::set<Path>& troubled,
                           std::vector<Problem>& problems) {
  const Path path{"server", "trusted_proxies"};
  if (troubled_at(troubled, path)) return;
  for (const auto& entry : c.server.trusted_proxies)
    if (auto why = http::TrustedProxies::problem(entry))
      problems.push_back(Problem{origins.lookup(path),
                                 describe(path, false) + ": " + render_value(json::string(entry)) + " is " + *why});
}

}  // namespace

void check_semantics(Config& config, const SourceMap& origins, const std::set<Path>& troubled,
                     std::vector<Problem>& problems) {
  check_listen(config, origins, troubled, problems);
  check_default_language(config, origins, troubled, problems);
  check_trusted_proxies(config, origins, troubled, problems);
}

}  // namespace qt::config::detail
