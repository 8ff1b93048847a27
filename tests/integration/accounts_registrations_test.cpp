// Approval of registrations by administration staff and admins; residents and moderators are
// refused; every decision is audited.
#include <algorithm>
#include <optional>
#include <set>
#include <vector>

#include "accounts_fixture.hpp"
#include "pg_test_db.hpp"

using namespace qt::test;

namespace {

std::int64_t register_pending(AccountsServer& s, const std::string& email, const std::string& name) {
  auto c = s.client();
  REQUIRE(c.send_json("POST", "/api/auth/register",
                      {{"email", email}, {"password", "Laterne-Kanal-Brot"}, {"display_name", name}})
              .status == 202);
  const auto mail = s.smtp.wait_for(email, "/confirm?token=");
  auto conf = c.send_json("POST", "/api/auth/confirm", {{"token", mail.link_param("token")}});
  REQUIRE(str(conf.json().at("status")) == "awaiting_approval");
  return 0;
}

std::int64_t id_of(Session& who, const std::string& email) {
  auto list = who.get("/api/registrations/pending");
  INFO(list.body);
  REQUIRE(list.status == 200);
  const auto body = list.json();
  for (const auto& r : body.at("registrations").as_array())
    if (str(r.at("email")) == email) return r.at("id").as_int64();
  FAIL("not in the pending list: " << email);
  return 0;
}

bool audited(Session& admin, std::int64_t id, const std::string& action, const std::string& by_role) {
  auto audit = admin.get("/api/admin/audit?target_type=user&target_id=" + std::to_string(id));
  const auto body = audit.json();
  for (const auto& e : body.at("entries").as_array())
    if (str(e.at("action")) == action && str(e.at("details").at("by_role")) == by_role) return e.at("actor_id").as_int64() > 0;
  return false;
}

}  // namespace

