// Ideas and supports (one vote per person), and privacy through the real server on SQLite and
// PostgreSQL: a person's questions, supports and follows are in their export; on erasure their
// answered questions stay without them (the answer is of public interest), the others go, their
// supports and follows go, and no plugin row names them any more.
#include "participation_fixture.hpp"
#include "pg_test_db.hpp"
#include "sql_access.hpp"

using namespace qt::test;
using namespace qt::test::participation;

namespace {
std::string qpath(std::int64_t q, const std::string& rest = "") { return kApi + "/questions/" + id(q) + rest; }
}  // namespace

TEST_CASE("ideas get one support per person, and a person's part is exported and erased", "[participation][privacy]") {
  for_each_dialect([](const DbTarget& target) {
    ParticipationServer s(target.url);
    auto ines = s.person("ines");  // the one who goes
    auto bob = s.person("bob");
    auto gerd = s.staff("gerd", "Grünflächenamt");
    const auto green = s.topic("gruen", "Grünflächenamt");

    const auto idea = ask(ines, green, "Obstbäume am Bahndamm pflanzen", {{"kind", "idea"}}).at("id").as_int64();
    const auto answered = ask(ines, green, "Wann wird der Park gemäht?").at("id").as_int64();
    const auto open = ask(ines, green, "Gibt es Hundekotbeutel im Park?").at("id").as_int64();
    const auto bobs = ask(bob, green, "Mehr Bänke am Teich", {{"kind", "idea"}}).at("id").as_int64();

    // One vote per person; only ideas.
    CHECK(ok_json(bob.send("POST", qpath(idea, "/support")), 201).at("supports").as_int64() == 1);
    refused(bob.send("POST", qpath(idea, "/support")), 409, "already_supported");
    CHECK(ok_json(bob.get(qpath(idea))).at("supports").as_int64() == 1);
    refused(bob.send("POST", qpath(answered, "/support")), 400, "not_an_idea");
    refused(bob.send("DELETE", qpath(bobs, "/support")), 404, "not_supported");
    CHECK(ok_json(ines.send("POST", qpath(bobs, "/support")), 201).at("supports").as_int64() == 1);
    ok_json(ines.send("POST", qpath(bobs, "/follow")), 201);
    ok_json(gerd.send("POST", qpath(answered, "/answer"), {{"text", "Jeden zweiten Montag."}}));

    const auto exported = ines.get("/api/me/export");
    REQUIRE(exported.status == 200);
    for (const char* text : {"Obstbäume am Bahndamm", "Wann wird der Park gemäht?", "Hundekotbeutel", "Jeden zweiten Montag.", "Mehr Bänke am Teich"})
      CHECK(exported.body.find(text) != std::string::npos);

    auto del = ines.send("DELETE", "/api/me", {{"password", ines.password}});
    INFO(del.body);
    REQUIRE((del.status == 200 || del.status == 204));

    // The answered question stays, anonymous; the others are gone.
    const auto kept = ok_json(bob.get(qpath(answered)));
    CHECK_FALSE(kept.at("mine").as_bool());
    CHECK(kept.at("answer").at("department").as_string() == "Grünflächenamt");
    refused(bob.get(qpath(open)), 404, "not_found");
    refused(bob.get(qpath(idea)), 404, "not_found");
    CHECK(ok_json(bob.get(qpath(bobs))).at("supports").as_int64() == 0);

    // Erasing the staff member keeps the department's answer, not the person.
    auto del2 = gerd.send("DELETE", "/api/me", {{"password", gerd.password}});
    REQUIRE((del2.status == 200 || del2.status == 204));
    CHECK(ok_json(bob.get(qpath(answered))).at("answer").at("department").as_string() == "Grünflächenamt");

    SqlAccess db(target.url);
    for (const auto& [table, column] : std::vector<std::pair<std::string, std::string>>{
             {"participation_questions", "asker_id"}, {"participation_questions", "answered_by"},
             {"participation_history", "actor_id"}, {"participation_follows", "user_id"}, {"participation_supports", "user_id"},
             {"participation_project_follows", "user_id"}})
      for (auto who : {ines.id, gerd.id}) {
        INFO(table << "." << column << " = " << who);
        CHECK(db.scalar("SELECT COUNT(*) FROM " + table + " WHERE " + column + " = " + id(who)) == 0);
      }
  });
}
