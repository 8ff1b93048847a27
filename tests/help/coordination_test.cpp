// Coordinating organisations through the real server on SQLite and PostgreSQL: staff designate a
// group for neighbourhoods, change and revoke it (audit-logged, the group's admins told); the
// group's admins see those neighbourhoods' open requests (never the risk-group mark) and assign a
// helper, which moves the request to "someone helps", tells both in their language and opens
// their conversation. Every refusal changes nothing.
#include "help_fixture.hpp"
#include "pg_test_db.hpp"
#include "sql_access.hpp"

using namespace qt::test;
using namespace qt::test::help;

namespace {

// The audit actions recorded for a target.
std::vector<std::string> audit_actions(Person& admin, const std::string& type, std::int64_t id) {
  auto r = admin.get("/api/admin/audit?target_type=" + type + "&target_id=" + std::to_string(id));
  INFO(r.body);
  REQUIRE(r.status == 200);
  std::vector<std::string> out;
  const auto body = r.json();
  for (const auto& e : body.at("entries").as_array()) out.push_back(str(e.at("action")));
  return out;
}

// Rows that still name the person (request ids are not people).
std::vector<std::string> naming(const SqlAccess& db, const Person& p) {
  std::vector<std::string> out;
  for (const auto& row : db.rows_naming("help_", p.id, {p.email}))
    if (row.find(".request_id = ") == std::string::npos) out.push_back(row);
  return out;
}

// The plugin's part of a person's export: the object under "help", wherever the core puts it.
const boost::json::object* find_help(const boost::json::value& v) {
  if (!v.is_object()) return nullptr;
  for (const auto& [k, x] : v.as_object()) {
    if (k == "help" && x.is_object() && x.as_object().contains("requests")) return &x.as_object();
    if (auto* inner = find_help(x)) return inner;
  }
  return nullptr;
}

// The first value of `field` in the export's list `list` (0 when the list is empty).
std::int64_t exported(Person& p, const std::string& list, const std::string& field) {
  auto r = p.get("/api/me/export");
  INFO(r.body);
  REQUIRE(r.status == 200);
  const auto body = r.json();
  const auto* help = find_help(body);
  REQUIRE(help);
  const auto& rows = help->at(list).as_array();
  return rows.empty() ? 0 : rows.at(0).at(field).as_int64();
}

bool has(const std::vector<std::string>& v, const std::string& x) { return std::find(v.begin(), v.end(), x) != v.end(); }

std::vector<std::int64_t> listed_ids(const HttpResponse& r) {
  std::vector<std::int64_t> out;
  const auto body = r.json();
  for (const auto& x : body.at("requests").as_array()) out.push_back(x.at("id").as_int64());
  return out;
}

}  // namespace

