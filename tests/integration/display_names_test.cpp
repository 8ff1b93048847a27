// Display names that could deceive or break a page are refused with a reason, wherever a name is
// set (registration, profile); names are stored NFC-normalised and trimmed.
#include "accounts_fixture.hpp"

using namespace qt::test;

namespace {

std::string reason(const HttpResponse& r) {
  const auto body = r.json();
  const auto& e = body.at("error").as_object();
  return e.contains("details") ? std::string(e.at("details").at("reason").as_string()) : std::string();
}

}  // namespace

TEST_CASE("display names: no control or format characters, a letter, NFC", "[accounts][integration]") {
  AccountsServer s;
  const auto pw = s.add_user("nele@example.de", "Nele");
  auto nele = s.login("nele@example.de", pw);
  const struct {
    std::string name, reason;
  } refused[] = {
      {std::string("An\0na", 5), "invisible_characters"},    // NUL
      {"Anna\xE2\x80\xAE" "evil", "invisible_characters"},  // U+202E right-to-left override
      {"\xE2\x80\x8B\xE2\x80\x8B\xE2\x80\x8B", "invisible_characters"},  // zero-width spaces only
      {"Anna\nBerg", "invisible_characters"},
      {"1234", "no_letter"},
      {"!!", "no_letter"},
      {"A", "length"},
  };
  int registrations = 0;
  for (const auto& r : refused) {
    INFO(r.reason);
    auto patched = nele.send_json("PATCH", "/api/me", {{"display_name", r.name}});
    CHECK(patched.status == 400);
    CHECK(patched.error_code() == "invalid_display_name");
    CHECK(reason(patched) == r.reason);
    if (++registrations > 3) continue;  // registrations per address are limited; three show the rule applies
    auto reg = s.client().send_json("POST", "/api/auth/register", {{"email", "x@example.de"}, {"password", "Laterne-Kanal-Brot"},
                                                                    {"display_name", r.name}, {"accept_terms", true}});
    CHECK(reg.status == 400);
    CHECK(reg.error_code() == "invalid_display_name");
  }
  // Bytes that are not UTF-8 do not even parse as JSON.
  CHECK(nele.send_json("PATCH", "/api/me", {{"display_name", "Ann\xC3"}}).status == 400);
  // Nothing changed by the refusals.
  CHECK(nele.get("/api/me").json().at("user").at("display_name").as_string() == "Nele");

  // "José" typed with a combining accent is stored composed; spaces at the ends go.
  auto ok = nele.send_json("PATCH", "/api/me", {{"display_name", "  Jose\xCC\x81 M\xC3\xBCller  "}});
  REQUIRE(ok.status == 200);
  CHECK(nele.get("/api/me").json().at("user").at("display_name").as_string() == "Jos\xC3\xA9 M\xC3\xBCller");
  // Letters of any script, emoji beside a letter, and digits after a letter are fine.
  CHECK(nele.send_json("PATCH", "/api/me", {{"display_name", "\xD0\x90\xD0\xBD\xD0\xBD\xD0\xB0 \xF0\x9F\x8C\xBB"}}).status == 200);
  CHECK(nele.send_json("PATCH", "/api/me", {{"display_name", "Haus 7"}}).status == 200);
}