TEST_CASE("staff approve and decline pending registrations, residents and moderators may not",
          "[accounts][integration][admin][approval]") {
  AccountsServer s;
  const auto admin_pw = s.add_user("admin@example.de", "Admin", "admin");
  const auto staff_pw = s.add_user("amt@example.de", "Bürgeramt", "staff");
  const auto mod_pw = s.add_user("mod@example.de", "Moderation", "moderator");
  const auto res_pw = s.add_user("res@example.de", "Resi");
  auto admin = s.login("admin@example.de", admin_pw);
  auto staff = s.login("amt@example.de", staff_pw);
  auto mod = s.login("mod@example.de", mod_pw);
  auto res = s.login("res@example.de", res_pw);
  REQUIRE(s.client().get("/api/meta").json().at("registration_mode").as_string() == "open");
  REQUIRE(admin.send_json("PUT", "/api/admin/registration", {{"mode", "approval"}}).status == 200);
  // The web UI reads the mode from /api/meta: it is the one in force, not the config default.
  CHECK(s.client().get("/api/meta").json().at("registration_mode").as_string() == "approval");

  register_pending(s, "wanda@example.de", "Wanda");
  register_pending(s, "xaver@example.de", "Xaver");
  const auto wanda = id_of(staff, "wanda@example.de");
  const auto xaver = id_of(staff, "xaver@example.de");
  const auto approve = [](std::int64_t id) { return "/api/registrations/" + std::to_string(id) + "/approve"; };
  const auto decline = [](std::int64_t id) { return "/api/registrations/" + std::to_string(id) + "/decline"; };

  // Refused: anonymous, residents, moderators (on every path, the admin page's older one too).
  CHECK(s.client().get("/api/registrations/pending").status == 401);
  CHECK(res.get("/api/registrations/pending").status == 403);
  CHECK(mod.get("/api/registrations/pending").status == 403);
  CHECK(res.send_json("POST", approve(wanda), boost::json::object{}).status == 403);
  auto by_mod = mod.send_json("POST", approve(wanda), boost::json::object{});
  CHECK(by_mod.status == 403);
  CHECK(by_mod.error_code() == "forbidden");
  CHECK(mod.send_json("POST", decline(wanda), boost::json::object{}).status == 403);
  CHECK(mod.send_json("POST", "/api/admin/users/" + std::to_string(wanda) + "/approve", boost::json::object{}).status == 403);
  // Without CSRF token even staff are refused.
  CHECK(staff.request("POST", approve(wanda), "{}", {{"Content-Type", "application/json"}}).status == 403);

  // The admin start page counts them: two waiting, four active accounts; admins only.
  const auto before = admin.get("/api/admin/overview");
  INFO(before.body);
  REQUIRE(before.status == 200);
  CHECK(before.json().at("people").at("awaiting_approval").as_int64() == 2);
  CHECK(before.json().at("people").at("active").as_int64() == 4);
  CHECK(before.json().at("reports_open").as_int64() == 0);
  CHECK(staff.get("/api/admin/overview").status == 403);
  CHECK(res.get("/api/admin/overview").status == 403);

  auto ok = staff.send_json("POST", approve(wanda), boost::json::object{});
  INFO(ok.body);
  REQUIRE(ok.status == 200);
  CHECK(str(ok.json().at("status")) == "active");
  s.smtp.wait_for("wanda@example.de", "freigeschaltet");
  CHECK(s.client().send_json("POST", "/api/auth/login", {{"email", "wanda@example.de"}, {"password", "Laterne-Kanal-Brot"}}).status == 200);
  // Decided once only.
  CHECK(staff.send_json("POST", approve(wanda), boost::json::object{}).error_code() == "not_awaiting_approval");
  CHECK(staff.send_json("POST", decline(wanda), boost::json::object{}).status == 409);

  auto no = staff.send_json("POST", decline(xaver), {{"reason", "Kein Wohnsitz in Teststadt"}});
  INFO(no.body);
  REQUIRE(no.status == 200);
  const auto mail = s.smtp.wait_for("xaver@example.de", "nicht freigeschaltet");
  CHECK(mail.body.find("Kein Wohnsitz in Teststadt") != std::string::npos);
  CHECK(s.client().send_json("POST", "/api/auth/login", {{"email", "xaver@example.de"}, {"password", "Laterne-Kanal-Brot"}}).status == 401);
  CHECK(staff.get("/api/registrations/pending").json().at("registrations").as_array().empty());
  const auto after = admin.get("/api/admin/overview").json();
  CHECK(after.at("people").at("awaiting_approval").as_int64() == 0);
  CHECK(after.at("people").at("active").as_int64() == 5);  // wanda approved, xaver declined
  CHECK(after.at("mail").at("failed").as_int64() == 0);

  CHECK(audited(admin, wanda, "registration.approved", "staff"));
  CHECK(audited(admin, xaver, "registration.declined", "staff"));

  // Admins may too, on the admin page's path.
  register_pending(s, "yara@example.de", "Yara");
  const auto yara = id_of(admin, "yara@example.de");
  CHECK(admin.send_json("POST", "/api/admin/users/" + std::to_string(yara) + "/approve", boost::json::object{}).status == 200);
  CHECK(audited(admin, yara, "registration.approved", "admin"));
}

