// Taking a helper off a request, through the real server on SQLite and PostgreSQL: the helper
// steps back, the asker releases them, a coordinator reassigns the request to someone else. The
// request is open again (or goes to the new helper), the people concerned are told in their
// language, the matched helpers hear it is open again only within their daily cap, and the
// request's history keeps every change with its date. Every refusal changes nothing.
#include "help_fixture.hpp"
#include "pg_test_db.hpp"
#include "sql_access.hpp"

using namespace qt::test;
using namespace qt::test::help;

namespace {

// The kinds in the request's history, oldest first, as `viewer` sees them.
std::vector<std::string> history(Person& viewer, const boost::json::object& r) {
  auto d = viewer.get(rpath(r));
  INFO(d.body);
  REQUIRE(d.status == 200);
  std::vector<std::string> out;
  const auto body = d.json();
  for (const auto& e : body.at("history").as_array()) {
    CHECK(e.at("at").as_int64() > 0);
    out.push_back(str(e.at("kind")));
  }
  return out;
}

using Kinds = std::vector<std::string>;

boost::json::object detail(Person& viewer, const boost::json::object& r) {
  auto d = viewer.get(rpath(r));
  INFO(d.body);
  REQUIRE(d.status == 200);
  return d.json().as_object();
}

// hans offers help and is accepted by the asker.
void accept(Person& asker, Person& helper, const boost::json::object& r) {
  REQUIRE(helper.send("POST", rpath(r, "/respond")).status == 201);
  auto a = asker.send("POST", rpath(r, "/accept"), {{"helper_id", helper.id}});
  INFO(a.body);
  REQUIRE(a.status == 200);
}

}  // namespace

TEST_CASE("a helper steps back and the asker releases one: open again, told, capped", "[help][handover]") {
  for_each_dialect([](const DbTarget& target) {
    HelpServer s(target.url, "daily_notifications = 2");
    auto alice = s.person("alice", s.nord);
    auto hans = s.person("hans", s.nord, "resident", "en");
    auto emma = s.person("emma", s.nord);
    auto fritz = s.person("fritz", s.nord);
    auto bob = s.person("bob", s.nord);
    for (auto* p : {&hans, &emma, &fritz}) offer(*p, "shopping", s.nord);
    auto r = ask(alice, "shopping", {{"text", "Einkauf für die Woche"}});
    REQUIRE(r.at("helpers_notified").as_int64() == 3);

    // Refusals while nobody helps, and by people who are not the helper.
    CHECK(hans.send("POST", rpath(r, "/step-back")).error_code() == "not_in_progress");
    CHECK(alice.send("POST", rpath(r, "/release")).error_code() == "not_in_progress");
    accept(alice, hans, r);
    CHECK(emma.send("POST", rpath(r, "/step-back")).error_code() == "not_helper");
    CHECK(alice.send("POST", rpath(r, "/step-back")).error_code() == "not_helper");
    CHECK(hans.send("POST", rpath(r, "/release")).error_code() == "not_asker");
    CHECK(hans.send("POST", "/api/p/help/requests/987654/step-back").status == 404);
    CHECK(hans.send("POST", rpath(r, "/step-back"), {{"message", std::string(1001, 'x')}}).error_code() == "invalid_message");
    CHECK(str(detail(alice, r).at("status")) == "in_progress");
    CHECK(detail(alice, r).at("helper").at("id").as_int64() == hans.id);
    CHECK(titles(alice, "help.stepped_back").empty());

    // hans steps back with a word: open again, his offer to help gone, alice told; emma and fritz
    // (matched before, room left today) hear it is open again, hans does not.
    auto back = hans.send("POST", rpath(r, "/step-back"), {{"message", "Bin leider krank."}});
    INFO(back.body);
    REQUIRE(back.status == 200);
    CHECK(str(back.json().at("status")) == "open");
    CHECK(back.json().at("helper").is_null());
    auto seen = detail(alice, r);
    CHECK(str(seen.at("status")) == "open");
    CHECK(seen.at("response_count").as_int64() == 0);
    CHECK(card_status(bob, r) == "open");
    auto told = titles(alice, "help.stepped_back");
    REQUIRE(told.size() == 1);
    CHECK(told[0].find("hans kann doch nicht helfen") != std::string::npos);
    CHECK(history(alice, r) == Kinds{"asked", "accepted", "stepped_back"});
    CHECK(titles(emma, "help.match").size() == 2);
    CHECK(titles(fritz, "help.match").size() == 2);
    REQUIRE(titles(hans, "help.match").size() == 1);
    CHECK(titles(hans, "help.match")[0].find("Help wanted") != std::string::npos);
    CHECK(hans.send("POST", rpath(r, "/step-back")).error_code() == "not_in_progress");  // once

    // fritz helps, alice releases him: he is told; hans has room for one more notice today,
    // emma and fritz are at their cap of two and hear nothing more.
    accept(alice, fritz, r);
    auto rel = alice.send("POST", rpath(r, "/release"), {{"message", "Meine Tochter kommt doch."}});
    INFO(rel.body);
    REQUIRE(rel.status == 200);
    CHECK(str(rel.json().at("status")) == "open");
    REQUIRE(titles(fritz, "help.released").size() == 1);
    auto hans_match = titles(hans, "help.match");
    REQUIRE(hans_match.size() == 2);
    CHECK(hans_match[0].find("Open again in Nord") != std::string::npos);  // English, his language
    CHECK(titles(emma, "help.match").size() == 2);
    CHECK(titles(fritz, "help.match").size() == 2);
    CHECK(history(alice, r) == Kinds{"asked", "accepted", "stepped_back", "accepted", "released"});
    // Who did what shows to the asker, not to a neighbour who merely reads the request.
    auto full = detail(alice, r).at("history").as_array();
    CHECK(full.at(2).at("actor").at("id").as_int64() == hans.id);
    CHECK(full.at(4).at("helper").at("id").as_int64() == fritz.id);
    auto plain = detail(bob, r).at("history").as_array();
    REQUIRE(plain.size() == 5);
    CHECK_FALSE(plain.at(2).as_object().contains("actor"));

    // Open again: hans may offer anew, and the request can still be done.
    REQUIRE(hans.send("POST", rpath(r, "/respond")).status == 201);
    REQUIRE(alice.send("POST", rpath(r, "/done")).status == 200);
    CHECK(hans.send("POST", rpath(r, "/step-back")).error_code() == "not_in_progress");
    CHECK(history(alice, r).back() == "done");
  });
}

