// "Department name only" (answers_department_only) through the real server on SQLite and
// PostgreSQL: by default an official answer and each status change name the department and the
// staff member who gave it; once the municipality switches the setting on (a restart with the
// new config on the same database), the answers, the history and the data export show the
// department alone, also for what was answered before the switch, and the asker's notices no
// longer point at the person.
#include "participation_fixture.hpp"
#include "pg_test_db.hpp"

using namespace qt::test;
using namespace qt::test::participation;

namespace {

std::string qpath(std::int64_t q, const std::string& rest = "") { return kApi + "/questions/" + id(q) + rest; }

// The same account signed in to another server on the same database.
void sign_in(Person& p, const TestServer& server) {
  p.http = std::make_unique<HttpClient>(server.port());
  auto login = p.http->send_json("POST", "/api/auth/login", {{"email", p.email}, {"password", p.password}});
  INFO(login.body);
  REQUIRE(login.status == 200);
  p.http->csrf_token = std::string(login.json().at("csrf_token").as_string());
}

// Who the history names, in order ("" for null).
std::vector<std::string> history_by(const boost::json::value& q) {
  std::vector<std::string> out;
  for (const auto& e : q.at("history").as_array()) out.push_back(e.at("by").is_null() ? "" : str(e.at("by")));
  return out;
}

// The plugin's part of the person's export.
boost::json::value exported(Person& p) {
  const auto all = ok_json(p.get("/api/me/export"));
  INFO(boost::json::serialize(all));
  REQUIRE(all.at("data").as_object().contains("participation"));
  return all.at("data").at("participation");
}

}  // namespace

TEST_CASE("staff answers name the person unless the municipality shows the department only", "[participation][privacy]") {
  for_each_dialect([](const DbTarget& target) {
    std::int64_t before = 0;
    Person ines, gerd;
    {
      ParticipationServer s(target.url);
      ines = s.person("ines");
      gerd = s.staff("gerd", "Grünflächenamt");
      const auto green = s.topic("gruen", "Grünflächenamt");
      before = ask(ines, green, "Wann wird der Park gemäht?").at("id").as_int64();
      ok_json(gerd.send("POST", qpath(before, "/status"), {{"status", "in_progress"}}));
      const auto q = ok_json(gerd.send("POST", qpath(before, "/answer"), {{"text", "Jeden zweiten Montag."}}));
      CHECK(q.at("answer").at("department").as_string() == "Grünflächenamt");
      CHECK(q.at("answer").at("by").as_string() == "gerd");
      // The asker's own step is never named; the staff's steps are.
      CHECK(history_by(ok_json(ines.get(qpath(before)))) == std::vector<std::string>{"", "gerd", "gerd"});
      CHECK(exported(ines).at("questions").at(0).at("answer").at("by").as_string() == "gerd");
      const auto told = notices(ines, "status");
      REQUIRE(told.size() == 2);
      CHECK(told[0].at("actor_id").as_int64() == gerd.id);
      REQUIRE(s.server.stop() == 0);
    }

    // The municipality says so: the department only, also for the answer given before.
    ParticipationServer s(target.url, "answers_department_only = true");
    sign_in(ines, s.server);
    sign_in(gerd, s.server);
    const auto old = ok_json(ines.get(qpath(before)));
    CHECK(old.at("answer").at("department").as_string() == "Grünflächenamt");
    CHECK(old.at("answer").at("by").is_null());
    CHECK(history_by(old) == std::vector<std::string>{"", "", ""});
    const auto part = exported(ines);
    CHECK(part.at("questions").at(0).at("answer").at("by").is_null());
    CHECK(history_by(part.at("questions").at(0)) == std::vector<std::string>{"", "", ""});
    CHECK(boost::json::serialize(part).find("gerd") == std::string::npos);

    // A new answer and a status change after the switch: the department only, in the notices too.
    const auto now = ask(ines, old.at("topic").at("id").as_int64(), "Wer leert die Mülleimer am Teich?").at("id").as_int64();
    ok_json(gerd.send("POST", qpath(now, "/status"), {{"status", "in_progress"}}));
    const auto answered = ok_json(gerd.send("POST", qpath(now, "/answer"), {{"text", "Die BSR, täglich."}}));
    CHECK(answered.at("answer").at("by").is_null());
    CHECK(history_by(answered) == std::vector<std::string>{"", "", ""});
    const auto told = notices(ines, "status");
    REQUIRE(told.size() == 4);
    for (const auto& n : told)
      if (n.at("link").as_string() == "/participation/questions/" + id(now)) CHECK(n.at("actor_id").as_int64() == 0);
    // The official item in the city's stream never named the person either way.
    const auto item = ok_json(ines.get("/api/content/" + id(answered.at("answer").at("content_id").as_int64())));
    CHECK(boost::json::serialize(item).find("gerd") == std::string::npos);
  });
}
