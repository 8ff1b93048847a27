// The meinBerlin bridge through the real server on SQLite and PostgreSQL, against a local
// stand-in that serves JSON shaped exactly like meinBerlin's public API: the configured district
// and city-wide projects kept, placed in the neighbourhood whose outline holds their point, the
// format's quirks survived (both datetime formats, relative and absolute URLs, unknown and
// missing fields, markup, malformed records skipped), nothing written when nothing changed, a
// vanished project kept as no longer listed; and the failure paths (HTTP 500, not JSON, too
// slow): logged, retried with backoff, a clear status for admins, the last good data kept.
#include "meinberlin_origin.hpp"
#include "participation_fixture.hpp"
#include "pg_test_db.hpp"
#include "sql_access.hpp"

using namespace qt::test;
using namespace qt::test::participation;

namespace {

boost::json::object find(const boost::json::value& body, const std::string& title) {
  for (const auto& p : body.at("projects").as_array())
    if (p.at("title").as_string() == title) return p.as_object();
  FAIL("no project titled " << title << " in " << boost::json::serialize(body));
  return {};
}

struct Bridge {
  ParticipationServer& s;
  // Runs one poll through the admin route and waits until its job is done or failed.
  std::string sync() {
    const auto job = ok_json(s.admin().send("POST", kApi + "/meinberlin/sync"), 202).at("job_id").as_int64();
    std::string state;
    REQUIRE(wait_for([&] {
      const auto jobs = ok_json(s.admin().get("/api/admin/jobs"));
      for (const auto& j : jobs.at("jobs").as_array())
        if (j.at("id").as_int64() == job) state = std::string(j.at("state").as_string());
      return state == "done" || state == "failed";
    }, std::chrono::seconds(90)));
    UNSCOPED_INFO("bridge: " << boost::json::serialize(status()));
    return state;
  }
  boost::json::value status() { return ok_json(s.admin().get(kApi + "/meinberlin")); }
};

// How often a project's row was written (its revision counts every write), and all rows' sum.
struct Writes {
  SqlAccess db;
  std::int64_t of(const std::string& title) const {
    return db.scalar("SELECT revision FROM participation_projects WHERE title = '" + title + "'");
  }
  std::int64_t total() const { return db.scalar("SELECT SUM(revision) FROM participation_projects"); }
  std::int64_t last_update() const { return db.scalar("SELECT MAX(updated_at) FROM participation_projects"); }
  // When the project's core item was last written (the core stamps every write).
  std::int64_t item_at(const std::string& title) const {
    return db.scalar("SELECT c.updated_at FROM content c JOIN participation_projects p ON p.content_id = c.id WHERE p.title = '" +
                     title + "'");
  }
};

}  // namespace

