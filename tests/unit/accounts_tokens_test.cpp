// Tokens handed to people and their stored form.
#include <catch2/catch.hpp>

#include <set>

#include "domain/credentials/tokens.hpp"

using namespace qt::accounts;

TEST_CASE("session tokens carry 256 random bits in base64url", "[accounts][tokens]") {
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    const auto t = random_token();
    CHECK(t.size() == 43);  // 32 bytes, no padding
    CHECK(t.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") == std::string::npos);
    seen.insert(t);
  }
  CHECK(seen.size() == 200);
}

TEST_CASE("only the SHA-256 of a token is stored", "[accounts][tokens]") {
  // Known answer: SHA-256("abc").
  CHECK(hash_token("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  const auto t = random_token();
  CHECK(hash_token(t).size() == 64);
  CHECK(hash_token(t) != t);
  CHECK(hash_token(t) == hash_token(t));
}

TEST_CASE("printed residence codes avoid look-alike characters and normalise when typed", "[accounts][tokens]") {
  const auto c = random_code(4);
  REQUIRE(c.size() == 19);
  CHECK(c[4] == '-');
  CHECK(c.find_first_of("01OIL") == std::string::npos);
  std::string typed = c;
  for (auto& ch : typed) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  typed[4] = ' ';
  CHECK(normalise_code(typed) == normalise_code(c));
  CHECK(normalise_code(c).size() == 16);
}

TEST_CASE("secret comparison needs equal, non-empty values", "[accounts][tokens]") {
  CHECK(secrets_equal("abc", "abc"));
  CHECK_FALSE(secrets_equal("abc", "abd"));
  CHECK_FALSE(secrets_equal("abc", "abcd"));
  CHECK_FALSE(secrets_equal("", ""));
}

TEST_CASE("IP hashes depend on the salt and do not contain the address", "[accounts][tokens]") {
  const auto a = hash_ip("203.0.113.7", "salt-a");
  CHECK(a.size() == 16);
  CHECK(a != hash_ip("203.0.113.7", "salt-b"));
  CHECK(a == hash_ip("203.0.113.7", "salt-a"));
  CHECK(a.find("203") == std::string::npos);
}
