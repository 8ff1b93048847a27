// Video rooms through the real server on SQLite and PostgreSQL: who may create which kind of room,
// bad input refused with a clear error and nothing stored, who may see and change a room, guest
// passes, and the person's export and erasure.
#include <string>

#include <boost/json.hpp>

#include "pg_test_db.hpp"
#include "sql_access.hpp"
#include "video_fixture.hpp"

using namespace qt::test;
using namespace qt::test::video;

namespace {
std::string code_of(const HttpResponse& r) { return str(r.json().at("error").at("code")); }
}  // namespace

TEST_CASE("video rooms: creating, by kind and by who asks, with bad input refused", "[video][rooms]") {
  for_each_dialect([](const DbTarget& target) {
    TestServer server(video_setup(target.url));
    auto anna = person(server, "anna");
    auto ben = person(server, "ben");
    auto clerk = person(server, "clerk", "staff");
    auto anon = server.client();
    SqlAccess sql(target.url);

    auto room = create_room(anna, {{"name", "  Spieleabend  "}});
    CHECK(room.at("name").as_string() == "Spieleabend");
    CHECK(room.at("kind").as_string() == "resident");
    CHECK(str(room.at("link")) == "/video/room/" + str(room.at("slug")));
    CHECK(str(room.at("slug")).size() == 22);
    CHECK(room.at("is_host").as_bool());
    CHECK(room.at("capacity").as_int64() == 6);

    // Bad input: a clear error, nothing stored.
    const auto before = sql.scalar("SELECT COUNT(*) FROM video_rooms");
    struct Bad { boost::json::object body; int status; const char* code; };
    const std::vector<Bad> bad = {
        {{{"name", ""}}, 400, "invalid_name"},
        {{{"name", "\u200b\u200b"}}, 400, "invalid_name"},
        {{{"name", 7}}, 400, "invalid_name"},
        {{{"name", "Raum"}, {"capacity", 9}}, 400, "invalid_capacity"},
        {{{"name", "Raum"}, {"capacity", 1}}, 400, "invalid_capacity"},
        {{{"name", "Raum"}, {"kind", "party"}}, 400, "invalid_kind"},
        {{{"name", "Raum"}, {"kind", "cafe"}}, 403, "staff_only"},
        {{{"name", "Raum"}, {"kind", "department"}}, 403, "staff_only"},
        {{{"name", "Raum"}, {"kind", "group"}}, 400, "invalid_container_id"},
        {{{"name", "Raum"}, {"guests_allowed", "ja"}}, 400, "invalid_guests_allowed"},
    };
    for (const auto& b : bad) {
      auto r = ben.send("POST", "/api/p/video/rooms", b.body);
      INFO(boost::json::serialize(b.body) << " -> " << r.body);
      CHECK(r.status == b.status);
      CHECK(code_of(r) == b.code);
      CHECK(r.json().at("error").at("message").as_string().find(" / ") != boost::json::string::npos);
    }
    CHECK(anon.send_json("POST", "/api/p/video/rooms", {{"name", "Anonym"}}).status == 401);
    CHECK(sql.scalar("SELECT COUNT(*) FROM video_rooms") == before);

    // Consultation hours by staff, with the schedule; too long a schedule refused.
    auto hours = create_room(clerk, {{"name", "Bürgerbüro"}, {"kind", "department"}, {"department", "Bürgeramt"},
                                     {"schedule", "Di 10–12 Uhr"}});
    CHECK(hours.at("schedule").as_string() == "Di 10–12 Uhr");
    CHECK(clerk.send("POST", "/api/p/video/rooms", {{"name", "X"}, {"kind", "department"}, {"schedule", std::string(501, 'x')}}).status == 400);
    auto list = anon.get("/api/p/video/rooms").json().as_object();
    CHECK(list.at("consultations").as_array().size() == 1);
    CHECK(list.at("mine").as_array().empty());
    CHECK(anna.get("/api/p/video/rooms").json().at("mine").as_array().size() == 1);

    // A group's room: only its owners and moderators create it; members only by default.
    auto group = anna.send("POST", "/api/p/groups/groups", {{"name", "Chor"}, {"visibility", "public"}, {"category", "verein"}});
    REQUIRE(group.status == 201);
    const auto container = group.json().at("container_id").as_int64();
    auto denied = ben.send("POST", "/api/p/video/rooms", {{"name", "Probe"}, {"kind", "group"}, {"container_id", container}});
    CHECK(denied.status == 403);
    CHECK(code_of(denied) == "not_group_moderator");
    auto probe = create_room(anna, {{"name", "Probe"}, {"kind", "group"}, {"container_id", container}});
    CHECK(probe.at("members_only").as_bool());
    CHECK(!probe.at("guests_allowed").as_bool());
    auto hidden = ben.get("/api/p/video/rooms/" + str(probe.at("slug")));
    CHECK(hidden.status == 403);
    CHECK(code_of(hidden) == "members_only");
  });
}