TEST_CASE("the meinBerlin bridge imports, updates in place and survives a failing source", "[participation][meinberlin]") {
  for_each_dialect([](const DbTarget& target) {
    MeinBerlinOrigin origin;
    ParticipationServer s(target.url, "meinberlin_enabled = true\nmeinberlin_url = \"" + origin.base() +
                                          "\"\nmeinberlin_districts = [\"Treptow-Köpenick\"]\nmeinberlin_timeout_seconds = 2\n"
                                          "meinberlin_interval_minutes = 600\nhttp_allow = [\"127.0.0.1\"]");
    auto anna = s.person("anna");
    Bridge bridge{s};
    // The schedule polls once at start by itself (durable: once in the cluster).
    REQUIRE(wait_for([&] { return !bridge.status().at("last_success_at").is_null(); }));
    CHECK(bridge.status().at("changed").as_int64() == 4);
    // Its own product token after the core's User-Agent (ABI 1.4).
    CHECK_THAT(origin.agent(), Catch::StartsWith("Quartier/") && Catch::EndsWith(" quartier-participation/1.0 meinBerlin-bridge"));
    const Writes writes{SqlAccess(target.url)};
    CHECK(writes.total() == 4);  // one insert each
    const auto play_item_at = writes.item_at("Spielplatz Altglienicke");
    const auto bike_item_at = writes.item_at("Radweg Spree");
    const auto alt = s.neighbourhood("altglienicke", square(13.53, 52.41, 0.03));
    refused(anna.get(kApi + "/meinberlin"), 403, "forbidden");
    refused(anna.send("POST", kApi + "/meinberlin/sync"), 403, "forbidden");

    REQUIRE(bridge.sync() == "done");
    auto st = bridge.status();
    CHECK(st.at("last_error").as_string() == "");
    CHECK(st.at("listed").as_int64() == 4);   // 3 of the district and city-wide, and the plan
    CHECK(st.at("skipped").as_int64() == 2);  // no title, a point that is none
    CHECK(st.at("changed").as_int64() == 2);  // the two whose point lies in the new neighbourhood
    CHECK(writes.of("Spielplatz Altglienicke") == 2);
    CHECK(writes.of("Vorhaben Adlershof") == 2);
    CHECK(writes.of("Radweg Spree") == 1);
    CHECK(writes.total() == 6);
    // Their items hold the same title, texts and card (an item stays where it first appeared):
    // the core's rows are not written.
    CHECK(writes.item_at("Spielplatz Altglienicke") == play_item_at);
    CHECK(st.at("duration_ms").as_int64() >= 0);
    CHECK(s.server.log().find("skipped a malformed record") != std::string::npos);

    auto all = ok_json(anna.get(kApi + "/projects"));
    CHECK(all.at("projects").as_array().size() == 4);  // Neukölln's project is not ours
    const auto play = find(all, "Spielplatz Altglienicke");
    CHECK(play.at("neighbourhood_id").as_int64() == alt);
    CHECK(play.at("description").as_string() == "Wie soll der neue Spielplatz aussehen? Kinder & Eltern fragen.");
    CHECK(play.at("url").as_string() == origin.base() + "/projekte/spielplatz-altglienicke/");
    CHECK(play.at("image").as_string() == origin.base() + "/media/images/spielplatz.jpg");
    CHECK(play.at("image_copyright").as_string() == "Bezirksamt TK / M. Muster");
    CHECK(play.at("end_at").as_int64() == 1785535140000);  // 2026-07-31T23:59:00+02:00
    CHECK(play.at("phase").as_string() == "laufend");
    const auto bike = find(all, "Radweg Spree");
    CHECK(bike.at("end_at").as_int64() == 1559339940000);  // 2019-05-31 21:59:00+00:00
    CHECK(bike.at("neighbourhood_id").is_null());          // no point: the city
    CHECK(bike.at("organisation").as_string() == "");
    const auto klima = find(all, "Berliner Klimaplan");
    CHECK(klima.at("url").as_string() == "https://klimaplan.berlin.de/beteiligung/");
    CHECK(klima.at("kind").as_string() == "external");
    CHECK(find(all, "Vorhaben Adlershof").at("neighbourhood_id").as_int64() == alt);
    // The neighbourhood's own first, then the city's.
    const auto here = ok_json(anna.get(kApi + "/projects?neighbourhood_id=" + id(alt))).at("projects").as_array();
    REQUIRE(here.size() == 4);
    CHECK(here[0].at("neighbourhood_id").as_int64() == alt);
    CHECK(here[3].at("neighbourhood_id").is_null());

    // Each project is a core item too: residents read and comment on it there, and follow it.
    const auto klima_item = klima.at("content_id").as_int64();
    CHECK(ok_json(anna.get("/api/content/" + id(klima_item))).at("kind").as_string() == "participation.project");
    ok_json(anna.send("POST", "/api/content/" + id(klima_item) + "/comments", {{"body", "Gute Sache!"}}), 201);
    const auto play_path = kApi + "/projects/" + id(play.at("id").as_int64()) + "/follow";
    CHECK(ok_json(anna.send("POST", play_path), 201).at("following").as_bool());
    refused(anna.send("POST", play_path), 409, "already_following");
    refused(anna.send("POST", kApi + "/projects/987654/follow"), 404, "not_found");

    // Nothing changed at the source: no write at all.
    const auto stamp = writes.last_update();
    REQUIRE(bridge.sync() == "done");
    CHECK(bridge.status().at("changed").as_int64() == 0);
    CHECK(writes.total() == 6);
    CHECK(writes.last_update() == stamp);

    // One phase changed, one project gone: one write, one marked, nothing deleted.
    origin.mode("changed");
    REQUIRE(bridge.sync() == "done");
    CHECK(bridge.status().at("changed").as_int64() == 1);
    CHECK(writes.of("Spielplatz Altglienicke") == 3);  // exactly one write for the changed one
    CHECK(writes.of("Radweg Spree") == 2);             // and one to mark the vanished one
    CHECK(writes.total() == 8);
    // The new phase is on the item's card (one write of the item, in the poll's transaction);
    // the vanished project's item leaves the streams (one write).
    CHECK(writes.item_at("Spielplatz Altglienicke") > play_item_at);
    CHECK(writes.item_at("Radweg Spree") > bike_item_at);
    CHECK(ok_json(anna.get("/api/content/" + id(play.at("content_id").as_int64()))).at("card").at("phase").as_string() ==
          "abgeschlossen");
    const auto now = ok_json(anna.get(kApi + "/projects"));
    CHECK(now.at("projects").as_array().size() == 3);
    CHECK(find(now, "Spielplatz Altglienicke").at("phase").as_string() == "abgeschlossen");
    CHECK(find(now, "Spielplatz Altglienicke").at("id") == play.at("id"));  // updated in place
    const auto kept = ok_json(anna.get(kApi + "/projects?include_unlisted=true"));
    CHECK_FALSE(find(kept, "Radweg Spree").at("listed").as_bool());
    CHECK(ok_json(anna.get("/api/content/" + id(find(kept, "Radweg Spree").at("content_id").as_int64()))).is_object());
    // The follower hears of the new phase.
    REQUIRE(wait_for([&] { return notices(anna, "project_phase").size() == 1; }));
    CHECK(boost::json::serialize(notices(anna, "project_phase")[0]).find("abgeschlossen") != std::string::npos);

    // Failures: a clear status, retried with backoff, the last good data kept.
    const std::pair<const char*, const char*> failures[] = {
        {"error500", "HTTP status 500"}, {"badjson", "not JSON"}, {"slow", "no answer"}};
    for (const auto& [mode, words] : failures) {
      INFO(mode);
      origin.mode(mode);
      const int before = origin.count();
      CHECK(bridge.sync() == "failed");
      CHECK(origin.count() - before >= 3);  // three attempts
      CHECK(bridge.status().at("last_error").as_string().find(words) != std::string::npos);
      CHECK(ok_json(anna.get(kApi + "/projects")).at("projects").as_array().size() == 3);
    }
    CHECK(s.server.log().find("meinBerlin poll failed, the last good data stays") != std::string::npos);
    origin.mode("changed");
    REQUIRE(bridge.sync() == "done");
    CHECK(bridge.status().at("last_error").as_string() == "");

    // The vanished project comes back as it was: its row listed again, its item back in the
    // streams in one write of each.
    const auto bike_unlisted_at = writes.item_at("Radweg Spree");
    origin.mode("good");
    REQUIRE(bridge.sync() == "done");
    CHECK(writes.of("Radweg Spree") == 3);
    CHECK(writes.item_at("Radweg Spree") > bike_unlisted_at);
    CHECK(find(ok_json(anna.get(kApi + "/projects")), "Radweg Spree").at("listed").as_bool());
  });
}

TEST_CASE("the meinBerlin bridge is off by default", "[participation][meinberlin]") {
  ParticipationServer s("");
  refused(s.admin().send("POST", kApi + "/meinberlin/sync"), 409, "meinberlin_disabled");
  CHECK_FALSE(ok_json(s.admin().get(kApi + "/meinberlin")).at("enabled").as_bool());
}
