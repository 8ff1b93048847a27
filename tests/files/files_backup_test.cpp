// `quartier backup DIR`, `quartier restore DIR` and `quartier check-blobs` through the real
// binaries against a real server's data: a backup taken while the server takes uploads restores
// into a fresh folder where a new server serves the files; a damaged backup and a used target
// are refused without changing anything; unreferenced, missing and damaged files are found.
#include <atomic>
#include <fstream>
#include <future>

#include "files_fixture.hpp"
#include "pg_test_db.hpp"
#include "test_images.hpp"

using namespace qt::test;
using namespace qt::test::files;
namespace fs = std::filesystem;

namespace {

std::int64_t id_of(const HttpResponse& r) {
  INFO(r.status << " " << r.body);
  REQUIRE(r.status == 201);
  return r.json().at("id").as_int64();
}

RunResult cli(const fs::path& config, std::vector<std::string> args) {
  args.insert(args.begin(), {"-c", config.string()});
  return run_quartier(args);
}

// The [media] folder and the files store of one data location, and a config naming them.
struct DataPlace {
  TempDir dir;
  fs::path media() const { return dir / "media"; }
  fs::path blobs() const { return dir / "files"; }
  std::string toml() const { return "[media]\ndir = \"" + media().string() + "\"\n"; }
};

std::string avatar_of(Person& p) {
  auto up = p.http->request("PUT", "/api/me/avatar", picture_file(300, 200, ".png"),
                            {{"Content-Type", "image/png"}, {"X-CSRF-Token", p.http->csrf_token}});
  INFO(up.status << " " << up.body);
  REQUIRE(up.status == 200);
  return str(up.json().at("avatar"));
}

void flip_a_byte(const fs::path& p) {
  std::fstream f(p, std::ios::in | std::ios::out | std::ios::binary);
  char c = 0;
  f.seekg(0);
  f.get(c);
  f.seekp(0);
  f.put(static_cast<char>(c ^ 0x20));
}

fs::path only_file_under(const fs::path& dir) {
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file()) return e.path();
  FAIL("no file under " << dir);
  return {};
}

}  // namespace

TEST_CASE("a backup taken while the server takes uploads restores into a fresh place and is served from there",
          "[files][backup]") {
  for_each_dialect([](const DbTarget& target) {
    DataPlace first;
    FilesServer s(target.url, first.toml());
    auto alice = s.person("alice");
    auto bob = s.person("bob");
    const std::string minutes = "Protokoll der Sitzung vom 3. März\n" + std::string(20000, 'x');
    const auto file = id_of(alice.upload(alice.mine(), "Protokoll.txt", minutes));
    const auto avatar = avatar_of(alice);

    // Bob keeps uploading while the backup runs: it must not wait for him, nor he for it.
    std::atomic<bool> stop{false};
    std::atomic<int> stored{0};
    auto writer = std::async(std::launch::async, [&] {
      bool all_ok = true;
      for (int n = 0; !stop; ++n) {
        all_ok = bob.upload(bob.mine(), "notiz-" + std::to_string(n) + ".txt", "Notiz " + std::to_string(n)).status == 201 && all_ok;
        ++stored;
      }
      return all_ok;
    });
    while (stored < 3) std::this_thread::yield();  // the backup starts amid the uploads
    const auto backup = target.scratch / "sicherung";
    auto b = cli(s.server.config_path(), {"backup", backup.string()});
    stop = true;
    CHECK(writer.get());
    INFO(b.output);
    REQUIRE(b.exit_code == 0);
    CHECK(fs::exists(backup / "manifest.json"));
    CHECK(fs::exists(backup / "quartier.db") == (target.dialect == qt::db::Dialect::sqlite));
    if (target.dialect == qt::db::Dialect::postgresql) CHECK_THAT(b.output, Catch::Contains("pg_dump"));
    CHECK(cli(s.server.config_path(), {"backup", backup.string()}).exit_code != 0);  // never over a backup

    // A fresh place: the SQLite file and the stores come from the backup; PostgreSQL stays where it is.
    DataPlace second;
    const std::string db_url = target.dialect == qt::db::Dialect::sqlite ? "sqlite:" + (second.dir / "q.db").string() : target.url;
    ServerSetup setup;
    setup.database_url = db_url;
    setup.plugins = {"groups", "files"};
    setup.extra_toml = "[plugins.files]\ndir = \"" + second.blobs().string() + "\"\n" + second.toml();
    const auto cfg = second.dir.write("restore.toml", "[database]\nurl = \"" + db_url + "\"\n[plugins]\nenabled = [\"groups\", \"files\"]\n" +
                                                          setup.extra_toml);
    auto r = cli(cfg, {"restore", backup.string()});
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
    s.server.stop();

    TestServer restored(setup);
    HttpClient http(restored.port());
    auto login = http.send_json("POST", "/api/auth/login", {{"email", "alice@teststadt.test"}, {"password", alice.password}});
    REQUIRE(login.status == 200);
    CHECK(http.get("/api/p/files/items/" + std::to_string(file) + "/content").body == minutes);
    CHECK(http.get(avatar).status == 200);
    // Whatever Bob's uploads the SQLite snapshot holds, their files came along: nothing missing.
    // (PostgreSQL's rows here are the live ones, newer than the backup: pg_dump is the operator's part.)
    if (target.dialect == qt::db::Dialect::sqlite) {
      auto check = cli(cfg, {"check-blobs"});
      INFO(check.output);
      CHECK_THAT(check.output, Catch::Contains("0 missing, 0 damaged"));
    }
  });
}

