// The group picture on SQLite and PostgreSQL: uploaded by the group's managers as a raw body,
// re-encoded by the core's pipeline (no EXIF/GPS, at most 800 px), served to those who may see
// the group, removed with DELETE or with the group (blob too: `check-blobs` finds nothing
// unreferenced); addresses of other servers, which the CSP would block, are refused.
#include "groups_fixture.hpp"
#include "pg_test_db.hpp"
#include "temp_dir.hpp"
#include "platform/media/sniff.hpp"
#include "test_images.hpp"

using namespace qt::test;
using namespace qt::test::groups;

namespace {

HttpResponse put_picture(Person& who, const boost::json::object& g, const std::string& bytes) {
  return who.http->request("PUT", gpath(g, "/picture"), bytes,
                           {{"Content-Type", "image/jpeg"}, {"X-CSRF-Token", who.http->csrf_token}});
}

std::string check_blobs(GroupsServer& s) {
  auto r = run_quartier({"-c", s.server.config_path().string(), "check-blobs", "--grace-hours", "0"});
  return r.output;
}

}  // namespace

TEST_CASE("group picture: uploaded without metadata, shown to those who see the group, removed with it", "[groups][picture]") {
  for_each_dialect([](const DbTarget& target) {
    // The media folder of this server alone; the group's blobs go next to it (data/groups), so
    // check-blobs sees this server's files only.
    TempDir data;
    GroupsServer s(target.url, "\n[media]\ndir = \"" + (data / "media").string() + "\"\n");
    auto alice = s.person("alice"), bob = s.person("bob");
    auto https = alice.send("POST", "/api/p/groups/groups", {{"name", "Chor"}, {"image", "https://example.org/chor.png"}});
    CHECK(https.error_code() == "invalid_image");
    CHECK(https.body.find("laden Sie das Gruppenbild hoch") != std::string::npos);
    auto chor = create_group(alice, "Chor Nord", "public");
    CHECK(chor.at("image").is_null());

    // Only its managers; only pictures.
    CHECK(put_picture(bob, chor, jpeg_with_gps(300, 200)).status == 403);
    auto text = put_picture(alice, chor, "Kein Bild, nur Text.");
    CHECK(text.status == 415);
    CHECK(text.error_code() == "invalid_picture");
    auto ok = put_picture(alice, chor, jpeg_with_gps(1600, 1200));
    INFO(ok.body);
    REQUIRE(ok.status == 200);
    const auto url = str(ok.json().at("image"));
    CHECK(url.rfind(gpath(chor, "/picture?v="), 0) == 0);
    CHECK(str(bob.get(gpath(chor)).json().at("image")) == url);

    auto img = bob.get(url);
    REQUIRE(img.status == 200);
    CHECK(qt::media::sniff_mime(img.body) == "image/webp");
    auto decoded = decode(img.body);
    CHECK(vips_image_get_width(decoded.get()) == 800);
    CHECK(vips_image_get_height(decoded.get()) == 600);
    CHECK_FALSE(has_field_starting(metadata_fields(decoded), "exif"));
    CHECK(img.body.find("Anna Schmidt") == std::string::npos);
    // check-blobs knows the group's blobs: the upload itself was not kept.
    const auto clean = check_blobs(s);
    INFO(clean);
    CHECK(clean.find("0 missing, 0 damaged, 0 unreferenced") != std::string::npos);
    CHECK(clean.find("not checked") == std::string::npos);

    // A hidden group's picture is not for outsiders.
    auto secret = create_group(alice, "Geheimrat", "hidden");
    REQUIRE(put_picture(alice, secret, picture_file(200, 200, ".png")).status == 200);
    CHECK(bob.get(gpath(secret, "/picture")).status == 404);
    CHECK(alice.get(gpath(secret, "/picture")).status == 200);

    // Removed: the address answers 404, the blob goes.
    CHECK(alice.send("DELETE", gpath(chor, "/picture")).status == 204);
    CHECK(bob.get(gpath(chor)).json().at("image").is_null());
    CHECK(bob.get(gpath(chor, "/picture")).status == 404);
    CHECK(alice.send("DELETE", gpath(secret), {{"confirm", slug(secret)}}).status == 204);
    const auto after = check_blobs(s);
    INFO(after);
    CHECK(after.find("0 missing, 0 damaged, 0 unreferenced") != std::string::npos);
  });
}