TEST_CASE("staff designate, change and revoke a coordinating organisation", "[help][coordination]") {
  for_each_dialect([](const DbTarget& target) {
    HelpServer s(target.url, "", false, true);
    auto admin = s.person("amt", 0, "admin");
    auto sina = s.person("sina", 0, "staff");
    auto olga = s.person("olga", s.nord);
    const auto [group, slug] = make_group(olga, "Pfarrei St. Martin", "st-martin");

    // Residents may not designate; bad input is refused and nothing is stored.
    CHECK(olga.send("PUT", cpath(group), {{"neighbourhood_ids", boost::json::array{s.nord}}}).status == 403);
    CHECK(sina.send("PUT", cpath(group), boost::json::object{}).error_code() == "invalid_neighbourhood_ids");
    CHECK(sina.send("PUT", cpath(group), {{"neighbourhood_ids", boost::json::array{}}}).error_code() == "invalid_neighbourhood_ids");
    CHECK(sina.send("PUT", cpath(group), {{"neighbourhood_ids", boost::json::array{"Nord"}}}).error_code() == "invalid_neighbourhood_ids");
    auto unknown_area = sina.send("PUT", cpath(group), {{"neighbourhood_ids", boost::json::array{s.nord, 987654}}});
    CHECK(unknown_area.status == 400);
    CHECK(unknown_area.body.find("987654") != std::string::npos);
    auto not_group = sina.send("PUT", cpath(987654), {{"neighbourhood_ids", boost::json::array{s.nord}}});
    CHECK(not_group.status == 404);
    CHECK(not_group.error_code() == "not_a_group");
    CHECK(sina.get("/api/p/help/coordinators").json().at("coordinators").as_array().empty());
    CHECK(olga.get("/api/p/help/coordination").json().at("groups").as_array().empty());
    CHECK(olga.get("/api/p/help/coordination/requests").error_code() == "not_coordinator");

    // Staff find the group by name and designate it for Nord; its owner is told.
    auto found = sina.get("/api/p/help/coordinators/groups?q=pfarrei");
    REQUIRE(found.status == 200);
    REQUIRE(found.json().at("groups").as_array().size() == 1);
    CHECK(found.json().at("groups").at(0).at("container_id").as_int64() == group);
    auto made = sina.send("PUT", cpath(group), {{"neighbourhood_ids", boost::json::array{s.nord}}});
    INFO(made.body);
    REQUIRE(made.status == 201);
    CHECK(made.json().at("neighbourhoods").as_array().size() == 1);
    CHECK_FALSE(titles(olga, "help.coordinator").empty());
    auto mine = olga.get("/api/p/help/coordination").json();
    REQUIRE(mine.at("groups").as_array().size() == 1);
    CHECK(str(mine.at("groups").at(0).at("name")) == "Pfarrei St. Martin");

    // Nord and Mitte; then revoked, and a second revocation is refused.
    auto changed = sina.send("PUT", cpath(group), {{"neighbourhood_ids", boost::json::array{s.nord, s.mitte}}});
    REQUIRE(changed.status == 200);
    CHECK(changed.json().at("neighbourhoods").as_array().size() == 2);
    CHECK(sina.send("DELETE", cpath(group)).status == 204);
    CHECK(sina.send("DELETE", cpath(group)).error_code() == "not_coordinator");
    CHECK(olga.get("/api/p/help/coordination").json().at("groups").as_array().empty());
    const auto actions = audit_actions(admin, "container", group);
    CHECK(has(actions, "help.coordinator.designate"));
    CHECK(has(actions, "help.coordinator.change"));
    CHECK(has(actions, "help.coordinator.revoke"));

    // A deleted group's designation goes with it.
    REQUIRE(sina.send("PUT", cpath(group), {{"neighbourhood_ids", boost::json::array{s.nord}}}).status == 201);
    REQUIRE(olga.send("DELETE", "/api/p/groups/groups/" + slug, {{"confirm", slug}}).status < 300);
    CHECK(sina.get("/api/p/help/coordinators").json().at("coordinators").as_array().empty());
  });
}

