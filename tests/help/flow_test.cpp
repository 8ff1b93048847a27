// "I can help" opens a direct conversation with the asker through the core's messages (nobody's
// address shown); the asker accepts a helper, someone marks it done, both thank each other, and
// the stream card follows every step. The failure paths change nothing: a second "I can help",
// helping with one's own request, a blocked person, someone not involved, a closed request.
#include "help_fixture.hpp"
#include "pg_test_db.hpp"

using namespace qt::test;
using namespace qt::test::help;

namespace {
std::int64_t responses(Person& asker, const boost::json::object& r) {
  auto d = asker.get(rpath(r));
  REQUIRE(d.status == 200);
  return d.json().at("response_count").as_int64();
}
}  // namespace

TEST_CASE("I can help starts a conversation, and the request goes from open to done", "[help][flow]") {
  for_each_dialect([](const DbTarget& target) {
    HelpServer s(target.url);
    auto alice = s.person("alice", s.nord);
    auto hans = s.person("hans", s.nord);
    auto emma = s.person("emma", s.nord);
    auto bob = s.person("bob", s.nord);
    offer(hans, "mobility", s.nord);
    auto r = ask(alice, "mobility", {{"text", "Fahrt zum Arzt am Donnerstag"}, {"urgency", "high"}});
    CHECK(card_status(emma, r) == "open");

    // hans: "I can help" with a message; the message arrives in alice's conversations.
    auto yes = hans.send("POST", rpath(r, "/respond"), {{"message", "Ich fahre Sie gern, Donnerstag 9 Uhr?"}});
    INFO(yes.body);
    REQUIRE(yes.status == 201);
    const auto conv = yes.json().at("conversation_id").as_int64();
    auto msgs = alice.get("/api/conversations/" + std::to_string(conv) + "/messages");
    INFO(msgs.body);
    REQUIRE(msgs.status == 200);
    CHECK(msgs.body.find("Donnerstag 9 Uhr") != std::string::npos);
    CHECK(msgs.body.find(hans.email) == std::string::npos);
    auto mine = alice.get(rpath(r));
    CHECK(mine.body.find(hans.email) == std::string::npos);
    CHECK(mine.json().at("responses").as_array().at(0).at("helper").at("id").as_int64() == hans.id);
    CHECK(hans.get(rpath(r)).json().at("i_responded").as_bool());
    CHECK(responses(alice, r) == 1);

    // Failure paths: nothing changes.
    CHECK(hans.send("POST", rpath(r, "/respond")).error_code() == "already_responded");
    CHECK(alice.send("POST", rpath(r, "/respond")).error_code() == "own_request");
    REQUIRE(alice.send("PUT", "/api/blocks/" + std::to_string(bob.id)).status < 300);
    auto blocked = bob.send("POST", rpath(r, "/respond"));
    CHECK(blocked.status == 403);
    CHECK(blocked.error_code() == "blocked");
    CHECK(responses(alice, r) == 1);
    CHECK(emma.send("POST", rpath(r, "/accept"), {{"helper_id", hans.id}}).error_code() == "not_asker");
    CHECK(alice.send("POST", rpath(r, "/accept"), {{"helper_id", emma.id}}).error_code() == "invalid_helper_id");
    CHECK(hans.send("POST", rpath(r, "/thanks")).error_code() == "not_involved");
    CHECK(card_status(emma, r) == "open");

    // alice accepts hans: in progress, hans is told.
    auto acc = alice.send("POST", rpath(r, "/accept"), {{"helper_id", hans.id}});
    INFO(acc.body);
    REQUIRE(acc.status == 200);
    CHECK(str(acc.json().at("status")) == "in_progress");
    CHECK(card_status(emma, r) == "in_progress");
    CHECK(titles(hans, "help.accepted").size() == 1);
    CHECK(emma.send("POST", rpath(r, "/respond")).error_code() == "not_open");
    CHECK(emma.send("POST", rpath(r, "/done")).error_code() == "not_involved");
    CHECK(hans.send("POST", rpath(r, "/thanks")).error_code() == "not_done");

    // hans marks it done; the card says so; thanks go both ways, once each.
    auto done = hans.send("POST", rpath(r, "/done"));
    INFO(done.body);
    REQUIRE(done.status == 200);
    CHECK(card_status(emma, r) == "done");
    CHECK(alice.send("POST", rpath(r, "/done")).error_code() == "not_open");
    CHECK(alice.send("POST", rpath(r, "/thanks"), {{"text", "Tausend Dank!"}}).status == 201);
    CHECK(alice.send("POST", rpath(r, "/thanks")).error_code() == "already_thanked");
    CHECK(hans.send("POST", rpath(r, "/thanks")).status == 201);
    CHECK(emma.send("POST", rpath(r, "/thanks")).error_code() == "not_involved");
    CHECK(titles(hans, "help.thanks") == std::vector<std::string>{"Danke! Mobilität: Tausend Dank!"});

    // Helped this month, per neighbourhood.
    auto stats = emma.get("/api/p/help/stats");
    REQUIRE(stats.status == 200);
    const auto figures = stats.json();  // a range-for over a temporary's member would dangle
    for (const auto& n : figures.at("neighbourhoods").as_array())
      CHECK(n.at("helped_this_month").as_int64() == (n.at("neighbourhood_id").as_int64() == s.nord ? 1 : 0));

    // Another request, withdrawn by its asker only.
    auto r2 = ask(alice, "errands");
    CHECK(emma.send("POST", rpath(r2, "/withdraw")).error_code() == "not_asker");
    auto w = alice.send("POST", rpath(r2, "/withdraw"));
    REQUIRE(w.status == 200);
    CHECK(str(w.json().at("status")) == "withdrawn");
    CHECK(card_status(alice, r2) == "withdrawn");
    CHECK(alice.send("POST", rpath(r2, "/withdraw")).error_code() == "not_open");
  });
}
