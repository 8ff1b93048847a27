// Notification mails through the real server and a real SMTP server, on both databases:
// the digest (sent by POST /api/admin/digests/run, as the daily job does) in each person's
// language with their items and the settings link, nothing for a person with digests off,
// nothing from a private group the person has left; an urgent announcement mailed at once to
// everyone of the area whatever their digest setting.
#include <string>

#include <boost/json.hpp>

#include "groups_fixture.hpp"
#include "pg_test_db.hpp"

using namespace qt::test;
using namespace qt::test::groups;

namespace {

bool contains(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

void settings(Person& p, const boost::json::object& patch) {
  auto r = p.send("PATCH", "/api/me", patch);
  INFO(r.body);
  REQUIRE(r.status == 200);
}

void comment(Person& p, std::int64_t item, const std::string& body) {
  auto r = p.send("POST", "/api/content/" + std::to_string(item) + "/comments", {{"body", body}});
  INFO(r.body);
  REQUIRE(r.status == 201);
}

std::int64_t run_digest(Person& admin, const std::string& period) {
  auto r = admin.send("POST", "/api/admin/digests/run", {{"period", period}});
  INFO(r.body);
  REQUIRE(r.status == 200);
  return r.json().at("mailed").as_int64();
}

std::string ns(std::int64_t id) { return std::to_string(id); }

}  // namespace

TEST_CASE("the digest mail: per language, own items only, nothing when off or after leaving a private group", "[groups][mail]") {
  for_each_dialect([](const DbTarget& target) {
    GroupsServer s(target.url);
    auto admin = s.person("admin", "admin");
    auto alice = s.person("alice");
    auto carl = s.person("carl");  // digests off (first, so a mail to carl would be queued first)
    auto anna = s.person("anna");  // daily, German
    auto ben = s.person("ben");    // daily, English
    settings(anna, {{"digest", "daily"}, {"language", "de"}});
    settings(ben, {{"digest", "daily"}, {"language", "en"}});
    settings(carl, {{"digest", "off"}, {"language", "de"}});
    settings(alice, {{"digest", "off"}});

    // anna and ben in alice's private group; an announcement there reaches both.
    auto priv = create_group(alice, "Geheimer Gartenclub", "private");
    for (Person* p : {&anna, &ben}) {
      auto inv = alice.send("POST", gpath(priv, "/invitations"), {{"user_id", p->id}});
      REQUIRE(inv.status == 201);
      REQUIRE(p->send("POST", "/api/p/groups/invitations/" + ns(inv.json().at("id").as_int64()) + "/accept").status == 200);
    }
    auto ann = alice.send("POST", gpath(priv, "/announcements"), {{"title", "Quittenernte"}, {"body", "Samstag ernten wir."}});
    REQUIRE(ann.status == 201);
    const auto secret = ann.json().at("id").as_int64();
    // anna leaves before the digest goes out: the group's item must not be in her mail.
    REQUIRE(anna.send("POST", gpath(priv, "/leave")).status == 204);

    // Notifications anyone may keep: comments on each one's post in a public group.
    auto pub = create_group(alice, "Offener Nachbarschaftstreff", "public");
    for (Person* p : {&anna, &ben, &carl}) REQUIRE(p->send("POST", gpath(pub, "/join")).status == 200);
    const auto anna_post = post(anna, pub, "Wer leiht mir eine Leiter?");
    const auto ben_post = post(ben, pub, "Flohmarkt am Sonntag");
    const auto carl_post = post(carl, pub, "Fahrrad gefunden");
    comment(alice, anna_post, "Ich habe eine.");
    comment(alice, ben_post, "Ich komme vorbei.");
    comment(alice, carl_post, "Ist es blau?");

    // Only admins may run it; the period is checked.
    CHECK(anna.send("POST", "/api/admin/digests/run", {{"period", "daily"}}).status == 403);
    CHECK(admin.send("POST", "/api/admin/digests/run", {{"period", "hourly"}}).status == 400);
    CHECK(run_digest(admin, "weekly") == 0);  // nobody here is weekly
    // admin is daily too but has no unread notifications: anna and ben get one each.
    CHECK(run_digest(admin, "daily") == 2);

    const auto de = s.smtp.wait_for(anna.email, "Neuigkeiten");
    CHECK(contains(de.subject, "Ihre Neuigkeiten aus Quartier Teststadt"));
    CHECK(contains(de.body, "Hallo anna"));
    CHECK(contains(de.body, "Neuer Kommentar"));
    CHECK(contains(de.body, "/content/" + ns(anna_post)));
    CHECK(contains(de.body, "/settings"));
    CHECK(contains(de.body, "Zusammenfassung"));
    CHECK_FALSE(contains(de.body, "Quittenernte"));
    CHECK_FALSE(contains(de.body, "/content/" + ns(secret)));
    CHECK_FALSE(contains(de.body, "New comment"));

    const auto en = s.smtp.wait_for(ben.email, "news");
    CHECK(contains(en.subject, "Your news from Quartier Teststadt"));
    CHECK(contains(en.body, "Hello ben"));
    CHECK(contains(en.body, "New comment"));
    CHECK(contains(en.body, "/content/" + ns(ben_post)));
    CHECK(contains(en.body, "Quittenernte"));  // ben is still a member
    CHECK(contains(en.body, "/content/" + ns(secret)));
    CHECK(contains(en.body, "/settings"));
    CHECK_FALSE(contains(en.body, "Neuer Kommentar"));

    // Nothing for carl; no second digest for the same notifications.
    CHECK(run_digest(admin, "daily") == 0);
    CHECK(s.smtp.count_to(carl.email) == 0);
    CHECK(s.smtp.count_to(anna.email) == 1);
    CHECK(s.smtp.count_to(ben.email) == 1);
    // carl's notification is still there, unread, in the app.
    CHECK(contains(carl.get("/api/notifications?unread=1").body, "/content/" + ns(carl_post)));
  });
}

TEST_CASE("an urgent announcement is mailed at once to everyone of the area, digest off or not, in their language", "[groups][mail]") {
  for_each_dialect([](const DbTarget& target) {
    GroupsServer s(target.url);
    auto staff = s.person("amt", "staff");
    auto anna = s.person("anna");
    auto ben = s.person("ben");
    settings(anna, {{"digest", "off"}, {"language", "de"}});
    settings(ben, {{"digest", "weekly"}, {"language", "en"}});
    auto r = staff.send("POST", "/api/announcements",
                        {{"title", "Wasserrohrbruch"}, {"body", "Bitte Leitungswasser abkochen."}, {"urgent", true}});
    INFO(r.body);
    REQUIRE(r.status == 201);
    const auto id = r.json().at("id").as_int64();

    const auto de = s.smtp.wait_for(anna.email, "Wasserrohrbruch");
    CHECK(contains(de.subject, "Wichtig: Wasserrohrbruch"));
    CHECK(contains(de.body, "Hallo anna"));
    CHECK(contains(de.body, "/content/" + ns(id)));
    CHECK(contains(de.body, "dringend"));
    const auto en = s.smtp.wait_for(ben.email, "Wasserrohrbruch");
    CHECK(contains(en.subject, "Important: Wasserrohrbruch"));
    CHECK(contains(en.body, "Hello ben"));
    CHECK(contains(en.body, "urgent"));
    CHECK(contains(en.body, "/content/" + ns(id)));
    // Already mailed: the next digest does not repeat it.
    auto admin = s.person("admin", "admin");
    CHECK(run_digest(admin, "weekly") == 0);
  });
}