TEST_CASE("restore refuses a damaged backup and a place that holds data, naming them", "[files][backup]") {
  DataPlace first;
  FilesServer s("", first.toml());
  auto alice = s.person("alice");
  id_of(alice.upload(alice.mine(), "Satzung.txt", "Paragraph 1: Name und Sitz"));
  TempDir scratch;
  const auto backup = scratch / "sicherung";
  REQUIRE(cli(s.server.config_path(), {"backup", backup.string()}).exit_code == 0);

  DataPlace second;
  const auto db = second.dir / "q.db";
  const auto cfg = second.dir.write("restore.toml", "[database]\nurl = \"sqlite:" + db.string() + "\"\n[plugins]\nenabled = [\"files\"]\n"
                                                    "[plugins.files]\ndir = \"" + second.blobs().string() + "\"\n" + second.toml());
  // One stored file changed in the backup: refused, its name given, nothing written.
  const auto blob = only_file_under(backup / "stores" / "files");
  flip_a_byte(blob);
  auto damaged = cli(cfg, {"restore", backup.string()});
  CHECK(damaged.exit_code != 0);
  CHECK_THAT(damaged.output, Catch::Contains(blob.string()) && Catch::Contains("checksum"));
  CHECK_FALSE(fs::exists(db));
  CHECK_FALSE(fs::exists(second.blobs()));
  flip_a_byte(blob);

  // The database file missing, and a manifest missing: refused as well.
  fs::rename(backup / "quartier.db", scratch / "weg.db");
  auto missing = cli(cfg, {"restore", backup.string()});
  CHECK(missing.exit_code != 0);
  CHECK_THAT(missing.output, Catch::Contains("quartier.db: missing"));
  fs::rename(scratch / "weg.db", backup / "quartier.db");
  auto no_manifest = cli(cfg, {"restore", scratch.path().string()});
  CHECK(no_manifest.exit_code != 0);
  CHECK_THAT(no_manifest.output, Catch::Contains("manifest.json is missing"));

  // Restored once; a second time only with --force.
  REQUIRE(cli(cfg, {"restore", backup.string()}).exit_code == 0);
  auto again = cli(cfg, {"restore", backup.string()});
  CHECK(again.exit_code != 0);
  CHECK_THAT(again.output, Catch::Contains(db.string()) && Catch::Contains("--force"));
  auto forced = cli(cfg, {"restore", "--force", backup.string()});
  INFO(forced.output);
  CHECK(forced.exit_code == 0);
}

TEST_CASE("check-blobs finds unreferenced, missing and damaged files and deletes only old orphans", "[files][backup]") {
  for_each_dialect([](const DbTarget& target) {
    DataPlace place;
    FilesServer s(target.url, place.toml());
    const auto cfg = s.server.config_path();
    auto alice = s.person("alice");
    const auto kept = str(alice.upload(alice.mine(), "bleibt.txt", "bleibt").json().at("sha256"));
    const auto gone = str(alice.upload(alice.mine(), "fehlt.txt", "fehlt").json().at("sha256"));
    const auto bent = str(alice.upload(alice.mine(), "kaputt.txt", "kaputt").json().at("sha256"));
    avatar_of(alice);
    auto clean = cli(cfg, {"check-blobs"});
    INFO(clean.output);
    CHECK(clean.exit_code == 0);
    CHECK_THAT(clean.output, Catch::Contains("0 missing, 0 damaged, 0 unreferenced"));

    // An old unreferenced file, a fresh one (an upload in flight), one missing, one changed on disk.
    const std::string old_key(64, 'a'), new_key(64, 'b');
    fs::create_directories(s.blob_path(old_key).parent_path());
    fs::create_directories(s.blob_path(new_key).parent_path());
    std::ofstream(s.blob_path(old_key)) << "alt";
    std::ofstream(s.blob_path(new_key)) << "neu";
    fs::last_write_time(s.blob_path(old_key), fs::file_time_type::clock::now() - std::chrono::hours(48));
    fs::remove(s.blob_path(gone));
    flip_a_byte(s.blob_path(bent));
    const auto avatar_file = only_file_under(place.media());
    fs::remove(avatar_file);

    auto found = cli(cfg, {"check-blobs"});
    INFO(found.output);
    CHECK(found.exit_code == 5);
    CHECK_THAT(found.output, Catch::Contains("missing (a row refers to it): blobs/" + gone.substr(0, 2) + "/" + gone));
    CHECK_THAT(found.output, Catch::Contains("damaged (checksum does not match its name): blobs/" + bent.substr(0, 2) + "/" + bent));
    CHECK_THAT(found.output, Catch::Contains("unreferenced: blobs/aa/" + old_key));
    CHECK_THAT(found.output, Catch::Contains("unreferenced, recent") && Catch::Contains(new_key));
    CHECK_THAT(found.output, Catch::Contains("missing (a row refers to it): avatars/"));
    CHECK_THAT(found.output, Catch::Contains("2 missing, 1 damaged, 1 unreferenced"));
    CHECK(fs::exists(s.blob_path(old_key)));  // only reported

    auto bad = cli(cfg, {"check-blobs", "--grace-hours", "-1"});
    CHECK(bad.exit_code != 0);
    CHECK_THAT(bad.output, Catch::Contains("--grace-hours"));

    auto swept = cli(cfg, {"check-blobs", "--delete-orphans"});
    INFO(swept.output);
    CHECK_THAT(swept.output, Catch::Contains("unreferenced, deleted: blobs/aa/" + old_key));
    CHECK_FALSE(fs::exists(s.blob_path(old_key)));
    CHECK(fs::exists(s.blob_path(new_key)));  // younger than the grace period
    CHECK(fs::exists(s.blob_path(kept)));
    CHECK(swept.exit_code == 5);  // the missing and damaged ones are still there
  });
}
