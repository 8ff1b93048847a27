// Roles and audit, registration modes, invitations, reset, profiles, residence codes, legal texts,
// export and erasure.
#include "accounts_fixture.hpp"

using namespace qt::test;

TEST_CASE("role changes are audited and end the person's sessions, residents cannot escalate", "[accounts][integration][admin]") {
  AccountsServer s;
  const auto admin_pw = s.add_user("admin@example.de", "Admin", "admin");
  auto admin = s.login("admin@example.de", admin_pw);
  const auto id = s.register_confirmed("kim@example.de", "Kim", "Laterne-Kanal-Brot");
  auto kim = s.login("kim@example.de", "Laterne-Kanal-Brot");

  const auto path = "/api/admin/users/" + std::to_string(id);
  auto self = kim.send_json("PATCH", path, {{"role", "admin"}});
  CHECK(self.status == 403);
  CHECK(kim.get("/api/admin/users").status == 403);
  CHECK(kim.get("/api/admin/audit").status == 403);
  CHECK(s.client().get("/api/admin/users").status == 401);

  auto changed = admin.send_json("PATCH", path, {{"role", "staff"}, {"department", "Bürgeramt"}});
  INFO(changed.body);
  REQUIRE(changed.status == 200);
  CHECK(str(changed.json().at("role")) == "staff");
  CHECK(str(changed.json().at("department")) == "Bürgeramt");
  CHECK(kim.get("/api/me").status == 401);  // session rotated away
  auto kim2 = s.login("kim@example.de", "Laterne-Kanal-Brot");
  CHECK(str(kim2.get("/api/me").json().at("user").at("role")) == "staff");

  auto audit = admin.get("/api/admin/audit?target_type=user&target_id=" + std::to_string(id));
  REQUIRE(audit.status == 200);
  bool found = false;
  const auto audit_json = audit.json();
  for (const auto& e : audit_json.at("entries").as_array())
    if (str(e.at("action")) == "user.role_changed") {
      found = true;
      CHECK(str(e.at("details").at("from")) == "resident");
      CHECK(str(e.at("details").at("to")) == "staff");
      CHECK(e.at("actor_id").as_int64() > 0);
    }
  CHECK(found);

  // An admin cannot change their own role (no accidental lock-out).
  auto me = admin.get("/api/me").json().at("user").at("id").as_int64();
  CHECK(admin.send_json("PATCH", "/api/admin/users/" + std::to_string(me), {{"role", "resident"}}).status == 400);
}

