// Questions to the administration through the real server on SQLite and PostgreSQL: topics routed
// to departments by the admin, asking with a place inside a neighbourhood, the department's queue,
// every status change dated, the official answer with the department's name, notices to the
// department, the asker and the followers, and search over answers. With the access rules
// (residents never change a status, staff only their department's) and bad input that changes
// nothing.
#include <map>

#include "participation_fixture.hpp"
#include "pg_test_db.hpp"
#include "sql_access.hpp"

using namespace qt::test;
using namespace qt::test::participation;

namespace {

std::string qpath(const boost::json::object& q, const std::string& rest = "") {
  return kApi + "/questions/" + id(q.at("id").as_int64()) + rest;
}

boost::json::value status_of(Person& p, const boost::json::object& q) { return ok_json(p.get(qpath(q))).at("status"); }

}  // namespace

TEST_CASE("questions are routed by topic, handled by that department and followed by residents", "[participation][questions]") {
  for_each_dialect([](const DbTarget& target) {
    ParticipationServer s(target.url);
    auto anna = s.person("anna");
    auto bob = s.person("bob");
    auto tina = s.staff("tina", "Tiefbauamt");
    auto gerd = s.staff("gerd", "Grünflächenamt");
    auto sam = s.person("sam", "staff");  // staff without a department
    const auto mitte = s.neighbourhood("mitte", square(13.40, 52.50, 0.02));
    const auto roads = s.topic("strassen", "Tiefbauamt");
    s.topic("gruen", "Grünflächenamt");

    // The municipality maps topics: only admins, every field checked.
    refused(anna.send("POST", kApi + "/topics", {{"slug", "x"}, {"name_de", "X"}, {"department", "Y"}}), 403, "forbidden");
    refused(s.admin().send("POST", kApi + "/topics", {{"slug", "laerm"}, {"name_de", "Lärm"}}), 400, "invalid_department");
    refused(s.admin().send("POST", kApi + "/topics", {{"slug", "strassen"}, {"name_de", "S"}, {"department", "Y"}}), 409, "slug_taken");
    refused(s.admin().send("POST", kApi + "/topics", {{"slug", "Böse Slug"}, {"name_de", "S"}, {"department", "Y"}}), 400, "invalid_slug");
    CHECK(ok_json(anna.get(kApi + "/topics")).at("topics").as_array().size() == 2);

    // Bad questions: clear errors, nothing stored.
    refused(anna.send("POST", kApi + "/questions", {{"topic_id", roads}, {"text", "   "}}), 400, "invalid_text");
    refused(anna.send("POST", kApi + "/questions", {{"topic_id", 987654}, {"text", "Wer mäht?"}}), 400, "invalid_topic_id");
    refused(anna.send("POST", kApi + "/questions", {{"text", "Wer mäht?"}}), 400, "invalid_topic_id");
    refused(anna.send("POST", kApi + "/questions", {{"topic_id", roads}, {"text", "Hier?"}, {"lat", 48.1}, {"lon", 11.5}}), 400, "outside_neighbourhoods");
    refused(anna.send("POST", kApi + "/questions", {{"topic_id", roads}, {"text", "Hier?"}, {"lat", 52.51}}), 400, "invalid_place");
    refused(anna.send("POST", kApi + "/questions", {{"topic_id", roads}, {"text", "Hier?"}, {"kind", "rant"}}), 400, "invalid_kind");
    CHECK(ok_json(anna.get(kApi + "/my-questions")).at("questions").as_array().empty());

    auto q1 = ask(anna, roads, "Wann wird das Schlagloch in der Lindenstraße repariert?", {{"lat", 52.51}, {"lon", 13.41}});
    CHECK(str(q1.at("status")) == "received");
    CHECK(str(q1.at("department")) == "Tiefbauamt");
    CHECK(q1.at("neighbourhood_id").as_int64() == mitte);
    CHECK(q1.at("mine").as_bool());
    CHECK(q1.at("history").as_array().size() == 1);
    CHECK(str(q1.at("title")) == "Wann wird das Schlagloch in der Lindenstraße repariert?");

    // It reaches the department's staff, not another department's.
    REQUIRE(wait_for([&] { return notices(tina, "new_question").size() == 1; }));
    CHECK(notices(gerd, "new_question").empty());
    auto queue = ok_json(tina.get(kApi + "/queue"));
    CHECK(str(queue.at("department")) == "Tiefbauamt");
    REQUIRE(ids(queue) == std::vector<std::int64_t>{q1.at("id").as_int64()});
    CHECK(queue.at("questions").as_array()[0].at("age_days").as_int64() == 0);
    CHECK(ok_json(gerd.get(kApi + "/queue")).at("questions").as_array().empty());
    refused(sam.get(kApi + "/queue"), 403, "no_department");
    refused(anna.get(kApi + "/queue"), 403, "forbidden");

    // Residents never change a status; staff of another department neither.
    refused(anna.send("POST", qpath(q1, "/status"), {{"status", "in_progress"}}), 403, "forbidden");
    refused(anna.send("POST", qpath(q1, "/answer"), {{"text", "Morgen"}}), 403, "forbidden");
    refused(gerd.send("POST", qpath(q1, "/status"), {{"status", "in_progress"}}), 403, "not_your_department");
    refused(gerd.send("POST", qpath(q1, "/answer"), {{"text", "Morgen"}}), 403, "not_your_department");
    CHECK(status_of(anna, q1) == "received");

    // bob follows; once.
    CHECK(ok_json(bob.send("POST", qpath(q1, "/follow")), 201).at("following").as_bool());
    refused(bob.send("POST", qpath(q1, "/follow")), 409, "already_following");

    ok_json(tina.send("POST", qpath(q1, "/status"), {{"status", "in_progress"}}));
    refused(tina.send("POST", qpath(q1, "/status"), {{"status", "in_progress"}}), 409, "unchanged");
    refused(tina.send("POST", qpath(q1, "/status"), {{"status", "done"}}), 400, "invalid_status");
    refused(tina.send("POST", qpath(q1, "/status"), {{"status", "forwarded"}, {"department", "Nirgendwo"}}), 400, "invalid_department");
    REQUIRE(wait_for([&] { return notices(anna, "status").size() == 1 && notices(bob, "status").size() == 1; }));
    CHECK(notices(tina, "status").empty());  // the actor is not told of their own change

    // Forwarded: now the other department's, and only theirs.
    auto fwd = ok_json(tina.send("POST", qpath(q1, "/status"), {{"status", "forwarded"}, {"department", "Grünflächenamt"}, {"reason", "Baumwurzeln"}}));
    CHECK(str(fwd.at("department")) == "Grünflächenamt");
    refused(tina.send("POST", qpath(q1, "/answer"), {{"text", "Morgen"}}), 403, "not_your_department");
    CHECK(ids(ok_json(gerd.get(kApi + "/queue"))) == std::vector<std::int64_t>{q1.at("id").as_int64()});
    CHECK(ok_json(tina.get(kApi + "/queue")).at("questions").as_array().empty());
    REQUIRE(wait_for([&] { return notices(gerd, "new_question").size() == 1; }));

    refused(gerd.send("POST", qpath(q1, "/answer"), {{"text", ""}}), 400, "invalid_text");
    auto answered = ok_json(gerd.send("POST", qpath(q1, "/answer"), {{"text", "Die Wurzeln werden im Mai gekappt, dann wird asphaltiert."}}));
    CHECK(str(answered.at("status")) == "answered");
    CHECK(answered.at("answer").at("official").as_bool());
    CHECK(str(answered.at("answer").at("department")) == "Grünflächenamt");
    refused(gerd.send("POST", qpath(q1, "/answer"), {{"text", "Nochmal"}}), 409, "closed");
    // The answer is an official item of the municipality in the city's stream, found by search.
    const auto item_id = answered.at("answer").at("content_id").as_int64();
    const auto item = ok_json(bob.get("/api/content/" + id(item_id)));
    CHECK(item.at("kind").as_string() == "participation.answer");
    CHECK(item.at("card").at("department").as_string() == "Grünflächenamt");
    CHECK(wait_for([&] {
      const auto found = ok_json(bob.get("/api/search?q=asphaltiert"));
      for (const auto& i : found.at("items").as_array())
        if (i.at("id").as_int64() == item_id) return true;
      return false;
    }));

    // Every change dated, in order, seen by the asker.
    const auto mine = ok_json(anna.get(qpath(q1)));
    const auto& history = mine.at("history").as_array();
    REQUIRE(history.size() == 4);
    const char* expected[] = {"received", "in_progress", "forwarded", "answered"};
    for (std::size_t i = 0; i < 4; ++i) {
      CHECK(history[i].at("status").as_string() == expected[i]);
      CHECK(history[i].at("at").as_int64() > 0);
    }
    CHECK(str(history[2].at("note")) == "Baumwurzeln");
    REQUIRE(wait_for([&] { return notices(anna, "status").size() == 3 && notices(bob, "status").size() == 3; }));
    CHECK(str(notices(anna, "status")[0].at("link")) == "/participation/questions/" + id(q1.at("id").as_int64()));

    // The next person finds the answer first.
    CHECK(ids(ok_json(bob.get(kApi + "/questions?status=answered&q=SCHLAGLOCH"))) == std::vector<std::int64_t>{q1.at("id").as_int64()});
    CHECK(ids(ok_json(bob.get(kApi + "/questions?status=answered&q=Spielplatz"))).empty());

    // Declined needs a reason; merged needs an earlier question.
    auto q2 = ask(anna, roads, "Noch ein Schlagloch?");
    refused(tina.send("POST", qpath(q2, "/status"), {{"status", "declined"}}), 400, "invalid_reason");
    CHECK(status_of(anna, q2) == "received");
    auto declined = ok_json(tina.send("POST", qpath(q2, "/status"), {{"status", "declined"}, {"reason", "Privatgrund"}}));
    CHECK(str(declined.at("reason")) == "Privatgrund");
    auto q3 = ask(bob, roads, "Schlagloch Lindenstraße");
    refused(tina.send("POST", qpath(q3, "/status"), {{"status", "merged"}, {"merged_into", q3.at("id")}}), 400, "invalid_merged_into");
    auto merged = ok_json(tina.send("POST", qpath(q3, "/status"), {{"status", "merged"}, {"merged_into", q1.at("id")}}));
    CHECK(merged.at("merged_into").as_int64() == q1.at("id").as_int64());
    CHECK(ok_json(tina.get(kApi + "/queue?status=all")).at("questions").as_array().size() == 2);
    refused(tina.get(kApi + "/queue?status=bogus"), 400, "invalid_status");

    // Admins re-route a topic; new questions follow the mapping.
    ok_json(s.admin().send("PATCH", kApi + "/topics/" + id(roads), {{"department", "Grünflächenamt"}}));
    const auto old = ask(bob, roads, "Wer fegt?");
    CHECK(str(old.at("department")) == "Grünflächenamt");
    // A question three weeks old: its age in the queue, and among the stale ones in the figures.
    SqlAccess(target.url).exec("UPDATE participation_questions SET created_at = created_at - 1814400000 WHERE id = :a",
                               old.at("id").as_int64());
    const auto gerds = ok_json(gerd.get(kApi + "/queue"));  // a range-for over a temporary's member would dangle
    bool seen = false;
    for (const auto& q : gerds.at("questions").as_array())
      if (q.at("id") == old.at("id")) {
        seen = true;
        CHECK(q.at("age_days").as_int64() == 21);
      }
    CHECK(seen);

    // Figures for the administration, as JSON and CSV; admins only.
    const auto figures = ok_json(s.admin().get(kApi + "/figures"));
    std::map<std::string, boost::json::object> by_department;
    for (const auto& row : figures.at("departments").as_array()) by_department[str(row.at("department"))] = row.as_object();
    REQUIRE(by_department.size() == 2);
    CHECK(by_department["Grünflächenamt"].at("answered").as_int64() == 1);
    CHECK(by_department["Grünflächenamt"].at("open").as_int64() == 1);
    CHECK(by_department["Grünflächenamt"].at("median_hours_to_answer").is_number());
    CHECK(by_department["Tiefbauamt"].at("declined").as_int64() == 1);
    CHECK(by_department["Tiefbauamt"].at("merged").as_int64() == 1);
    CHECK(by_department["Tiefbauamt"].at("median_hours_to_answer").is_null());
    CHECK(by_department["Tiefbauamt"].at("open_over_14_days").as_int64() == 0);
    CHECK(by_department["Grünflächenamt"].at("open_over_14_days").as_int64() == 1);
    const auto csv = s.admin().get(kApi + "/figures/csv");
    REQUIRE(csv.status == 200);
    CHECK(csv.body.rfind("department,total,open,answered,declined,merged,open_over_14_days,median_hours_to_answer\r\n", 0) == 0);
    CHECK(csv.body.find("\"Tiefbauamt\",2,0,0,1,1,0,\r\n") != std::string::npos);
    refused(tina.get(kApi + "/figures"), 403, "forbidden");
  });
}
