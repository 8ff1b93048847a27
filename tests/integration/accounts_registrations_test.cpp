// Approval of registrations by administration staff and admins; residents and moderators are
// refused; every decision is audited.
#include "accounts_fixture.hpp"

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
  REQUIRE(admin.send_json("PUT", "/api/admin/registration", {{"mode", "approval"}}).status == 200);

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

  CHECK(audited(admin, wanda, "registration.approved", "staff"));
  CHECK(audited(admin, xaver, "registration.declined", "staff"));

  // Admins may too, on the admin page's path.
  register_pending(s, "yara@example.de", "Yara");
  const auto yara = id_of(admin, "yara@example.de");
  CHECK(admin.send_json("POST", "/api/admin/users/" + std::to_string(yara) + "/approve", boost::json::object{}).status == 200);
  CHECK(audited(admin, yara, "registration.approved", "admin"));
}