TEST_CASE("registration modes: invite-only with invitations, approval by an admin", "[accounts][integration][admin]") {
  AccountsServer s;
  const auto admin_pw = s.add_user("admin@example.de", "Admin", "admin");
  auto admin = s.login("admin@example.de", admin_pw);
  CHECK(str(s.client().get("/api/auth/registration").json().at("mode")) == "open");

  REQUIRE(admin.send_json("PUT", "/api/admin/registration", {{"mode", "invite"}}).status == 200);
  auto c = s.client();
  auto refused = c.send_json("POST", "/api/auth/register",
                             {{"email", "lea@example.de"}, {"password", "Laterne-Kanal-Brot"}, {"display_name", "Lea"}});
  CHECK(refused.status == 403);
  CHECK(refused.error_code() == "invite_only");

  auto inv = admin.send_json("POST", "/api/admin/invitations",
                             {{"email", "lea@example.de"}, {"role", "moderator"}, {"department", ""}});
  INFO(inv.body);
  REQUIRE(inv.status == 201);
  const auto mail = s.smtp.wait_for("lea@example.de", "invitation=");
  const auto token = mail.link_param("invitation");
  auto wrong_mail = c.send_json("POST", "/api/auth/register",
                                {{"email", "mallory@example.de"}, {"password", "Laterne-Kanal-Brot"},
                                 {"display_name", "M"}, {"invitation", token}});
  CHECK(wrong_mail.status == 400);
  auto reg = c.send_json("POST", "/api/auth/register",
                         {{"email", "lea@example.de"}, {"password", "Laterne-Kanal-Brot"}, {"display_name", "Lea"},
                          {"invitation", token}});
  INFO(reg.body);
  REQUIRE(reg.status == 201);
  auto lea = s.login("lea@example.de", "Laterne-Kanal-Brot");
  CHECK(str(lea.get("/api/me").json().at("user").at("role")) == "moderator");
  auto reuse = c.send_json("POST", "/api/auth/register",
                           {{"email", "lea@example.de"}, {"password", "Laterne-Kanal-Brot"}, {"display_name", "Lea"},
                            {"invitation", token}});
  CHECK(reuse.status == 400);

  REQUIRE(admin.send_json("PUT", "/api/admin/registration", {{"mode", "approval"}}).status == 200);
  REQUIRE(c.send_json("POST", "/api/auth/register",
                      {{"email", "max@example.de"}, {"password", "Laterne-Kanal-Brot"}, {"display_name", "Max"}})
              .status == 202);
  const auto confirm = s.smtp.wait_for("max@example.de", "/confirm?token=");
  auto conf = c.send_json("POST", "/api/auth/confirm", {{"token", confirm.link_param("token")}});
  CHECK(str(conf.json().at("status")) == "awaiting_approval");
  s.smtp.wait_for("admin@example.de", "wartet auf Freischaltung");
  auto waiting = c.send_json("POST", "/api/auth/login", {{"email", "max@example.de"}, {"password", "Laterne-Kanal-Brot"}});
  CHECK(waiting.status == 403);
  CHECK(waiting.error_code() == "awaiting_approval");
  auto pending = admin.get("/api/admin/users?status=pending");
  REQUIRE(pending.status == 200);
  REQUIRE(pending.json().at("users").as_array().size() == 1);
  const auto max_id = pending.json().at("users").as_array()[0].at("id").as_int64();
  CHECK(admin.send_json("POST", "/api/admin/users/" + std::to_string(max_id) + "/approve", boost::json::object{}).status == 200);
  s.smtp.wait_for("max@example.de", "freigeschaltet");
  CHECK(c.send_json("POST", "/api/auth/login", {{"email", "max@example.de"}, {"password", "Laterne-Kanal-Brot"}}).status == 200);
}

TEST_CASE("password reset by mail: single use, rules apply, notice sent, sessions end", "[accounts][integration]") {
  AccountsServer s;
  s.register_confirmed("nina@example.de", "Nina", "Laterne-Kanal-Brot");
  auto old_session = s.login("nina@example.de", "Laterne-Kanal-Brot");
  auto c = s.client();
  CHECK(c.send_json("POST", "/api/auth/password-reset", {{"email", "nina@example.de"}}).status == 202);
  CHECK(c.send_json("POST", "/api/auth/password-reset", {{"email", "unknown@example.de"}}).status == 202);
  const auto mail = s.smtp.wait_for("nina@example.de", "/password-reset?token=");
  const auto token = mail.link_param("token");
  auto weak = c.send_json("POST", "/api/auth/password-reset/confirm", {{"token", token}, {"password", "password1234"}});
  CHECK(weak.status == 400);
  CHECK(weak.error_code() == "weak_password");
  auto ok = c.send_json("POST", "/api/auth/password-reset/confirm", {{"token", token}, {"password", "Neue-Laterne-am-Kanal"}});
  INFO(ok.body);
  REQUIRE(ok.status == 200);
  auto reuse = c.send_json("POST", "/api/auth/password-reset/confirm", {{"token", token}, {"password", "Noch-eine-Laterne-1"}});
  CHECK(reuse.status == 400);
  CHECK(reuse.error_code() == "token_invalid");
  s.smtp.wait_for("nina@example.de", "wurde soeben geändert");
  CHECK(old_session.get("/api/me").status == 401);
  CHECK(c.send_json("POST", "/api/auth/login", {{"email", "nina@example.de"}, {"password", "Laterne-Kanal-Brot"}}).status == 401);
  s.login("nina@example.de", "Neue-Laterne-am-Kanal");
}

