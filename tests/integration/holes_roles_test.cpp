// Beyond issue 27's six: every role is refused the routes above it, through the real server on
// SQLite and PostgreSQL. Staff and moderators cannot reach the admin routes (nor make themselves
// admin), residents and staff not the moderation routes, residents not the staff routes, and
// moderators not the registration decisions (staff and admins only, although moderators rank
// above staff).
#include "accounts_fixture.hpp"
#include "pg_test_db.hpp"

using namespace qt::test;

TEST_CASE("each role is refused the routes above it", "[holes][access][accounts]") {
  for_each_dialect([](const DbTarget& target) {
    AccountsServer s("", target.url);
    auto as = [&](const std::string& name, const std::string& role) {
      const auto pw = s.add_user(name + "@teststadt.test", name, role);
      return std::make_unique<Session>(s.login(name + "@teststadt.test", pw));
    };
    auto resident = as("rita", "resident");
    auto staff = as("sven", "staff");
    auto mod = as("mona", "moderator");
    auto admin = as("ada", "admin");
    auto id_of = [](Session& p) { return std::to_string(p.get("/api/me").json().at("user").at("id").as_int64()); };

    // Admin routes: only the admin.
    for (Session* p : {resident.get(), staff.get(), mod.get()}) {
      const auto me = id_of(*p);
      INFO("as " << p->get("/api/me").json().at("user").at("role").as_string());
      CHECK(p->get("/api/admin/users").status == 403);
      CHECK(p->get("/api/admin/audit").status == 403);
      CHECK(p->send_json("PATCH", "/api/admin/users/" + me, {{"role", "admin"}}).status == 403);
      CHECK(p->send_json("PUT", "/api/admin/registration", {{"mode", "open"}}).status == 403);
      CHECK(p->get("/api/me").json().at("user").at("role").as_string() != "admin");
    }
    CHECK(admin->get("/api/admin/users").status == 200);

    // Moderation routes: moderators and admins.
    for (Session* p : {resident.get(), staff.get()}) {
      CHECK(p->get("/api/moderation/reports").status == 403);
      CHECK(p->get("/api/moderation/log").status == 403);
    }
    CHECK(mod->get("/api/moderation/reports").status == 200);

    // Staff routes: not residents.
    CHECK(resident->send_json("POST", "/api/announcements", {{"title", "Falsch"}, {"body", "Amtlich?"}}).status == 403);
    CHECK(resident->get("/api/registrations/pending").status == 403);
    // Registration decisions: staff and admins, not moderators.
    CHECK(mod->get("/api/registrations/pending").status == 403);
    CHECK(staff->get("/api/registrations/pending").status == 200);
  });
}