namespace {

// Registers through the API (optionally into a neighbourhood) and confirms through the mail.
void register_awaiting(AccountsServer& s, const std::string& email, const std::string& name,
                       std::optional<std::int64_t> neighbourhood = std::nullopt) {
  auto c = s.client();
  boost::json::object body{{"email", email}, {"password", "Laterne-Kanal-Brot"}, {"display_name", name}};
  if (neighbourhood) body["neighbourhood_id"] = *neighbourhood;
  auto r = c.send_json("POST", "/api/auth/register", body);
  INFO(r.body);
  REQUIRE(r.status == 202);
  const auto mail = s.smtp.wait_for(email, "/confirm?token=");
  auto conf = c.send_json("POST", "/api/auth/confirm", {{"token", mail.link_param("token")}});
  INFO(conf.body);
  REQUIRE(str(conf.json().at("status")) == "awaiting_approval");
}

struct PendingPage {
  std::vector<std::int64_t> ids;
  std::optional<std::int64_t> next_after;
  boost::json::array entries;
};

PendingPage pending_page(Session& who, const std::string& query) {
  auto r = who.get("/api/registrations/pending" + query);
  INFO(query << " -> " << r.body);
  REQUIRE(r.status == 200);
  const auto body = r.json();
  PendingPage p;
  p.entries = body.at("registrations").as_array();
  for (const auto& e : p.entries) p.ids.push_back(e.at("id").as_int64());
  REQUIRE(body.as_object().contains("next_after"));
  if (!body.at("next_after").is_null()) p.next_after = body.at("next_after").as_int64();
  return p;
}

// Every page from the start with `limit`, following next_after; the ids in the order received.
std::vector<std::int64_t> all_pages(Session& who, int limit, int* pages = nullptr) {
  std::vector<std::int64_t> ids;
  std::optional<std::int64_t> after;
  int n = 0;
  do {
    auto p = pending_page(who, "?limit=" + std::to_string(limit) + (after ? "&after=" + std::to_string(*after) : ""));
    CHECK(static_cast<int>(p.ids.size()) <= limit);
    if (p.next_after) {
      CHECK(static_cast<int>(p.ids.size()) == limit);  // a short page is the last one
      CHECK(*p.next_after == p.ids.back());
    }
    ids.insert(ids.end(), p.ids.begin(), p.ids.end());
    after = p.next_after;
    REQUIRE(++n < 50);
  } while (after);
  if (pages) *pages = n;
  return ids;
}

void paging_flow(AccountsServer& s) {
  const auto admin_pw = s.add_user("admin@example.de", "Admin", "admin");
  const auto staff_pw = s.add_user("amt@example.de", "Bürgeramt", "staff");
  const auto mod_pw = s.add_user("mod@example.de", "Moderation", "moderator");
  const auto res_pw = s.add_user("res@example.de", "Resi");
  auto admin = s.login("admin@example.de", admin_pw);
  auto staff = s.login("amt@example.de", staff_pw);
  auto mod = s.login("mod@example.de", mod_pw);
  auto res = s.login("res@example.de", res_pw);
  REQUIRE(admin.send_json("PUT", "/api/admin/registration", {{"mode", "approval"}}).status == 200);
  auto hood = admin.send_json("POST", "/api/neighbourhoods", {{"name", "Kanalviertel"}, {"slug", "kanalviertel"}});
  INFO(hood.body);
  REQUIRE(hood.status == 201);
  const auto hood_id = hood.json().at("id").as_int64();

  CHECK(pending_page(staff, "").ids.empty());
  CHECK_FALSE(pending_page(staff, "").next_after);

  register_awaiting(s, "p1@example.de", "Paula", hood_id);
  for (int i = 2; i <= 5; ++i) register_awaiting(s, "p" + std::to_string(i) + "@example.de", "Person " + std::to_string(i));
  // Registered but not confirmed: not in the list.
  REQUIRE(s.client().send_json("POST", "/api/auth/register",
                               {{"email", "ohne@example.de"}, {"password", "Laterne-Kanal-Brot"}, {"display_name", "Ohne"}})
              .status == 202);

  // One page with everything: oldest first by id, with the neighbourhood's name.
  const auto whole = pending_page(admin, "");
  REQUIRE(whole.ids.size() == 5);
  CHECK_FALSE(whole.next_after);
  CHECK(std::is_sorted(whole.ids.begin(), whole.ids.end()));
  const auto& first = whole.entries.at(0).as_object();
  CHECK(str(first.at("email")) == "p1@example.de");
  CHECK(str(first.at("display_name")) == "Paula");
  CHECK(first.at("neighbourhood_id").as_int64() == hood_id);
  CHECK(str(first.at("neighbourhood_name")) == "Kanalviertel");
  CHECK(first.at("created_at").as_int64() > 0);
  CHECK(first.at("email_confirmed_at").as_int64() >= first.at("created_at").as_int64());
  CHECK(whole.entries.at(1).at("neighbourhood_id").is_null());
  CHECK(whole.entries.at(1).at("neighbourhood_name").is_null());

  // Page by page with 2, 1 and exactly 5 a page: the same ids, none twice, none missing.
  for (int limit : {1, 2, 4, 5}) {
    INFO("limit " << limit);
    int pages = 0;
    const auto ids = all_pages(staff, limit, &pages);
    CHECK(ids == whole.ids);
    CHECK(std::set<std::int64_t>(ids.begin(), ids.end()).size() == ids.size());
    CHECK(pages == (5 + limit - 1) / limit);
  }
  CHECK_FALSE(pending_page(staff, "?limit=5").next_after);  // exactly full: no empty last page
  CHECK(pending_page(staff, "?limit=4").next_after == whole.ids.at(3));
  CHECK(pending_page(staff, "?after=" + std::to_string(whole.ids.back())).ids.empty());

  // A decision between two pages leaves no gap: the cursor is an id, not an offset.
  auto p1 = pending_page(staff, "?limit=2");
  REQUIRE(p1.ids.size() == 2);
  REQUIRE(staff.send_json("POST", "/api/registrations/" + std::to_string(p1.ids.at(0)) + "/approve", boost::json::object{})
              .status == 200);
  auto p2 = pending_page(staff, "?limit=2&after=" + std::to_string(*p1.next_after));
  CHECK(p2.ids == std::vector<std::int64_t>{whole.ids.at(2), whole.ids.at(3)});
  CHECK(all_pages(staff, 2) == std::vector<std::int64_t>(whole.ids.begin() + 1, whole.ids.end()));

  // Malformed or out of range: 400 naming the parameter and the range, in German and English.
  for (const std::string bad : {"limit=0", "limit=201", "limit=-5", "limit=zehn", "limit=2.5", "limit=99999999999999999999"}) {
    INFO(bad);
    auto r = staff.get("/api/registrations/pending?" + bad);
    CHECK(r.status == 400);
    CHECK(r.error_code() == "invalid_parameter");
    CHECK(r.body.find("limit") != std::string::npos);
    CHECK(r.body.find("von 1 bis 200") != std::string::npos);
    CHECK(r.body.find("from 1 to 200") != std::string::npos);
  }
  for (const std::string bad : {"after=-1", "after=abc", "after=1e3"}) {
    INFO(bad);
    auto r = staff.get("/api/registrations/pending?" + bad);
    CHECK(r.status == 400);
    CHECK(r.error_code() == "invalid_parameter");
    CHECK(r.body.find("after") != std::string::npos);
  }
  CHECK(staff.get("/api/registrations/pending?limit=200&after=0").status == 200);

  // Who may look: staff and admins only; the role is checked before the parameters.
  CHECK(s.client().get("/api/registrations/pending").status == 401);
  CHECK(s.client().get("/api/registrations/pending?limit=0").status == 401);
  CHECK(res.get("/api/registrations/pending?limit=2").status == 403);
  CHECK(mod.get("/api/registrations/pending?limit=2").status == 403);
  CHECK(mod.get("/api/registrations/pending?limit=0").status == 403);
  CHECK(res.get("/api/registrations/pending?limit=0").error_code() == "forbidden");
}

}  // namespace

TEST_CASE("the pending registrations come a page at a time, oldest first, with the neighbourhood",
          "[accounts][integration][approval]") {
  AccountsServer s("registrations_per_ip_30min = 100\n");
  paging_flow(s);
}

TEST_CASE("the pending registrations page the same on PostgreSQL", "[accounts][integration][approval][postgresql]") {
  QT_REQUIRE_PG();
  PgTestDb pg;
  AccountsServer s("registrations_per_ip_30min = 100\n", pg.url());
  paging_flow(s);
}