TEST_CASE("profiles are private by default: logged-in people only, unless made public", "[accounts][integration]") {
  AccountsServer s;
  const auto id = s.register_confirmed("olga@example.de", "Olga", "Laterne-Kanal-Brot");
  const auto pw = s.add_user("paul@example.de", "Paul");
  auto paul = s.login("paul@example.de", pw);
  const auto path = "/api/users/" + std::to_string(id);
  auto anon = s.client().get(path);
  CHECK(anon.status == 401);
  auto seen = paul.get(path);
  REQUIRE(seen.status == 200);
  CHECK(str(seen.json().at("display_name")) == "Olga");
  CHECK_FALSE(seen.json().as_object().contains("email"));
  CHECK(seen.header("x-robots-tag").value_or("").find("noindex") != std::string::npos);
  auto olga = s.login("olga@example.de", "Laterne-Kanal-Brot");
  REQUIRE(olga.send_json("PATCH", "/api/me", {{"profile_visibility", "public"}}).status == 200);
  CHECK(s.client().get(path).status == 200);
  // Accounts cannot be counted anonymously: a missing id answers exactly like a private profile,
  // and so does its picture; signed-in people learn that it is missing.
  auto missing = s.client().get("/api/users/99999");
  CHECK(missing.status == 401);
  CHECK(missing.error_code() == anon.error_code());
  CHECK(s.client().get("/api/users/99999/avatar").status == 401);
  CHECK(paul.get("/api/users/99999").status == 404);
  CHECK(paul.get("/api/users/99999/avatar").status == 404);
}

TEST_CASE("neighbourhoods, printed residence codes and verification", "[accounts][integration][admin]") {
  AccountsServer s;
  const auto admin_pw = s.add_user("admin@example.de", "Admin", "admin");
  auto admin = s.login("admin@example.de", admin_pw);
  auto created = admin.send_json("POST", "/api/neighbourhoods",
                                 {{"slug", "altstadt"}, {"name", "Altstadt"}, {"postcodes", boost::json::array{"12341"}}});
  INFO(created.body);
  REQUIRE(created.status == 201);
  const auto nb = created.json().at("id").as_int64();
  CHECK(admin.send_json("POST", "/api/neighbourhoods", {{"slug", "altstadt"}, {"name", "Doppelt"}}).status == 409);
  CHECK(admin.send_json("POST", "/api/neighbourhoods", {{"slug", "Alt Stadt"}, {"name", "X"}}).status == 400);
  auto list = s.client().get("/api/neighbourhoods");
  REQUIRE(list.status == 200);
  CHECK(list.json().at("neighbourhoods").as_array().size() == 1);

  auto codes = admin.send_json("POST", "/api/admin/residence-codes", {{"neighbourhood_id", nb}, {"count", 3}});
  INFO(codes.body);
  REQUIRE(codes.status == 201);
  const auto code = str(codes.json().at("codes").as_array()[0]);
  CHECK(str(codes.json().at("letters")).find(code) != std::string::npos);

  s.register_confirmed("quentin@example.de", "Quentin", "Laterne-Kanal-Brot");
  auto q = s.login("quentin@example.de", "Laterne-Kanal-Brot");
  CHECK(q.send_json("POST", "/api/admin/residence-codes", {{"neighbourhood_id", nb}, {"count", 3}}).status == 403);
  CHECK(q.send_json("POST", "/api/me/residence", {{"code", "AAAA-BBBB-CCCC-DDDD"}}).status == 400);
  std::string typed = code;
  for (auto& ch : typed) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  auto ok = q.send_json("POST", "/api/me/residence", {{"code", typed}});
  INFO(ok.body);
  REQUIRE(ok.status == 200);
  auto me = q.get("/api/me").json().at("user");
  CHECK(me.at("verified_resident").as_bool());
  CHECK(me.at("neighbourhood_id").as_int64() == nb);
  s.register_confirmed("rita@example.de", "Rita", "Laterne-Kanal-Brot");
  auto rita = s.login("rita@example.de", "Laterne-Kanal-Brot");
  CHECK(rita.send_json("POST", "/api/me/residence", {{"code", code}}).status == 400);  // used
}

