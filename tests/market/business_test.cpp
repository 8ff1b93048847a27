// Business profiles through the real server: registering inside a neighbourhood, who may change
// a profile, the municipality's verification, several managers, and every refusal changing nothing.
#include "market_fixture.hpp"
#include "pg_test_db.hpp"

using namespace qt::test;
using namespace qt::test::market;

namespace {

boost::json::object weekday_hours() {
  return {{"weekly", {{"mon", boost::json::array{{{"from", "09:00"}, {"to", "13:00"}}, {{"from", "14:00"}, {"to", "18:00"}}}}}},
          {"holidays", boost::json::array{"2026-12-25"}},
          {"exceptions", boost::json::array{{{"date", "2026-12-24"}, {"ranges", boost::json::array{{{"from", "09:00"}, {"to", "12:00"}}}}}}}};
}

}  // namespace

TEST_CASE("business profiles: registering, editing rights, verification and managers", "[market][business]") {
  for_each_dialect([](const DbTarget& target) {
    MarketServer s(target.url);
    auto baker = s.person("baecker", "resident", s.altstadt);
    auto other = s.person("nachbar", "resident", s.altstadt);
    auto staff = s.person("wirtschaft", "staff");

    auto b = make_business(baker, "Bäckerei Korn", weekday_hours());
    const auto path = kApi + "/businesses/" + id(b.at("id").as_int64());
    CHECK(b.at("neighbourhood_id").as_int64() == s.altstadt);
    CHECK(b.at("verified").as_bool() == false);  // no mark before the municipality checked it
    CHECK(b.at("is_manager").as_bool());
    CHECK(b.at("hours").at("weekly").at("mon").as_array().size() == 2);
    CHECK(b.at("hours").at("holidays").as_array().at(0).as_string() == "2026-12-25");
    CHECK(b.at("payment").as_array().size() == 2);

    // Anyone reads it, even without signing in, and it shows unverified in the directory.
    auto anon = s.server.client();
    auto pub = ok_json(anon.get(path)).as_object();
    CHECK(pub.at("name").as_string() == "Bäckerei Korn");
    CHECK(pub.at("is_manager").as_bool() == false);
    auto dir = ok_json(anon.get(kApi + "/businesses?verified=1")).at("businesses").as_array();
    CHECK(dir.empty());

    // Someone who does not manage it may not change it; nothing changes.
    auto denied = other.send("PATCH", path, {{"name", "Gekapert"}});
    CHECK(denied.status == 403);
    CHECK(ok_json(anon.get(path)).at("name").as_string() == "Bäckerei Korn");

    // An address outside every neighbourhood, bad hours, a bad category: 400, nothing stored.
    auto outside = baker.send("PATCH", path, {{"address", "Irgendwo 5"}, {"lat", 48.0}, {"lon", 11.0}});
    CHECK(outside.status == 400);
    CHECK(error_code(outside) == "address_outside");
    boost::json::object overlap{{"weekly", {{"tue", boost::json::array{{{"from", "09:00"}, {"to", "13:00"}}, {{"from", "12:00"}, {"to", "18:00"}}}}}}};
    auto r1 = baker.send("PATCH", path, {{"hours", overlap}});
    CHECK(r1.status == 400);
    CHECK(error_code(r1) == "invalid_hours");
    CHECK(r1.body.find("tue") != std::string::npos);  // names the day
    boost::json::object backwards{{"weekly", {{"wed", boost::json::array{{{"from", "18:00"}, {"to", "09:00"}}}}}}};
    CHECK(error_code(baker.send("PATCH", path, {{"hours", backwards}})) == "invalid_hours");
    boost::json::object bad_time{{"weekly", {{"wed", boost::json::array{{{"from", "9 Uhr"}, {"to", "12:00"}}}}}}};
    CHECK(error_code(baker.send("PATCH", path, {{"hours", bad_time}})) == "invalid_hours");
    boost::json::object bad_date{{"holidays", boost::json::array{"2027-02-29"}}};
    CHECK(error_code(baker.send("PATCH", path, {{"hours", bad_date}})) == "invalid_hours");
    CHECK(error_code(baker.send("PATCH", path, {{"category", "casino"}})) == "invalid_category");
    CHECK(error_code(baker.send("PATCH", path, {{"links", boost::json::array{{{"url", "javascript:alert(1)"}}}}})) == "invalid_links");
    auto after = ok_json(anon.get(path)).as_object();
    CHECK(after.at("hours").at("weekly").as_object().size() == 1);
    CHECK(after.at("lat").as_double() == 52.05);
    CHECK(after.at("category").as_string() == "shop");
    // Registering outside every neighbourhood is refused too, and nothing appears.
    auto out_new = baker.send("POST", kApi + "/businesses", {{"name", "Draußen"}, {"category", "shop"}, {"address", "Feld 1"}, {"lat", 40.0}, {"lon", 10.0}});
    CHECK(error_code(out_new) == "address_outside");
    CHECK(ok_json(anon.get(kApi + "/businesses?q=drau")).at("businesses").as_array().empty());

    // Only the municipality verifies: a resident (even the manager) may not.
    CHECK(baker.send("POST", path + "/verification", {{"verified", true}}).status == 403);
    auto v = ok_json(staff.send("POST", path + "/verification", {{"verified", true}})).as_object();
    CHECK(v.at("verified").as_bool());
    CHECK(ok_json(anon.get(kApi + "/businesses?verified=1")).at("businesses").as_array().size() == 1);
    // Hours and texts keep the mark; a new name ends it until the municipality checks again.
    CHECK(ok_json(baker.send("PATCH", path, {{"description", "Auch sonntags"}})).at("verified").as_bool());
    CHECK(ok_json(baker.send("PATCH", path, {{"name", "Bäckerei Korn & Söhne"}})).at("verified").as_bool() == false);

    // Several managers: the baker adds a neighbour, who may then edit; the last one cannot leave.
    CHECK(other.send("POST", path + "/managers", {{"user_id", other.id}}).status == 403);
    CHECK(baker.send("POST", path + "/managers", {{"user_id", other.id}}).status == 201);
    CHECK(ok_json(other.send("PATCH", path, {{"delivery", true}})).at("delivery").as_bool());
    CHECK(ok_json(other.get(path + "/managers")).at("managers").as_array().size() == 2);
    CHECK(other.send("DELETE", path + "/managers/" + id(baker.id)).status == 204);
    auto last = other.send("DELETE", path + "/managers/" + id(other.id));
    CHECK(last.status == 409);
    CHECK(error_code(last) == "last_manager");
    CHECK(baker.send("PATCH", path, {{"delivery", false}}).status == 403);  // no longer a manager
    // The municipality may hand the profile over.
    CHECK(staff.send("POST", path + "/managers", {{"user_id", baker.id}}).status == 201);
    CHECK(baker.send("PATCH", path, {{"delivery", false}}).status == 200);
  });
}