TEST_CASE("a coordinator sees the neighbourhood's open requests and assigns a helper", "[help][coordination]") {
  for_each_dialect([](const DbTarget& target) {
    HelpServer s(target.url, "", false, true);
    auto admin = s.person("amt", 0, "admin");
    auto olga = s.person("olga", s.fern);                    // the group's owner lives elsewhere
    auto gustav = s.person("gustav", s.fern, "resident", "en");  // a member, not an admin
    auto hans = s.person("hans", s.nord);
    auto alice = s.person("alice", s.nord);
    auto bob = s.person("bob", s.mitte);
    auto emma = s.person("emma", s.nord);
    const auto [group, slug] = make_group(olga, "Nachbarschaftshilfe e.V.", "nbh");
    join(gustav, slug);
    REQUIRE(admin.send("PUT", cpath(group), {{"neighbourhood_ids", boost::json::array{s.nord}}}).status == 201);
    offer(hans, "shopping", s.nord);
    auto r = ask(alice, "shopping", {{"text", "Einkauf für die Woche"}, {"risk_group", true}});
    auto elsewhere = ask(bob, "shopping");

    // The coordinator's list: Nord's open requests, never the risk mark.
    auto list = olga.get("/api/p/help/coordination/requests");
    INFO(list.body);
    REQUIRE(list.status == 200);
    CHECK(listed_ids(list) == std::vector<std::int64_t>{r.at("id").as_int64()});
    CHECK(list.body.find("risk_group") == std::string::npos);
    CHECK(olga.get("/api/p/help/coordination/requests?neighbourhood_id=" + std::to_string(s.mitte)).error_code() == "not_your_area");
    CHECK(olga.get("/api/p/help/coordination/requests?neighbourhood_id=987654").error_code() == "invalid_neighbourhood_id");
    CHECK(gustav.get("/api/p/help/coordination/requests").error_code() == "not_coordinator");
    auto detail = olga.get(rpath(r));
    REQUIRE(detail.status == 200);
    CHECK(detail.json().at("i_coordinate").as_bool());
    CHECK_FALSE(detail.json().as_object().contains("risk_group"));

    // Whom she may assign: hans (offers shopping here) first, the group's members; never alice.
    auto helpers = olga.get(coord(r, "/helpers"));
    INFO(helpers.body);
    REQUIRE(helpers.status == 200);
    const auto hs = helpers.json().at("helpers").as_array();
    REQUIRE(hs.size() == 3);  // hans, gustav, olga
    CHECK(hs.at(0).at("id").as_int64() == hans.id);
    CHECK(hs.at(0).at("offers_category").as_bool());
    CHECK(helpers.body.find("\"id\":" + std::to_string(alice.id) + ",") == std::string::npos);

    // Refusals, each with its reason; nothing changes.
    const auto assign = coord(r, "/assign");
    const auto assign_elsewhere = coord(elsewhere, "/assign");
    CHECK(olga.send("POST", assign_elsewhere, {{"helper_id", hans.id}}).error_code() == "not_your_area");
    CHECK(olga.send("POST", assign).error_code() == "invalid_helper_id");
    CHECK(olga.send("POST", assign, {{"helper_id", 987654}}).error_code() == "unknown_helper");
    CHECK(olga.send("POST", assign, {{"helper_id", alice.id}}).error_code() == "helper_is_asker");
    CHECK(olga.send("POST", assign, {{"helper_id", emma.id}}).error_code() == "helper_not_eligible");
    CHECK(gustav.send("POST", assign, {{"helper_id", hans.id}}).error_code() == "not_coordinator");
    CHECK(emma.send("POST", assign, {{"helper_id", hans.id}}).error_code() == "not_coordinator");
    CHECK(olga.send("POST", "/api/p/help/coordination/requests/987654/assign", {{"helper_id", hans.id}}).status == 404);
    CHECK(str(alice.get(rpath(r)).json().at("status")) == "open");
    CHECK(card_status(alice, r) == "open");
    CHECK(titles(alice, "help.assigned").empty());

    // olga assigns gustav (a member of her group) with a note.
    auto done = olga.send("POST", assign, {{"helper_id", gustav.id}, {"message", "Gustav kommt am Samstag vorbei."}});
    INFO(done.body);
    REQUIRE(done.status == 200);
    CHECK(str(done.json().at("status")) == "in_progress");
    const auto conv = done.json().at("conversation_id").as_int64();
    CHECK(conv > 0);
    auto seen = alice.get(rpath(r)).json();
    CHECK(str(seen.at("status")) == "in_progress");
    CHECK(seen.at("helper").at("id").as_int64() == gustav.id);
    CHECK(str(seen.at("assigned_by").at("name")) == "Nachbarschaftshilfe e.V.");
    CHECK(card_status(emma, r) == "in_progress");
    CHECK(gustav.get(rpath(r)).json().at("risk_group").as_bool());  // the helper now sees the mark
    auto asker_told = titles(alice, "help.assigned");
    REQUIRE(asker_told.size() == 1);
    CHECK(asker_told[0].find("vermittelt durch Nachbarschaftshilfe e.V.") != std::string::npos);
    auto helper_told = titles(gustav, "help.assigned");
    REQUIRE(helper_told.size() == 1);
    CHECK(helper_told[0].find("asks you to help") != std::string::npos);
    auto msgs = alice.get("/api/conversations/" + std::to_string(conv) + "/messages");
    INFO(msgs.body);
    REQUIRE(msgs.status == 200);
    CHECK(msgs.body.find("Vermittelt durch Nachbarschaftshilfe e.V.") != std::string::npos);
    CHECK(msgs.body.find("Gustav kommt am Samstag vorbei.") != std::string::npos);
    CHECK(msgs.body.find(gustav.email) == std::string::npos);
    CHECK(gustav.get("/api/conversations/" + std::to_string(conv) + "/messages").status == 200);
    CHECK(has(audit_actions(admin, "help_request", r.at("id").as_int64()), "help.assign"));

    // No longer open: a second assignment is refused, and it left the coordinator's list.
    CHECK(olga.send("POST", assign, {{"helper_id", hans.id}}).error_code() == "not_open");
    CHECK(listed_ids(olga.get("/api/p/help/coordination/requests")).empty());

    // Marked done by the helper: it counts for Nord this month at once (the kept figure is dropped).
    CHECK(alice.get("/api/p/help/stats").json().at("total").as_int64() == 0);
    REQUIRE(gustav.send("POST", rpath(r, "/done")).status == 200);
    auto stats = alice.get("/api/p/help/stats").json();
    for (const auto& n : stats.at("neighbourhoods").as_array())
      CHECK(n.at("helped_this_month").as_int64() == (n.at("neighbourhood_id").as_int64() == s.nord ? 1 : 0));
    CHECK(stats.at("total").as_int64() == 1);
  });
}

