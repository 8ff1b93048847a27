// An event's picture through the real server on SQLite and PostgreSQL and the core's image
// pipeline (ABI 1.3): only its organisers add one, anything that is no picture is refused with
// a clear error and stores nothing, a phone photo comes back re-encoded without its EXIF/GPS,
// read under the event's own rule, on the card in the streams; replaced and removed blobs go.
#include <filesystem>

#include <vips/vips.h>

#include "calendar_fixture.hpp"
#include "temp_dir.hpp"
#include "test_images.hpp"

using namespace qt::test;
using namespace qt::test::cal;

namespace {

std::pair<int, int> size_of(const std::string& bytes) {
  const auto img = decode(bytes);
  return {vips_image_get_width(img.get()), vips_image_get_height(img.get())};
}

HttpResponse upload(Person& p, const std::string& target, const std::string& bytes) {
  return p.http->request("PUT", target, bytes, {{"Content-Type", "application/octet-stream"}, {"X-CSRF-Token", p.http->csrf_token}});
}

std::size_t blob_files(const TempDir& dir) {
  std::error_code ec;
  std::size_t n = 0;
  for (auto it = std::filesystem::recursive_directory_iterator(dir.path() / "blobs", ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); ++it)
    if (it->is_regular_file()) ++n;
  return n;
}

}  // namespace

TEST_CASE("images: an event's picture without EXIF, refusals store nothing", "[calendar][images]") {
  for_each_dialect([](const DbTarget& target) {
    TempDir blobs;
    CalendarServer s(target.url, "[plugins.calendar]\ndir = \"" + blobs.path().string() + "\"\n");
    auto olga = s.person("olga");
    auto ben = s.person("ben");
    const auto city = calendar_of(olga, "city").at("id").as_int64();
    auto fest = create_event(olga, city, {{"title", "Hoffest"}});
    const auto path = epath(fest, "/image");
    const auto card = [&] { return ok(ben.get("/api/content/" + std::to_string(fest.at("content_id").as_int64()))).at("card"); };
    CHECK(card().at("event_id").as_int64() == fest.at("id").as_int64());  // the card links its event from the start

    // Refused in words, nothing kept: not the organiser, no picture, a cut-off one, nothing.
    CHECK(upload(ben, path, picture_file(64, 64, ".png")).error_code() == "not_organiser");
    const auto text = upload(olga, path, "Dies ist kein Bild, nur Text.");
    CHECK(text.status == 400);
    CHECK(text.error_code() == "invalid_image");
    CHECK(text.body.find("kein Bild") != std::string::npos);
    CHECK(upload(olga, path, picture_file(64, 64, ".png").substr(0, 60)).error_code() == "invalid_image");
    CHECK(upload(olga, path, "").error_code() == "image_empty");
    CHECK(blob_files(blobs) == 0);
    CHECK(ok(olga.get(epath(fest))).at("image").is_null());
    CHECK(ben.get(path).error_code() == "no_image");

    // A phone photo with GPS: a picture and a thumbnail, re-encoded without metadata.
    auto up = ok(upload(olga, path, jpeg_with_gps(2400, 1800)), 201);
    CHECK(blob_files(blobs) == 2);  // the upload itself is not kept
    // Both are the event's, as `quartier check-blobs` reads them from calendar_blob_refs.
    auto check = run_quartier({"-c", s.server.config_path().string(), "check-blobs"});
    INFO(check.output);
    CHECK(check.exit_code == 0);
    CHECK_THAT(check.output, Catch::Contains("calendar (" + blobs.path().string() + "): 2 referenced, 2 on disk"));
    const auto url = std::string(up.at("image").at("url").as_string());
    const auto thumb_url = std::string(up.at("image").at("thumb_url").as_string());
    auto pic = ben.get(url);
    REQUIRE(pic.status == 200);
    CHECK(pic.header("content-type").value_or("") == "image/webp");
    CHECK(size_of(pic.body) == std::pair(1600, 1200));
    CHECK_FALSE(has_field_starting(metadata_fields(decode(pic.body)), "exif"));
    CHECK(size_of(ben.get(thumb_url).body) == std::pair(400, 400));
    // On the card in the streams, without another request.
    auto item = ok(ben.get("/api/content/" + std::to_string(fest.at("content_id").as_int64())));
    CHECK(item.at("card").at("image").as_string() == thumb_url);

    // Replaced: the old blobs go; removed: the event has none and no blob is left.
    ok(upload(olga, path, picture_file(300, 200, ".png")), 201);
    CHECK(blob_files(blobs) == 2);
    CHECK(size_of(ben.get(url).body) == std::pair(300, 200));
    CHECK(ben.send("DELETE", path).error_code() == "not_organiser");
    CHECK(olga.send("DELETE", path).status == 204);
    CHECK(blob_files(blobs) == 0);
    CHECK(ok(olga.get(epath(fest))).at("image").is_null());
    CHECK(olga.send("DELETE", path).error_code() == "no_image");
  });
}
