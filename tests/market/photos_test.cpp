// Photos of listings and business profiles through the real server on both databases: the core's
// image pipeline re-encodes them (no EXIF/GPS survives, resized, square thumbnails); anything
// that is not a picture is refused with a clear error and nothing stored; the first photo is on
// the stream card and in the lists; readers follow the listing's rules; photos are in the export
// and leave with the listing and with an erased account, while a business keeps its photos.
#include <chrono>
#include <thread>

#include <vips/vips.h>

#include "market_fixture.hpp"
#include "pg_test_db.hpp"
#include "test_images.hpp"

using namespace qt::test;
using namespace qt::test::market;

namespace {

// Waits for the state (the blobs of deleted photos are removed by a job after the commit).
template <class Pred>
bool eventually(Pred pred) {
  for (int i = 0; i < 500; ++i) {
    if (pred()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return pred();
}

std::pair<int, int> size_of(const std::string& bytes) {
  const auto img = decode(bytes);
  return {vips_image_get_width(img.get()), vips_image_get_height(img.get())};
}

}  // namespace

TEST_CASE("photos: listings get re-encoded photos, refusals store nothing, readers as the listing", "[market][photos]") {
  for_each_dialect([](const DbTarget& target) {
    MarketServer s(target.url);
    auto anna = s.person("anna", "resident", s.altstadt);
    auto ben = s.person("ben", "resident", s.altstadt);
    auto cem = s.person("cem", "resident", s.hafen);
    auto l = make_listing(anna, {{"type", "give_away"}, {"title", "Kinderwagen"}, {"category", "children"}});
    const auto path = kApi + "/listings/" + id(l.at("id").as_int64());

    // Not a picture, empty, someone else's listing: refused, nothing stored.
    auto text = anna.upload(path + "/photos", "Dies ist kein Bild, nur Text.");
    CHECK(text.status == 400);
    CHECK(error_code(text) == "invalid_photo");
    CHECK(text.body.find("JPEG") != std::string::npos);
    auto broken = anna.upload(path + "/photos", picture_file(64, 64, ".png").substr(0, 60));  // a cut-off PNG
    CHECK(broken.status == 400);
    CHECK(error_code(broken) == "invalid_photo");
    CHECK(error_code(anna.upload(path + "/photos", "")) == "photo_empty");
    CHECK(ben.upload(path + "/photos", picture_file(64, 64, ".png")).status == 403);
    CHECK(cem.upload(path + "/photos", picture_file(64, 64, ".png")).status == 404);
    CHECK(s.blob_files() == 0);
    CHECK(ok_json(anna.get(path)).at("photos").as_array().empty());

    // A phone photo with GPS in its EXIF: stored re-encoded, smaller, without metadata.
    auto up = ok_json(anna.upload(path + "/photos", jpeg_with_gps(2400, 1800)), 201).as_object();
    CHECK(s.blob_files() == 2);  // the picture and its thumbnail; the upload itself is not kept
    const auto url = std::string(up.at("url").as_string());
    const auto thumb_url = std::string(up.at("thumb_url").as_string());
    auto pic = anna.get(url);
    REQUIRE(pic.status == 200);
    CHECK(pic.header("content-type").value_or("") == "image/webp");
    CHECK(size_of(pic.body) == std::pair(1600, 1200));
    CHECK_FALSE(has_field_starting(metadata_fields(decode(pic.body)), "exif"));
    CHECK(size_of(anna.get(thumb_url).body) == std::pair(400, 400));

    // Readers: the neighbourhood's residents, not another neighbourhood, not anonymous visitors.
    CHECK(ben.get(url).status == 200);
    CHECK(cem.get(url).status == 404);
    HttpClient anonymous(s.server.port());
    CHECK(anonymous.get(thumb_url).status == 404);

    // The first photo is on the stream card and in the search; the listing has all of them.
    auto second = ok_json(anna.upload(path + "/photos", picture_file(300, 200, ".png")), 201);
    auto stream = ok_json(ben.get("/api/stream?scope=neighbourhood&kind=market.listing")).at("items").as_array();
    REQUIRE(stream.size() == 1);
    CHECK(stream.at(0).at("card").at("photo").as_string() == thumb_url);
    auto found = ok_json(ben.get(kApi + "/listings")).at("listings").as_array();
    REQUIRE(found.size() == 1);
    REQUIRE(found.at(0).at("photos").as_array().size() == 1);
    CHECK(found.at(0).at("photos").at(0).at("thumb_url").as_string() == thumb_url);
    CHECK(ok_json(ben.get(path)).at("photos").as_array().size() == 2);

    // A few per listing.
    for (int i = 0; i < 4; ++i) ok_json(anna.upload(path + "/photos", picture_file(500 + i, 450, ".png")), 201);
    auto seventh = anna.upload(path + "/photos", picture_file(520, 450, ".png"));
    CHECK(seventh.status == 409);
    CHECK(error_code(seventh) == "too_many_photos");
    CHECK(s.blob_files() == 12);

    // Deleting: only the author; the blobs go once no row uses them, and the card moves on.
    const auto first_photo = kApi + "/photos/" + id(up.at("id").as_int64());
    CHECK(ben.send("DELETE", first_photo).status == 403);
    CHECK(anna.send("DELETE", first_photo).status == 204);
    CHECK(anna.get(url).status == 404);
    CHECK(eventually([&] { return s.blob_files() == 10; }));
    stream = ok_json(ben.get("/api/stream?scope=neighbourhood&kind=market.listing")).at("items").as_array();
    CHECK(stream.at(0).at("card").at("photo").as_string() == second.at("thumb_url").as_string());

    // Deleting the listing takes its photos along.
    CHECK(anna.send("DELETE", path).status == 204);
    CHECK(eventually([&] { return s.blob_files() == 0; }));
  });
}

TEST_CASE("photos: business profiles, the directory, export and erasure", "[market][photos][privacy]") {
  for_each_dialect([](const DbTarget& target) {
    MarketServer s(target.url);
    auto ines = s.person("ines", "resident", s.altstadt);
    auto jan = s.person("jan", "resident", s.altstadt);
    auto other = s.person("olga", "resident", s.altstadt);
    auto b = make_business(ines, "Bäckerei Ines");
    const auto path = kApi + "/businesses/" + id(b.at("id").as_int64());
    ok_json(ines.send("POST", path + "/managers", {{"user_id", jan.id}}), 201);

    CHECK(other.upload(path + "/photos", picture_file(64, 64, ".png")).status == 403);
    CHECK(error_code(ines.upload(path + "/photos", "%PDF-1.4 kein Foto")) == "invalid_photo");
    CHECK(s.blob_files() == 0);
    auto shop = ok_json(ines.upload(path + "/photos", picture_file(800, 600, ".png")), 201);
    // Anyone sees a business's photos, also without signing in; the directory shows the first.
    HttpClient anonymous(s.server.port());
    CHECK(anonymous.get(std::string(shop.at("url").as_string())).status == 200);
    auto dir = anonymous.get(kApi + "/businesses");
    REQUIRE(dir.status == 200);
    CHECK(dir.json().at("businesses").at(0).at("photo").at("thumb_url").as_string() == shop.at("thumb_url").as_string());
    CHECK(ok_json(other.get(path)).at("photos").as_array().size() == 1);

    auto l = make_listing(ines, {{"type", "lend"}, {"title", "Leiter"}, {"category", "tools"}});
    auto lp = ok_json(ines.upload(kApi + "/listings/" + id(l.at("id").as_int64()) + "/photos", jpeg_with_gps(640, 480)), 201);
    CHECK(s.blob_files() == 4);

    // The export names both photos; erasure takes the listing's, the business keeps its own.
    auto ex = ines.get("/api/me/export");
    REQUIRE(ex.status == 200);
    CHECK(ex.body.find(std::string(shop.at("url").as_string())) != std::string::npos);
    CHECK(ex.body.find(std::string(lp.at("url").as_string())) != std::string::npos);
    ok_json(ines.send("DELETE", "/api/me", {{"password", ines.password}}));
    CHECK(eventually([&] { return s.blob_files() == 2; }));
    CHECK(jan.get(std::string(lp.at("url").as_string())).status == 404);
    CHECK(jan.get(std::string(shop.at("url").as_string())).status == 200);
    CHECK(ok_json(jan.get(path)).at("photos").as_array().size() == 1);
  });
}
