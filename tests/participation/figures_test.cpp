// The figures for the administration through the real server on SQLite and PostgreSQL: the
// median time from asking to the answer per department, open questions older than 14 days,
// the CSV with the same numbers (a department's name never read as a formula), admins only.
#include <map>

#include "participation_fixture.hpp"
#include "pg_test_db.hpp"
#include "sql_access.hpp"

using namespace qt::test;
using namespace qt::test::participation;

namespace {

constexpr std::int64_t kHour = 3600000, kDay = 24 * kHour;

std::string qpath(const boost::json::value& q, const std::string& rest = "") {
  return kApi + "/questions/" + id(q.at("id").as_int64()) + rest;
}

}  // namespace

TEST_CASE("figures give each department's median time to the answer and its stale open questions", "[participation][figures]") {
  for_each_dialect([](const DbTarget& target) {
    ParticipationServer s(target.url);
    SqlAccess db(target.url);
    auto anna = s.person("anna");
    auto tina = s.staff("tina", "Tiefbauamt");
    auto fin = s.staff("fin", "=Finanzamt");  // a name a spreadsheet would take for a formula
    const auto roads = s.topic("strassen", "Tiefbauamt");
    const auto money = s.topic("geld", "=Finanzamt");

    // Three answers after 2, 4 and 30 hours: the median is 4 hours.
    for (const std::int64_t hours : {2, 30, 4}) {
      const auto q = ask(anna, roads, "Frage nach " + std::to_string(hours) + " Stunden");
      ok_json(tina.send("POST", qpath(q, "/answer"), {{"text", "Antwort"}}));
      db.exec("UPDATE participation_questions SET created_at = answered_at - :a WHERE id = :b", hours * kHour, q.at("id").as_int64());
    }
    // Open ones: 15 days old (stale), 13 days old (not yet), a declined one 20 days old (closed).
    const auto stale = ask(anna, roads, "Seit 15 Tagen offen");
    db.exec("UPDATE participation_questions SET created_at = created_at - :a WHERE id = :b", 15 * kDay, stale.at("id").as_int64());
    const auto young = ask(anna, roads, "Seit 13 Tagen offen");
    db.exec("UPDATE participation_questions SET created_at = created_at - :a WHERE id = :b", 13 * kDay, young.at("id").as_int64());
    const auto declined = ask(anna, money, "Abgelehnt");
    ok_json(fin.send("POST", qpath(declined, "/status"), {{"status", "declined"}, {"reason", "Nicht zuständig"}}));
    db.exec("UPDATE participation_questions SET created_at = created_at - :a WHERE id = :b", 20 * kDay, declined.at("id").as_int64());

    std::map<std::string, boost::json::object> rows;
    const auto figures = ok_json(s.admin().get(kApi + "/figures"));  // kept: a range-for over a temporary's member dangles
    for (const auto& r : figures.at("departments").as_array())
      rows[str(r.at("department"))] = r.as_object();
    REQUIRE(rows.size() == 2);
    const auto& roads_row = rows["Tiefbauamt"];
    CHECK(roads_row.at("total").as_int64() == 5);
    CHECK(roads_row.at("answered").as_int64() == 3);
    CHECK(roads_row.at("open").as_int64() == 2);
    CHECK(roads_row.at("open_over_14_days").as_int64() == 1);
    CHECK(roads_row.at("median_hours_to_answer").as_double() == 4.0);
    CHECK(rows["=Finanzamt"].at("open_over_14_days").as_int64() == 0);
    CHECK(rows["=Finanzamt"].at("median_hours_to_answer").is_null());

    const auto csv = s.admin().get(kApi + "/figures/csv");
    REQUIRE(csv.status == 200);
    CHECK(csv.body.find("\"'=Finanzamt\",1,0,0,1,0,0,\r\n") != std::string::npos);
    CHECK(csv.body.find("\"Tiefbauamt\",5,2,3,0,0,1,4\r\n") != std::string::npos);
    refused(tina.get(kApi + "/figures/csv"), 403, "forbidden");
    refused(anna.get(kApi + "/figures"), 403, "forbidden");
  });
}