TEST_CASE("legal texts are versioned and consent is asked again after a change", "[accounts][integration][admin]") {
  AccountsServer s;
  const auto admin_pw = s.add_user("admin@example.de", "Admin", "admin");
  auto admin = s.login("admin@example.de", admin_pw);
  REQUIRE(admin.send_json("PUT", "/api/admin/legal/terms", {{"body", "Seid nett."}}).status == 200);
  REQUIRE(admin.send_json("PUT", "/api/admin/legal/imprint", {{"body", "Stadt Teststadt"}}).status == 200);
  CHECK(str(s.client().get("/api/legal/imprint").json().at("body")) == "Stadt Teststadt");
  // Registration now needs consent.
  auto c = s.client();
  auto no_consent = c.send_json("POST", "/api/auth/register",
                                {{"email", "sara@example.de"}, {"password", "Laterne-Kanal-Brot"}, {"display_name", "Sara"}});
  CHECK(no_consent.status == 400);
  CHECK(no_consent.error_code() == "consent_required");
  s.register_confirmed("sara@example.de", "Sara", "Laterne-Kanal-Brot");
  auto sara = s.login("sara@example.de", "Laterne-Kanal-Brot");
  CHECK(sara.get("/api/me").json().at("consent_required").as_array().empty());
  REQUIRE(admin.send_json("PUT", "/api/admin/legal/terms", {{"body", "Seid nett. Und pünktlich."}}).status == 200);
  auto required = sara.get("/api/me").json().at("consent_required").as_array();
  REQUIRE(required.size() == 1);
  CHECK(str(required[0].at("document")) == "terms");
  CHECK(required[0].at("version").as_int64() == 2);
  CHECK(sara.send_json("POST", "/api/me/consent", {{"document", "terms"}, {"version", 1}}).status == 409);
  auto agreed = sara.send_json("POST", "/api/me/consent", {{"document", "terms"}, {"version", 2}});
  REQUIRE(agreed.status == 200);
  CHECK(agreed.json().at("consent_required").as_array().empty());
}

TEST_CASE("export holds the person's data, deletion asks the password, erases and anonymises", "[accounts][integration][privacy]") {
  AccountsServer s;
  const auto admin_pw = s.add_user("admin@example.de", "Admin", "admin");
  auto admin = s.login("admin@example.de", admin_pw);
  const auto id = s.register_confirmed("tom@example.de", "Tom", "Laterne-Kanal-Brot");
  auto tom = s.login("tom@example.de", "Laterne-Kanal-Brot");
  REQUIRE(tom.send_json("PATCH", "/api/me", {{"about", "Ich repariere Fahrräder."}, {"real_name", "Tom Berger"}}).status == 200);

  auto exp = tom.get("/api/me/export");
  REQUIRE(exp.status == 200);
  CHECK(exp.header("content-disposition").value_or("").find("attachment") != std::string::npos);
  const auto exp_json = exp.json();
  const auto& data = exp_json.at("data").at("accounts");
  CHECK(str(data.at("profile").at("email")) == "tom@example.de");
  CHECK(str(data.at("profile").at("about")) == "Ich repariere Fahrräder.");
  CHECK(!data.at("sessions").as_array().empty());
  CHECK(!data.at("mails").as_array().empty());
  CHECK(exp.body.find("password_hash") == std::string::npos);
  CHECK(exp.body.find("argon2") == std::string::npos);

  auto wrong = tom.send_json("DELETE", "/api/me", {{"password", "Falsches-Passwort-1"}});
  CHECK(wrong.status == 403);
  CHECK(tom.get("/api/me").status == 200);
  auto del = tom.send_json("DELETE", "/api/me", {{"password", "Laterne-Kanal-Brot"}});
  INFO(del.body);
  REQUIRE(del.status == 200);
  CHECK(tom.get("/api/me").status == 401);
  CHECK(s.client().send_json("POST", "/api/auth/login", {{"email", "tom@example.de"}, {"password", "Laterne-Kanal-Brot"}}).status ==
        401);
  CHECK(admin.get("/api/users/" + std::to_string(id)).status == 404);
  auto deleted = admin.get("/api/admin/users?status=deleted");
  REQUIRE(deleted.status == 200);
  REQUIRE(deleted.json().at("users").as_array().size() == 1);
  const auto deleted_json = deleted.json();
  const auto& row = deleted_json.at("users").as_array()[0];
  CHECK(str(row.at("display_name")) == "Gelöschtes Konto");
  CHECK(str(row.at("email")).find("tom") == std::string::npos);
  CHECK(str(row.at("about")).empty());
  CHECK(str(row.at("real_name")).empty());
  // The address is free again.
  CHECK(s.client().send_json("POST", "/api/auth/register",
                             {{"email", "tom@example.de"}, {"password", "Laterne-Kanal-Brot"}, {"display_name", "Tom"}})
            .status == 202);
}