TEST_CASE("a coordinator reassigns a request someone helps with", "[help][handover][coordination]") {
  for_each_dialect([](const DbTarget& target) {
    HelpServer s(target.url, "", false, true);
    auto admin = s.person("amt", 0, "admin");
    auto olga = s.person("olga", s.fern);
    auto otto = s.person("otto", s.mitte);  // coordinates Mitte only
    auto hans = s.person("hans", s.nord);
    auto emma = s.person("emma", s.nord, "resident", "en");
    auto alice = s.person("alice", s.nord);
    auto bob = s.person("bob", s.nord);
    const auto [group, slug] = make_group(olga, "Nachbarschaftshilfe e.V.", "nbh");
    const auto [other, other_slug] = make_group(otto, "Mitte hilft", "mitte-hilft");
    REQUIRE(admin.send("PUT", cpath(group), {{"neighbourhood_ids", boost::json::array{s.nord}}}).status == 201);
    REQUIRE(admin.send("PUT", cpath(other), {{"neighbourhood_ids", boost::json::array{s.mitte}}}).status == 201);
    offer(hans, "repairs", s.nord);
    offer(emma, "repairs", s.nord);
    auto r = ask(alice, "repairs", {{"text", "Fahrrad reparieren"}});
    const auto reassign = coord(r, "/reassign");

    // Open: reassigning is refused (assign instead).
    CHECK(olga.send("POST", reassign, {{"helper_id", emma.id}}).error_code() == "not_in_progress");
    REQUIRE(olga.send("POST", coord(r, "/assign"), {{"helper_id", hans.id}}).status == 200);
    auto in_progress = olga.get("/api/p/help/coordination/requests?status=in_progress");
    INFO(in_progress.body);
    REQUIRE(in_progress.status == 200);
    REQUIRE(in_progress.json().at("requests").as_array().size() == 1);
    CHECK(in_progress.json().at("requests").at(0).at("helper").at("id").as_int64() == hans.id);
    CHECK(olga.get("/api/p/help/coordination/requests?status=done").error_code() == "invalid_status");
    auto candidates = olga.get(coord(r, "/helpers"));
    REQUIRE(candidates.status == 200);
    const auto listed = candidates.json();
    for (const auto& c : listed.at("helpers").as_array())
      CHECK(c.at("current").as_bool() == (c.at("id").as_int64() == hans.id));

    // Refusals: nothing changes.
    CHECK(olga.send("POST", reassign, {{"helper_id", hans.id}}).error_code() == "same_helper");
    CHECK(olga.send("POST", reassign, {{"helper_id", alice.id}}).error_code() == "helper_is_asker");
    CHECK(olga.send("POST", reassign, {{"helper_id", 987654}}).error_code() == "unknown_helper");
    CHECK(olga.send("POST", reassign).error_code() == "invalid_helper_id");
    CHECK(olga.send("POST", reassign, {{"helper_id", bob.id}}).error_code() == "helper_not_eligible");
    CHECK(otto.send("POST", reassign, {{"helper_id", emma.id}}).error_code() == "not_your_area");
    CHECK(bob.send("POST", reassign, {{"helper_id", emma.id}}).error_code() == "not_coordinator");
    CHECK(alice.send("POST", reassign, {{"helper_id", emma.id}}).error_code() == "not_coordinator");
    auto unchanged = detail(alice, r);
    CHECK(unchanged.at("helper").at("id").as_int64() == hans.id);
    CHECK(history(alice, r) == Kinds{"asked", "assigned"});
    CHECK(titles(hans, "help.reassigned").empty());

    // olga hands it to emma: hans, emma and alice are told, emma and alice meet in a conversation.
    auto done = olga.send("POST", reassign, {{"helper_id", emma.id}, {"message", "Emma hat am Freitag Zeit."}});
    INFO(done.body);
    REQUIRE(done.status == 200);
    CHECK(done.json().at("previous_helper_id").as_int64() == hans.id);
    const auto conv = done.json().at("conversation_id").as_int64();
    auto seen = detail(alice, r);
    CHECK(str(seen.at("status")) == "in_progress");
    CHECK(seen.at("helper").at("id").as_int64() == emma.id);
    CHECK(str(seen.at("assigned_by").at("name")) == "Nachbarschaftshilfe e.V.");
    CHECK(seen.at("response_count").as_int64() == 1);  // hans's offer went, emma's came
    CHECK(card_status(bob, r) == "in_progress");
    REQUIRE(titles(hans, "help.reassigned").size() == 1);
    auto emma_told = titles(emma, "help.assigned");
    REQUIRE(emma_told.size() == 1);
    CHECK(emma_told[0].find("asks you to help") != std::string::npos);
    auto alice_told = titles(alice, "help.assigned");
    REQUIRE(alice_told.size() == 2);
    CHECK(alice_told[0].find("Jetzt hilft Ihnen emma") != std::string::npos);
    auto msgs = alice.get("/api/conversations/" + std::to_string(conv) + "/messages");
    INFO(msgs.body);
    REQUIRE(msgs.status == 200);
    CHECK(msgs.body.find("Emma hat am Freitag Zeit.") != std::string::npos);
    CHECK(emma.get("/api/conversations/" + std::to_string(conv) + "/messages").status == 200);
    auto h = detail(olga, r).at("history").as_array();
    REQUIRE(h.size() == 3);
    CHECK(str(h.at(2).at("kind")) == "reassigned");
    CHECK(h.at(2).at("previous_helper").at("id").as_int64() == hans.id);
    CHECK(h.at(2).at("helper").at("id").as_int64() == emma.id);
    CHECK(str(h.at(2).at("group").at("name")) == "Nachbarschaftshilfe e.V.");
    CHECK(hans.send("POST", rpath(r, "/step-back")).error_code() == "not_helper");

    // emma steps back: the group's owner hears of it, "arranged by" goes with her.
    REQUIRE(emma.send("POST", rpath(r, "/step-back")).status == 200);
    CHECK(titles(olga, "help.stepped_back").size() == 1);
    CHECK(detail(alice, r).at("assigned_by").is_null());
    CHECK(history(alice, r) == Kinds{"asked", "assigned", "reassigned", "stepped_back"});
    // hans can be assigned again (his earlier assignment row is replaced).
    REQUIRE(olga.send("POST", coord(r, "/assign"), {{"helper_id", hans.id}}).status == 200);
    CHECK(detail(alice, r).at("helper").at("id").as_int64() == hans.id);
    // alice releases him: hans and the group hear it is open again.
    REQUIRE(alice.send("POST", rpath(r, "/release")).status == 200);
    CHECK(titles(hans, "help.released").size() == 1);
    auto group_told = titles(olga, "help.released");
    REQUIRE(group_told.size() == 1);
    CHECK(group_told[0].find("Nachbarschaftshilfe e.V.") != std::string::npos);
  });
}

