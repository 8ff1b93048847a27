// The accounts mails address people formally ("Sie"), as the web UI does; no "du" slips back in.
#include <catch2/catch.hpp>

#include <regex>

#include "domain/accounts/mails.hpp"

using namespace qt::accounts;

namespace {

// The German part: everything before the English paragraph and the footer.
std::string german_part(const std::string& body, const std::string& english_start) {
  const auto at = body.find(english_start);
  REQUIRE(at != std::string::npos);
  return body.substr(0, at);
}

bool informal(const std::string& text) {
  static const std::regex words(R"(\b(du|dich|dir|dein|deine|deinen|deinem|deiner|deines|kannst|hast|warst|legst|wurdest)\b)",
                                std::regex::icase);
  return std::regex_search(text, words);
}

}  // namespace

TEST_CASE("accounts mails use the formal address", "[accounts][mail]") {
  const std::string town = "Teststadt";
  const std::string link = "https://q.test/x?token=abc";
  struct Case {
    qt::mail::Mail mail;
    std::string english_start;
    std::string formal;
  };
  const std::vector<Case> cases = {
      {mails::confirm("a@b.de", town, link), "Please confirm", "bestätigen Sie Ihre Registrierung"},
      {mails::already_registered("a@b.de", town, link), "Someone tried", "Wenn Sie Ihr Passwort vergessen haben"},
      {mails::reset("a@b.de", town, link), "Use the link above", "können Sie ein neues Passwort setzen"},
      {mails::password_changed("a@b.de", town, link), "Your password was changed", "setzen Sie Ihr Passwort sofort neu"},
      {mails::invitation("a@b.de", town, "staff", link), "You have been invited", "Sie wurden zu Quartier Teststadt eingeladen"},
      {mails::approved("a@b.de", town, link), "Your account has been approved", "Sie können sich jetzt anmelden"},
  };
  for (const auto& c : cases) {
    INFO(c.mail.subject << "\n" << c.mail.body);
    CHECK_FALSE(informal(c.mail.subject));
    const auto german = german_part(c.mail.body, c.english_start);
    CHECK_FALSE(informal(german));
    CHECK(german.find(c.formal) != std::string::npos);
    CHECK(german.find(link) != std::string::npos);
  }
  CHECK(mails::confirm("a@b.de", town, link).subject == "Bitte bestätigen Sie Ihre E-Mail-Adresse für Quartier Teststadt");
  CHECK(mails::password_changed("a@b.de", town, link).subject == "Ihr Passwort für Quartier Teststadt wurde geändert");
  CHECK(mails::approved("a@b.de", town, link).subject == "Ihr Konto bei Quartier Teststadt ist freigeschaltet");
}
