// The data export holds a person's requests (with their own risk-group mark), offers, offers to
// help and thanks; erasing the account removes every help_ row naming them, and a request they
// were helping with is open again for someone else.
#include "help_fixture.hpp"
#include "pg_test_db.hpp"
#include "sql_access.hpp"

using namespace qt::test;
using namespace qt::test::help;

namespace {

// The plugin's part of an export: the object under the key "help", wherever the core puts it.
const boost::json::object* find_help(const boost::json::value& v) {
  if (!v.is_object()) return nullptr;
  for (const auto& [k, x] : v.as_object()) {
    if (k == "help" && x.is_object() && x.as_object().contains("requests")) return &x.as_object();
    if (auto* inner = find_help(x)) return inner;
  }
  return nullptr;
}

// rows_naming counts every *_id column as a person's; request ids are not people.
std::vector<std::string> naming(const SqlAccess& db, const Person& p) {
  std::vector<std::string> out;
  for (const auto& row : db.rows_naming("help_", p.id, {p.email}))
    if (row.find(".request_id = ") == std::string::npos) out.push_back(row);
  return out;
}

}  // namespace

TEST_CASE("the export holds a person's help data and erasure removes it", "[help][privacy]") {
  for_each_dialect([](const DbTarget& target) {
    HelpServer s(target.url);
    SqlAccess db(target.url);
    auto alice = s.person("alice", s.nord);
    auto hans = s.person("hans", s.nord);
    auto bob = s.person("bob", s.nord);
    offer(hans, "shopping", s.nord);
    offer(alice, "tutoring", s.nord);
    auto r = ask(alice, "shopping", {{"text", "Apotheke und Bäcker"}, {"risk_group", true}});
    REQUIRE(hans.send("POST", rpath(r, "/respond")).status == 201);
    REQUIRE(alice.send("POST", rpath(r, "/accept"), {{"helper_id", hans.id}}).status == 200);
    REQUIRE(hans.send("POST", rpath(r, "/done")).status == 200);
    REQUIRE(alice.send("POST", rpath(r, "/thanks"), {{"text", "Danke Hans"}}).status == 201);
    auto rb = ask(bob, "shopping");
    REQUIRE(hans.send("POST", rpath(rb, "/respond")).status == 201);
    REQUIRE(bob.send("POST", rpath(rb, "/accept"), {{"helper_id", hans.id}}).status == 200);

    auto ex = alice.get("/api/me/export");
    REQUIRE(ex.status == 200);
    const auto body = ex.json();
    const auto* mine = find_help(body);
    REQUIRE(mine);
    REQUIRE(mine->at("requests").as_array().size() == 1);
    CHECK(mine->at("requests").as_array()[0].at("risk_group").as_bool());
    CHECK(str(mine->at("requests").as_array()[0].at("text")) == "Apotheke und Bäcker");
    CHECK(mine->at("offers").as_array().size() == 1);
    CHECK(mine->at("thanks_given").as_array().size() == 1);
    const auto hex = hans.get("/api/me/export").json();
    const auto* his = find_help(hex);
    REQUIRE(his);
    CHECK(his->at("offered_help").as_array().size() == 2);
    CHECK(his->at("matched").as_array().size() == 2);
    CHECK(his->at("thanks_received").as_array().size() == 1);
    CHECK(his->at("requests").as_array().empty());
    // Someone else's risk mark is never in a helper's export.
    CHECK(boost::json::serialize(*his).find("risk") == std::string::npos);

    // Erasing hans: no row names him; bob's request is open again.
    REQUIRE_FALSE(naming(db, hans).empty());
    REQUIRE(hans.send("DELETE", "/api/me", {{"password", hans.password}}).status < 300);
    CHECK(naming(db, hans).empty());
    CHECK(str(bob.get(rpath(rb)).json().at("status")) == "open");
    CHECK(card_status(bob, rb) == "open");

    // Erasing alice: her request and its stream item are gone.
    REQUIRE_FALSE(naming(db, alice).empty());
    REQUIRE(alice.send("DELETE", "/api/me", {{"password", alice.password}}).status < 300);
    CHECK(naming(db, alice).empty());
    CHECK(bob.get(rpath(r)).status == 404);
    CHECK(bob.get("/api/content/" + std::to_string(r.at("content_id").as_int64())).status == 404);
  });
}
