// Pictures in posts and comments through the real server on SQLite and PostgreSQL: uploaded as
// a raw body through the core's image pipeline (EXIF/GPS gone, three sizes that keep the
// proportions), attached with alt text or an explicit "decorative", shown on the stream card and
// in the comment list, served only to those who may read the post, and removed with an edit, a
// deletion, moderation and erasure, files too; refusals say what was wrong and change nothing.
#include <filesystem>

#include "holes_fixture.hpp"
#include "pg_test_db.hpp"
#include "platform/media/sniff.hpp"
#include "test_images.hpp"

using namespace qt::test;

namespace {

struct Resident {
  std::int64_t id = 0;
  std::string password;
  std::unique_ptr<Session> s;
};

struct Place {
  AccountsServer srv;
  std::unique_ptr<Session> admin;
  std::int64_t north = 0, south = 0;

  explicit Place(const std::string& db_url) : srv("", db_url) {
    const auto pw = srv.add_user("admin@teststadt.test", "Admin", "admin");
    admin = std::make_unique<Session>(srv.login("admin@teststadt.test", pw));
    north = holes::create_neighbourhood(*admin, "nord", "Nord");
    south = holes::create_neighbourhood(*admin, "sued", "Süd");
  }
  Resident resident(const std::string& name, std::int64_t nb, const std::string& role = "resident") {
    Resident p;
    p.password = srv.add_user(name + "@teststadt.test", name, role);
    p.s = std::make_unique<Session>(srv.login(name + "@teststadt.test", p.password));
    REQUIRE(p.s->send_json("PATCH", "/api/me", {{"neighbourhood_id", nb}}).status == 200);
    p.id = p.s->get("/api/me").json().at("user").at("id").as_int64();
    return p;
  }
  std::size_t picture_files() const {
    std::size_t n = 0;
    std::error_code ec;
    for (auto it = std::filesystem::recursive_directory_iterator(srv.media.path() / "images", ec);
         it != std::filesystem::recursive_directory_iterator(); ++it)
      if (it->is_regular_file()) ++n;
    return n;
  }
};

HttpResponse upload(Session& who, const std::string& bytes) {
  return who.request("POST", "/api/images", bytes,
                     {{"Content-Type", "image/jpeg"}, {"X-CSRF-Token", who.client().csrf_token}});
}

std::int64_t uploaded(Session& who, const std::string& bytes) {
  auto r = upload(who, bytes);
  INFO(r.body);
  REQUIRE(r.status == 201);
  return r.json().at("id").as_int64();
}

boost::json::object pic(std::int64_t id, const std::string& alt) { return {{"id", id}, {"alt", alt}}; }

std::string url(std::int64_t id, int size) { return "/api/images/" + std::to_string(id) + "?size=" + std::to_string(size); }

// The first item of the person's home stream.
boost::json::object first_card(Session& s) {
  auto r = s.get("/api/stream?scope=home");
  INFO(r.body);
  REQUIRE(r.status == 200);
  auto page = r.json();
  REQUIRE(!page.at("items").as_array().empty());
  return page.at("items").as_array().front().as_object();
}

void upload_refusals(Place& t, Resident& greta) {
  // Without the CSRF token, not an image, damaged, empty: refused in words; nothing stored.
  CHECK(greta.s->request("POST", "/api/images", jpeg_with_gps(40, 40), {{"Content-Type", "image/jpeg"}}).status == 403);
  auto text = upload(*greta.s, "Das ist kein Bild, nur Text.\n");
  CHECK(text.status == 415);
  CHECK(text.error_code() == "upload_unsupported_type");
  CHECK(text.body.find("JPEG, PNG, WebP oder GIF") != std::string::npos);
  auto broken = upload(*greta.s, jpeg_with_gps(300, 200).substr(0, 40) + std::string(2000, 'x'));
  CHECK(broken.status == 422);
  CHECK(broken.error_code() == "upload_corrupt");
  CHECK(upload(*greta.s, "").status == 400);
  CHECK(t.picture_files() == 0);
}

// Posts two pictures and returns their ids, after the refusals of wrong choices.
std::pair<std::int64_t, std::int64_t> post_with_pictures(Place& t, Resident& greta, Resident& hans) {
  auto first = upload(*greta.s, jpeg_with_gps(1600, 1200));
  INFO(first.body);
  REQUIRE(first.status == 201);
  const auto a = first.json().at("id").as_int64();
  CHECK(first.json().at("width").as_int64() == 1280);
  CHECK(first.json().at("height").as_int64() == 960);
  const auto b = uploaded(*greta.s, picture_file(600, 900, ".png"));
  CHECK(t.picture_files() == 6);  // three sizes each
  // Before it is used, only the uploader sees it.
  CHECK(greta.s->get(url(a, 320)).status == 200);
  CHECK(hans.s->get(url(a, 320)).status == 404);

  auto no_alt = greta.s->send_json("POST", "/api/posts", {{"body", "Flohmarkt"}, {"images", {pic(a, "Bücher"), pic(b, "  ")}}});
  CHECK(no_alt.status == 400);
  CHECK(no_alt.error_code() == "image_alt_missing");
  CHECK(no_alt.body.find("Alternativtext") != std::string::npos);
  const auto extra = uploaded(*greta.s, picture_file(50, 50, ".gif"));
  boost::json::array five;
  for (auto id : {a, b, extra, extra + 1000, extra + 1001}) five.push_back(pic(id, "Bild"));
  auto many = greta.s->send_json("POST", "/api/posts", {{"body", "Zu viele"}, {"images", five}});
  CHECK(many.status == 400);
  CHECK(many.error_code() == "too_many_images");
  auto foreign = hans.s->send_json("POST", "/api/posts", {{"body", "Fremdes Bild"}, {"images", {pic(a, "Bücher")}}});
  CHECK(foreign.status == 400);
  CHECK(foreign.error_code() == "invalid_image");
  auto twice = greta.s->send_json("POST", "/api/posts", {{"body", "Doppelt"}, {"images", {pic(a, "x"), pic(a, "y")}}});
  CHECK(twice.error_code() == "invalid_image");
  auto shape = greta.s->send_json("POST", "/api/posts", {{"body", "Form"}, {"images", {{{"id", a}, {"src", "x"}}}}});
  CHECK(shape.error_code() == "invalid_field");
  // Nothing was posted by the refusals.
  CHECK(hans.s->get("/api/stream?scope=home").json().at("items").as_array().empty());

  auto ok = greta.s->send_json("POST", "/api/posts", {{"body", "Flohmarkt am Samstag"},
                                                      {"images", {pic(a, "Ein Tisch voller Bücher"), pic(b, "Eine Kiste Spielzeug")}}});
  INFO(ok.body);
  REQUIRE(ok.status == 201);
  // An upload is used once: another post cannot take it.
  auto again = greta.s->send_json("POST", "/api/posts", {{"body", "Nochmal"}, {"images", {pic(a, "Bücher")}}});
  CHECK(again.error_code() == "invalid_image");
  return {a, b};
}

void seen_by_readers(Place& t, Resident& hans, Resident& ida, std::int64_t a, std::int64_t b) {
  const auto card = first_card(*hans.s);
  const auto& images = card.at("images").as_array();
  REQUIRE(images.size() == 2);
  CHECK(images[0].at("id").as_int64() == a);
  CHECK(str(images[0].at("alt")) == "Ein Tisch voller Bücher");
  CHECK(images[0].at("decorative").as_bool() == false);
  CHECK(str(images[1].at("url")) == "/api/images/" + std::to_string(b));
  CHECK(images[1].at("width").as_int64() == 600);  // never enlarged
  CHECK(images[1].at("height").as_int64() == 900);

  auto small = hans.s->get(url(a, 320));
  REQUIRE(small.status == 200);
  CHECK(small.header("content-type") == "image/webp");
  CHECK(small.header("cache-control").value_or("").find("private") != std::string::npos);
  CHECK(small.header("x-content-type-options") == "nosniff");
  CHECK(qt::media::sniff_mime(small.body) == "image/webp");
  auto decoded = decode(small.body);
  CHECK(vips_image_get_width(decoded.get()) == 320);
  CHECK(vips_image_get_height(decoded.get()) == 240);
  CHECK_FALSE(has_field_starting(metadata_fields(decoded), "exif"));
  auto large = hans.s->get(url(a, 1280));
  REQUIRE(large.status == 200);
  CHECK(large.body.find("Anna Schmidt") == std::string::npos);
  CHECK(hans.s->get(url(a, 100)).status == 400);
  // Not for another neighbourhood, nor for anonymous visitors; unknown ids alike.
  CHECK(ida.s->get(url(a, 640)).status == 404);
  CHECK(t.srv.client().get(url(a, 640)).status == 404);
  CHECK(hans.s->get(url(a + 999, 640)).status == 404);
}

void comment_pictures(Resident& greta, Resident& hans, std::int64_t post) {
  const auto comments = "/api/content/" + std::to_string(post) + "/comments";
  const auto c1 = uploaded(*hans.s, picture_file(200, 100, ".png"));
  const auto c2 = uploaded(*hans.s, picture_file(210, 90, ".gif"));
  auto two = hans.s->send_json("POST", comments, {{"body", "Zwei"}, {"images", {pic(c1, "a"), pic(c2, "b")}}});
  CHECK(two.error_code() == "too_many_images");
  // A picture alone is a comment, marked decorative on purpose.
  auto ok = hans.s->send_json("POST", comments, {{"body", ""}, {"images", {{{"id", c1}, {"decorative", true}}}}});
  INFO(ok.body);
  REQUIRE(ok.status == 201);
  CHECK(ok.json().at("images").as_array().at(0).at("decorative").as_bool());
  CHECK(str(ok.json().at("images").as_array().at(0).at("alt")).empty());
  auto list = greta.s->get(comments).json();
  CHECK(list.at("items").as_array().at(0).at("images").as_array().size() == 1);
  CHECK(greta.s->get(url(c1, 320)).status == 200);
  // Deleting the comment removes its picture.
  const auto cid = ok.json().at("id").as_int64();
  CHECK(hans.s->request("DELETE", "/api/comments/" + std::to_string(cid), "", {{"X-CSRF-Token", hans.s->client().csrf_token}})
            .status == 204);
  CHECK(greta.s->get(url(c1, 320)).status == 404);
  CHECK(hans.s->get(url(c1, 320)).status == 404);
}

void edit_hide_delete(Place& t, Resident& greta, Resident& hans, std::int64_t post, std::int64_t a, std::int64_t b) {
  const auto item = "/api/content/" + std::to_string(post);
  const auto before = t.picture_files();
  // The edit keeps the first picture with a new description and removes the second.
  auto edit = greta.s->send_json("PATCH", item, {{"images", {pic(a, "Bücher und Platten")}}});
  INFO(edit.body);
  REQUIRE(edit.status == 200);
  CHECK(edit.json().at("images").as_array().size() == 1);
  CHECK(str(edit.json().at("images").as_array().at(0).at("alt")) == "Bücher und Platten");
  CHECK(hans.s->get(url(b, 640)).status == 404);
  CHECK(t.picture_files() == before - 3);
  auto bad = greta.s->send_json("PATCH", item, {{"images", {pic(a, "")}}});
  CHECK(bad.error_code() == "image_alt_missing");
  CHECK(str(first_card(*hans.s).at("images").as_array().at(0).at("alt")) == "Bücher und Platten");

  // Hidden by moderation: not for readers, still for the author.
  auto hide = t.admin->send_json("POST", "/api/moderation/actions",
                                 {{"action", "hide"}, {"target_type", "content"}, {"target_id", post}, {"reason", "Test"}});
  REQUIRE(hide.status == 204);
  CHECK(hans.s->get(url(a, 640)).status == 404);
  CHECK(greta.s->get(url(a, 640)).status == 200);
  REQUIRE(t.admin->send_json("POST", "/api/moderation/actions",
                             {{"action", "unhide"}, {"target_type", "content"}, {"target_id", post}, {"reason", "ok"}})
              .status == 204);
  CHECK(hans.s->get(url(a, 640)).status == 200);

  // Deleted: the picture and its files go.
  CHECK(greta.s->request("DELETE", item, "", {{"X-CSRF-Token", greta.s->client().csrf_token}}).status == 204);
  CHECK(greta.s->get(url(a, 640)).status == 404);
  CHECK(t.picture_files() == before - 6);
}

void export_and_erasure(Place& t, Resident& greta) {
  const auto p = uploaded(*greta.s, jpeg_with_gps(300, 200));
  REQUIRE(greta.s->send_json("POST", "/api/posts", {{"body", "Zum Abschied"}, {"images", {pic(p, "Ein Winken")}}}).status == 201);
  auto ex = greta.s->get("/api/me/export");
  REQUIRE(ex.status == 200);
  const auto data = ex.json();
  const auto& images = data.at("data").at("content").at("images").as_array();
  bool found = false;
  for (const auto& i : images)
    if (i.at("id").as_int64() == p) {
      found = true;
      CHECK(str(i.at("alt")) == "Ein Winken");
      CHECK(str(i.at("data_base64")).size() > 100);
    }
  CHECK(found);
  // check-blobs knows these files: nothing missing, nothing unreferenced.
  auto check = run_quartier({"-c", t.srv.server.config_path().string(), "check-blobs", "--grace-hours", "0"});
  INFO(check.output);
  CHECK(check.output.find("pictures in posts") != std::string::npos);
  CHECK(check.output.find("0 missing, 0 damaged, 0 unreferenced") != std::string::npos);
  REQUIRE(t.picture_files() > 0);
  auto gone = greta.s->send_json("DELETE", "/api/me", {{"password", greta.password}});
  INFO(gone.body);
  REQUIRE(gone.status == 200);
  CHECK(t.picture_files() == 3);  // only Hans's unused upload is left (his own, removed after a day)
}

void pictures_flow(const std::string& db_url) {
  Place t(db_url);
  auto greta = t.resident("greta", t.north), hans = t.resident("hans", t.north), ida = t.resident("ida", t.south);
  upload_refusals(t, greta);
  const auto [a, b] = post_with_pictures(t, greta, hans);
  seen_by_readers(t, hans, ida, a, b);
  const auto post = first_card(*hans.s).at("id").as_int64();
  // The author's profile picture shows with the card.
  CHECK(first_card(*hans.s).at("author").at("avatar").is_null());
  REQUIRE(greta.s->request("PUT", "/api/me/avatar", picture_file(100, 100, ".png"),
                           {{"Content-Type", "image/png"}, {"X-CSRF-Token", greta.s->client().csrf_token}})
              .status == 200);
  CHECK(str(first_card(*hans.s).at("author").at("avatar")).rfind("/api/users/" + std::to_string(greta.id) + "/avatar?v=", 0) == 0);
  comment_pictures(greta, hans, post);
  edit_hide_delete(t, greta, hans, post, a, b);
  export_and_erasure(t, greta);
}

}  // namespace

TEST_CASE("pictures in posts and comments: alt text, limits, access, edit, moderation, deletion, export, erasure",
          "[integration][images]") {
  pictures_flow("");
}

TEST_CASE("pictures in posts and comments work on PostgreSQL too", "[integration][images][postgresql]") {
  QT_REQUIRE_PG();
  PgTestDb pg;
  pictures_flow(pg.url());
}