TEST_CASE("video rooms: showing, changing and ending a room, and guest passes", "[video][rooms]") {
  for_each_dialect([](const DbTarget& target) {
    TestServer server(video_setup(target.url));
    auto anna = person(server, "anna");
    auto ben = person(server, "ben");
    auto anon = server.client();
    auto room = create_room(anna, {{"name", "Nachbarschaftstreff"}});
    const std::string slug = str(room.at("slug"));

    auto shown = anon.get("/api/p/video/rooms/" + slug).json().as_object();
    CHECK(shown.at("can_enter").as_bool());
    CHECK(!shown.at("is_host").as_bool());
    CHECK(!shown.contains("present"));
    CHECK(anna.get("/api/p/video/rooms/" + slug).json().as_object().contains("present"));
    auto missing = anon.get("/api/p/video/rooms/nichtda");
    CHECK(missing.status == 404);
    CHECK(code_of(missing) == "room_not_found");

    // Only the host changes it.
    auto not_host = ben.send("PATCH", "/api/p/video/rooms/" + slug, {{"locked", true}});
    CHECK(not_host.status == 403);
    CHECK(code_of(not_host) == "not_host");
    CHECK(anna.send("PATCH", "/api/p/video/rooms/" + slug, {{"locked", "yes"}}).status == 400);
    auto locked = anna.send("PATCH", "/api/p/video/rooms/" + slug, {{"locked", true}});
    CHECK(locked.json().at("locked").as_bool());
    CHECK(!anon.get("/api/p/video/rooms/" + slug).json().at("can_enter").as_bool());

    // Guest passes: a name is needed; rooms without guests give none.
    auto no_name = anon.send_json("POST", "/api/p/video/rooms/" + slug + "/guest", {{"name", "   "}});
    CHECK(no_name.status == 400);
    auto pass = anon.send_json("POST", "/api/p/video/rooms/" + slug + "/guest", {{"name", "Gisela"}});
    CHECK(pass.status == 201);
    CHECK(pass.json().at("name").as_string() == "Gisela");
    auto closed = create_room(anna, {{"name", "Nur mit Konto"}, {"guests_allowed", false}});
    auto refused = anon.send_json("POST", "/api/p/video/rooms/" + str(closed.at("slug")) + "/guest", {{"name", "Gisela"}});
    CHECK(refused.status == 403);
    CHECK(code_of(refused) == "account_required");
    CHECK(anon.send_json("POST", "/api/p/video/rooms/nichtda/guest", {{"name", "Gisela"}}).status == 404);

    CHECK(ben.send("DELETE", "/api/p/video/rooms/" + slug).status == 403);
    CHECK(anna.send("DELETE", "/api/p/video/rooms/" + slug).status == 204);
    CHECK(anon.get("/api/p/video/rooms/" + slug).status == 404);
  });
}

TEST_CASE("video rooms: a person's export lists the rooms they made, erasure deletes them", "[video][privacy]") {
  for_each_dialect([](const DbTarget& target) {
    TestServer server(video_setup(target.url));
    auto anna = person(server, "anna");
    auto clerk = person(server, "clerk", "staff");
    create_room(anna, {{"name", "Annas Raum"}});
    auto hours = create_room(clerk, {{"name", "Sprechstunde"}, {"kind", "department"}});
    auto exported = anna.get("/api/me/export");
    REQUIRE(exported.status == 200);
    INFO(exported.body);
    const auto part = exported.json().at("data").at("video").as_object();
    REQUIRE(part.at("rooms_created").as_array().size() == 1);
    CHECK(part.at("rooms_created").as_array()[0].at("name").as_string() == "Annas Raum");

    SqlAccess sql(target.url);
    const auto anna_id = anna.id;
    CHECK(anna.send("DELETE", "/api/me", {{"password", anna.password}}).status < 300);
    CHECK(sql.scalar("SELECT COUNT(*) FROM video_rooms WHERE created_by = :a", anna_id) == 0);
    CHECK(sql.rows_naming("video_", anna_id, {"Annas Raum"}).empty());
    // Staff's consultation hours stay for the municipality, without the name once erased.
    CHECK(clerk.send("DELETE", "/api/me", {{"password", clerk.password}}).status < 300);
    CHECK(server.client().get("/api/p/video/rooms/" + str(hours.at("slug"))).status == 200);
    CHECK(sql.scalar("SELECT COUNT(*) FROM video_rooms WHERE created_by = :a", clerk.id) == 0);
  });
}