TEST_CASE("the history is in the export and keeps no one after erasure", "[help][handover][privacy]") {
  for_each_dialect([](const DbTarget& target) {
    HelpServer s(target.url);
    SqlAccess db(target.url);
    auto alice = s.person("alice", s.nord);
    auto hans = s.person("hans", s.nord);
    offer(hans, "garden", s.nord);
    auto r = ask(alice, "garden");
    accept(alice, hans, r);
    REQUIRE(hans.send("POST", rpath(r, "/step-back")).status == 200);

    auto ex = hans.get("/api/me/export");
    REQUIRE(ex.status == 200);
    CHECK(ex.body.find("\"stepped_back\"") != std::string::npos);
    CHECK(ex.body.find("\"me_as_helper\":true") != std::string::npos);
    auto ax = alice.get("/api/me/export");
    CHECK(ax.body.find("\"stepped_back\"") != std::string::npos);  // her request's history

    REQUIRE(db.scalar("SELECT COUNT(*) FROM help_events WHERE helper_id = " + std::to_string(hans.id)) == 2);
    REQUIRE(hans.send("DELETE", "/api/me", {{"password", hans.password}}).status < 300);
    CHECK(db.scalar("SELECT COUNT(*) FROM help_events WHERE helper_id = " + std::to_string(hans.id) +
                    " OR actor_id = " + std::to_string(hans.id)) == 0);
    CHECK(history(alice, r) == Kinds{"asked", "accepted", "stepped_back"});  // the dates stay
    REQUIRE(alice.send("DELETE", "/api/me", {{"password", alice.password}}).status < 300);
    CHECK(db.scalar("SELECT COUNT(*) FROM help_events") == 0);
  });
}