TEST_CASE("assignments are in the export and leave with the account", "[help][coordination][privacy]") {
  for_each_dialect([](const DbTarget& target) {
    HelpServer s(target.url, "", false, true);
    SqlAccess db(target.url);
    auto admin = s.person("amt", 0, "admin");
    auto olga = s.person("olga", s.nord);
    auto hans = s.person("hans", s.nord);
    auto alice = s.person("alice", s.nord);
    const auto [group, slug] = make_group(olga, "Quartiersrat", "rat");
    REQUIRE(admin.send("PUT", cpath(group), {{"neighbourhood_ids", boost::json::array{s.nord}}}).status == 201);
    offer(hans, "garden", s.nord);
    auto r = ask(alice, "garden");
    const auto assign = coord(r, "/assign");
    REQUIRE(olga.send("POST", assign, {{"helper_id", hans.id}}).status == 200);

    CHECK(exported(olga, "assigned_by_me", "request_id") == r.at("id").as_int64());
    CHECK(exported(hans, "assigned_to_me", "request_id") == r.at("id").as_int64());
    CHECK(exported(admin, "coordinators_designated", "container_id") == group);
    CHECK(exported(alice, "assigned_by_me", "request_id") == 0);

    // The coordinator leaves: the group's assignment stays, without her.
    REQUIRE_FALSE(naming(db, olga).empty());
    REQUIRE(olga.send("DELETE", "/api/me", {{"password", olga.password}}).status < 300);
    CHECK(db.scalar("SELECT COUNT(*) FROM help_assignments WHERE coordinator_id IS NULL") == 1);
    CHECK(naming(db, olga).empty());
    // The helper leaves: the request is open again for someone else.
    REQUIRE(hans.send("DELETE", "/api/me", {{"password", hans.password}}).status < 300);
    CHECK(db.scalar("SELECT COUNT(*) FROM help_assignments") == 0);
    CHECK(naming(db, hans).empty());
    CHECK(str(alice.get(rpath(r)).json().at("status")) == "open");
    CHECK(card_status(alice, r) == "open");
  });
}
