// [plugins] dir with several folders: an out-of-tree plugin loads from its own folder beside the
// bundled ones (no copies), the first folder that holds <name>.so wins, and the UI of a plugin
// is served from the folder its library came from.
#include <catch2/catch.hpp>

#include <filesystem>

#include "temp_dir.hpp"
#include "test_server.hpp"

using qt::test::ServerSetup;
using qt::test::TestServer;

namespace {
const std::filesystem::path kFixtures = QT_TEST_PLUGIN_DIR;
const std::filesystem::path kBundled = QUARTIER_PLUGIN_BUILD_DIR;
}  // namespace

TEST_CASE("plugins load from several folders and the first folder holding the library wins", "[plugins][server][dirs]") {
  ServerSetup setup;
  setup.plugin_dirs = {kFixtures.string(), kBundled.string()};
  setup.plugins = {"abi12_c", "hello_c"};
  {
    TestServer server(setup);
    auto http = server.client();
    CHECK(http.get("/api/meta").json().at("plugins").as_array().size() == 2);
    CHECK(http.get("/api/p/hello_c/hello").status == 200);
    CHECK(http.get("/api/p/abi12_c/chelpers/settings").status == 200);
    CHECK(http.get("/plugins/hello_c/ui.js").status == 200);  // from the bundled folder
    auto list = qt::test::run_quartier({"--config", server.config_path().string(), "plugins", "list"});
    CHECK(list.exit_code == 0);
    CHECK_THAT(list.output, Catch::Contains("plugin folders: " + kFixtures.string() + ", " + kBundled.string() +
                                           " (searched in this order)"));
  }

  // A broken hello_c.so in a folder listed first is the one taken (and refused); listed last, it
  // is shadowed by the bundled one.
  qt::test::TempDir shadow;
  std::filesystem::copy_file(kFixtures / "misnamed.so", shadow / "hello_c.so");
  qt::test::TempDir dir;
  auto config = [&](const std::string& dirs) {
    return dir.write("q.toml", "[server]\ndevelopment = true\n[database]\nurl = \"sqlite:" + (dir / "q.db").string() + "\"\n[plugins]\ndir = [" + dirs +
                                   "]\nenabled = [\"hello_c\"]\n");
  };
  auto first = config("\"" + shadow.path().string() + "\", \"" + kBundled.string() + "\"");
  auto refused = qt::test::run_quartier({"check-config", "--config", first.string()});
  CHECK(refused.exit_code == 4);
  CHECK_THAT(refused.output, Catch::Contains((shadow / "hello_c.so").string()) && Catch::Contains("name mismatch"));
  auto last = config("\"" + kBundled.string() + "\", \"" + shadow.path().string() + "\"");
  auto ok = qt::test::run_quartier({"check-config", "--config", last.string()});
  INFO(ok.output);
  CHECK(ok.exit_code == 0);

  // Not in any folder: the message names all of them.
  auto rr = qt::test::run_quartier({"check-config", "--config",
                                    dir.write("n.toml", "[plugins]\ndir = [\"" + dir.path().string() + "\", \"" +
                                                            kFixtures.string() + "\"]\nenabled = [\"ghost\"]\n").string()});
  CHECK(rr.exit_code == 4);
  CHECK_THAT(rr.output, Catch::Contains("not in the plugin folders " + dir.path().string() + ", " + kFixtures.string()));
}
