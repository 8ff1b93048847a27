// Privacy through the real server on SQLite and PostgreSQL: a person's events and answers are
// in their export; with the account their answers and feeds go (their seat passes to the
// waiting list, the next one moves up), their own city event goes, and the event they
// organised in a group stays with the group: a new item of the municipality's, no organiser,
// the others' answers kept, nothing in any calendar table or the item naming them.
#include "calendar_fixture.hpp"
#include "sql_access.hpp"

using namespace qt::test;
using namespace qt::test::cal;

TEST_CASE("privacy: export and erasure", "[calendar][privacy]") {
  for_each_dialect([](const DbTarget& target) {
    CalendarServer s(target.url);
    auto ines = s.person("ines");
    auto jan = s.person("jan");
    auto kim = s.person("kim");
    auto g = ok(jan.send("POST", "/api/p/groups/groups", {{"name", "Gartenverein"}, {"visibility", "public"}, {"category", "verein"}}), 201);
    const auto garden = g.at("container_id").as_int64();
    const auto slug = std::string(g.at("slug").as_string());
    ok(ines.send("POST", "/api/p/groups/groups/" + slug + "/join"));
    ok(jan.send("PUT", "/api/p/groups/groups/" + slug + "/members/" + std::to_string(ines.id), {{"role", "moderator"}}));
    auto work = create_event(ines, garden, {{"title", "Arbeitseinsatz"}, {"capacity", 2}, {"contact", "Tel. 0123"}});
    ok(kim.send("POST", "/api/p/groups/groups/" + slug + "/join"));
    ok(kim.send("PUT", epath(work, "/rsvp"), {{"status", "going"}, {"remind", "day"}}));
    ok(jan.send("PUT", epath(work, "/rsvp"), {{"status", "maybe"}}));
    ok(ines.send("PUT", epath(work, "/rsvp"), {{"status", "going"}}));
    auto city = calendar_of(jan, "city").at("id").as_int64();
    auto tour = create_event(jan, city, {{"title", "Radtour"}, {"capacity", 1}});
    ok(ines.send("PUT", epath(tour, "/rsvp"), {{"status", "going"}}));
    ok(kim.send("PUT", epath(tour, "/rsvp"), {{"status", "going"}}));  // waiting behind Ines
    ok(ines.send("POST", "/api/p/calendar/feeds", {{"scope", "mine"}}), 201);

    auto ex = ok(ines.get("/api/me/export"));
    INFO(boost::json::serialize(ex));
    const auto& mine = ex.at("data").at("calendar");
    REQUIRE(mine.at("events_organised").as_array().size() == 1);
    CHECK(mine.at("events_organised").as_array()[0].at("title").as_string() == "Arbeitseinsatz");
    REQUIRE(mine.at("rsvps").as_array().size() == 2);
    CHECK(mine.at("rsvps").as_array()[0].at("title").as_string() == "Arbeitseinsatz");
    CHECK(mine.at("rsvps").as_array()[1].at("title").as_string() == "Radtour");
    CHECK(mine.at("feed_subscriptions").as_int64() == 1);
    CHECK(ok(jan.get("/api/me/export")).at("data").at("calendar").at("rsvps").as_array().size() == 1);
    auto own = create_event(ines, city, {{"title", "Flohmarkt vor der Tür"}});
    const auto old_item = work.at("content_id").as_int64();
    const auto published = ok(jan.get("/api/content/" + std::to_string(old_item))).at("created_at").as_int64();

    auto del = ines.send("DELETE", "/api/me", {{"password", ines.password}});
    INFO(del.body);
    REQUIRE(del.status < 300);
    // Kim moved up into Ines's seat.
    auto t = ok(kim.get(epath(tour)));
    CHECK(t.at("rsvps").as_array()[0].at("mine").at("status").as_string() == "going");
    CHECK(t.at("rsvps").as_array()[0].at("going").as_int64() == 1);
    // Her own city event went with her items (the core deletes every item an erased person wrote).
    CHECK(jan.get(epath(own)).status == 404);
    // The group's event stays with the group, nobody named as its organiser; the others'
    // answers stay, hers went; the group's owner looks after it now.
    auto kept = ok(jan.get(epath(work)));
    INFO(boost::json::serialize(kept));
    CHECK(kept.at("title").as_string() == "Arbeitseinsatz");
    CHECK(kept.at("organiser").at("id").as_int64() == 0);
    CHECK(kept.at("organiser").at("display_name").as_string() == "");
    CHECK(kept.at("contact").as_string() == "");
    CHECK(kept.at("may_manage").as_bool());
    const auto& date = kept.at("rsvps").as_array()[0];
    CHECK(date.at("going").as_int64() == 1);  // Kim's; Ines's seat is gone
    CHECK(date.at("mine").at("status").as_string() == "maybe");
    CHECK(ok(kim.get(epath(work))).at("rsvps").as_array()[0].at("mine").at("status").as_string() == "going");
    // Its core item is the municipality's now: a new one (the old, hers, went), in the group.
    const auto item_id = kept.at("content_id").as_int64();
    CHECK(item_id != old_item);
    CHECK(jan.get("/api/content/" + std::to_string(old_item)).status == 404);
    auto item = ok(jan.get("/api/content/" + std::to_string(item_id)));
    INFO(boost::json::serialize(item));
    CHECK(item.at("container").at("id").as_int64() == garden);
    CHECK(item.at("author").at("id").as_int64() != ines.id);
    CHECK(item.at("author").at("display_name").as_string() != "ines");
    CHECK(item.at("created_at").as_int64() == published);  // keeps its place in the group's stream
    CHECK(item.at("card").at("event_id").as_int64() == work.at("id").as_int64());
    // Every calendar table, and the item: nothing names her (id, name, address, contact).
    const SqlAccess db(target.url);
    CHECK(db.rows_naming("calendar_", ines.id, {"ines", "Tel. 0123"}).empty());
    CHECK(db.scalar("SELECT COUNT(*) FROM content WHERE author_id = :a", ines.id) == 0);
    CHECK(db.scalar("SELECT COUNT(*) FROM calendar_rsvps WHERE event_id = :a", work.at("id").as_int64()) == 2);
    // The others' exports are unaffected: Kim's answer names the kept event.
    auto kims = ok(kim.get("/api/me/export")).at("data").at("calendar").at("rsvps").as_array();
    REQUIRE(kims.size() == 2);
    CHECK(kims[0].at("title").as_string() == "Arbeitseinsatz");
    CHECK(kims[1].at("title").as_string() == "Radtour");
  });
}
