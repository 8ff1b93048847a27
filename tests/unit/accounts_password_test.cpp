// Password rules (ASVS V2.1) and Argon2id storage (V2.4).
#include <catch2/catch.hpp>

#include <fstream>

#include "domain/credentials/password.hpp"
#include "temp_dir.hpp"

using namespace qt::accounts;

TEST_CASE("passwords shorter than 12 characters are refused, 12 to 128 accepted", "[accounts][password]") {
  CHECK(password_problem("Kurz3s!Wort"));  // 11
  CHECK_FALSE(password_problem("Laterne-Kanal-Brot"));
  CHECK_FALSE(password_problem(std::string(128, 'a') .replace(0, 3, "xyz")));
  CHECK(password_problem(std::string(129, 'b').replace(0, 3, "xyz")));
  CHECK(password_problem("")->find("mindestens 12") != std::string::npos);
}

TEST_CASE("length counts characters, not bytes", "[accounts][password]") {
  CHECK(count_characters("äöüß") == 4);
  // 11 umlauts are 22 bytes but only 11 characters: still too short.
  CHECK(password_problem("äöüäöüäöüäö"));
  CHECK_FALSE(password_problem("äöüäöüäöüäöx"));
}

TEST_CASE("common breached passwords are refused, whatever their case", "[accounts][password]") {
  CHECK(common_password_count() > 3000);
  for (const char* pw : {"password1234", "PASSWORD1234", "Passwort1234", "123456789012", "qwertzuiop123",
                         "ichliebedich123", "iloveyou1234", "Willkommen123", "1q2w3e4r5t6y"}) {
    INFO(pw);
    CHECK(is_common_password(pw));
    auto p = password_problem(pw);
    REQUIRE(p);
    CHECK(p->find("häufig verwendeter") != std::string::npos);
  }
  CHECK_FALSE(is_common_password("Laterne-Kanal-Brot"));
}

TEST_CASE("a password may not be the e-mail address, its local part or the display name", "[accounts][password]") {
  CHECK(password_problem("anna.schmidt@example.de", "anna.schmidt@example.de"));
  CHECK(password_problem("Anna.Schmidt1", "anna.schmidt1@example.de"));
  CHECK(password_problem("Anna von nebenan", "x@example.de", "anna von nebenan"));
  CHECK(password_problem("aaaaaaaaaaaaaaaa"));
  CHECK_FALSE(password_problem("Laterne-Kanal-Brot", "anna@example.de", "Anna"));
}

TEST_CASE("an extra breached-password file extends the list", "[accounts][password]") {
  qt::test::TempDir dir;
  auto file = dir.write("extra.txt", "Hafenkran-Musterstadt\r\n\nzweiteszeile99\n");
  CHECK_FALSE(is_common_password("hafenkran-musterstadt"));
  CHECK(load_extra_common_passwords(file.string()) == 2);
  CHECK(is_common_password("HAFENKRAN-MUSTERSTADT"));
  CHECK_THROWS_WITH(load_extra_common_passwords((dir / "missing.txt").string()),
                    Catch::Contains("breached_passwords_file"));
}

TEST_CASE("Argon2id hashes verify, use unique salts and the baseline's parameters", "[accounts][password]") {
  const auto h1 = hash_password("Laterne-Kanal-Brot");
  const auto h2 = hash_password("Laterne-Kanal-Brot");
  CHECK(h1.rfind("$argon2id$", 0) == 0);
  CHECK(h1 != h2);  // unique salt
  CHECK(h1.find("t=2") != std::string::npos);
  CHECK(h1.find("m=65536") != std::string::npos);  // 64 MiB >= 19 MiB
  CHECK(verify_password("Laterne-Kanal-Brot", h1));
  CHECK_FALSE(verify_password("laterne-kanal-brot", h1));
  CHECK_FALSE(verify_password("Laterne-Kanal-Brot", ""));
  CHECK_FALSE(verify_password("Laterne-Kanal-Brot", "not a hash"));
  CHECK_FALSE(password_needs_rehash(h1));
}
