// Compiles plugin.hpp (and so plugin.h) with the core's warning set.
#include <quartier/plugin.hpp>

QUARTIER_PLUGIN("probe", "1.0.0") {
  plugin.description("probe");
  plugin.get("/x", quartier::Access::public_, [](quartier::Request& req, quartier::Response& res) {
    quartier::Statement s("SELECT 1 AS one");
    s.bind("unused", std::int64_t{1});
    res.json("{\"path\":" + quartier::json_string(req.path()) + "}");
  });
}
