// Cookies, origins, languages and JSON bodies as the gate and routes read them.
#include <catch2/catch.hpp>

#include <cstdint>

#include "domain/credentials/sessions.hpp"
#include "platform/http/response.hpp"
#include "web/http_util.hpp"

using namespace qt::accounts;
using qt::http::Request;

namespace {
Request with_headers(std::vector<qt::http::Header> h) {
  Request r;
  r.method = "POST";
  r.headers = std::move(h);
  return r;
}
}  // namespace

TEST_CASE("the session cookie is found among others", "[accounts][http]") {
  auto r = with_headers({{"cookie", "a=1; quartier_session=tok123 ; b=\"x\""}});
  CHECK(cookie(r, "quartier_session") == "tok123");
  CHECK(cookie(r, "b") == "x");
  CHECK_FALSE(cookie(r, "quartier"));
  CHECK_FALSE(cookie(with_headers({}), "quartier_session"));
}

TEST_CASE("the own origin comes from public_url, else from Host", "[accounts][http]") {
  auto r = with_headers({{"host", "127.0.0.1:8080"}});
  CHECK(own_origin(r, "") == "http://127.0.0.1:8080");
  CHECK(own_origin(r, "https://Quartier.Example.de/") == "https://quartier.example.de");
  CHECK(own_origin(r, "https://quartier.example.de:443") == "https://quartier.example.de");
}

TEST_CASE("cross-site requests are refused, same-origin ones pass", "[accounts][http]") {
  CHECK_FALSE(cross_site_refusal(with_headers({{"host", "q.test"}}), ""));
  CHECK_FALSE(cross_site_refusal(with_headers({{"host", "q.test"}, {"origin", "http://q.test"}}), ""));
  CHECK_FALSE(cross_site_refusal(with_headers({{"host", "q.test"}, {"sec-fetch-site", "same-origin"}}), ""));
  auto foreign = cross_site_refusal(with_headers({{"host", "q.test"}, {"origin", "http://evil.test"}}), "");
  REQUIRE(foreign);
  CHECK(foreign->status == 403);
  CHECK(cross_site_refusal(with_headers({{"host", "q.test"}, {"origin", "null"}}), ""));
  CHECK(cross_site_refusal(with_headers({{"host", "q.test"}, {"sec-fetch-site", "cross-site"}}), ""));
  CHECK(cross_site_refusal(with_headers({{"host", "q.test"}, {"origin", "http://q.test"}}), "https://q.test"));
  CHECK_FALSE(cross_site_refusal(with_headers({{"origin", "https://q.test"}}), "https://q.test/"));
}

TEST_CASE("language: own setting, else Accept-Language among the offered ones, else default", "[accounts][http]") {
  const std::vector<std::string> langs{"de", "en"};
  CHECK(pick_language(with_headers({}), "", langs, "de") == "de");
  CHECK(pick_language(with_headers({{"accept-language", "en-GB,en;q=0.9"}}), "", langs, "de") == "en");
  CHECK(pick_language(with_headers({{"accept-language", "fr-FR, de;q=0.5, en;q=0.8"}}), "", langs, "de") == "en");
  CHECK(pick_language(with_headers({{"accept-language", "fr"}}), "", langs, "de") == "de");
  CHECK(pick_language(with_headers({{"accept-language", "en"}}), "de", langs, "de") == "de");
  CHECK(pick_language(with_headers({{"accept-language", "en"}}), "tr", langs, "de") == "en");
}

TEST_CASE("JSON bodies refuse unknown fields (no mass assignment)", "[accounts][http]") {
  Request r;
  r.body = R"({"display_name":"Anna","role":"admin"})";
  CHECK_THROWS_AS(json_body(r, "display_name,about"), qt::http::HttpError);
  r.body = R"({"display_name":"Anna"})";
  auto o = json_body(r, "display_name, about");
  CHECK(required_string(o, "display_name", "Name") == "Anna");
  CHECK_THROWS_AS(required_string(o, "about", "Über mich"), qt::http::HttpError);
  r.body = "[1,2]";
  CHECK_THROWS_AS(json_body(r, "x"), qt::http::HttpError);
  r.body = R"({"n": "7"})";
  CHECK_THROWS_AS(optional_int(json_body(r, "n"), "n", "Zahl"), qt::http::HttpError);
}

namespace {
// The 400 a body reader throws, as code and message.
template <class F>
std::pair<std::string, std::string> refusal(F&& f) {
  try {
    f();
  } catch (const qt::http::HttpError& e) {
    CHECK(e.status() == 400);
    return {e.code(), e.what()};
  }
  FAIL("no HttpError");
  return {};
}
}  // namespace

TEST_CASE("JSON body refusals name the field by its label, with the codes clients rely on", "[accounts][http]") {
  Request r;
  r.body = "{";
  CHECK(refusal([&] { json_body(r, "a"); }) ==
        std::pair<std::string, std::string>{
            "invalid_json", "Der Inhalt der Anfrage ist kein gültiges JSON-Objekt. / The request body must be a JSON object."});
  r.body = R"({"b":1})";
  CHECK(refusal([&] { json_body(r, "a,c"); }) ==
        std::pair<std::string, std::string>{"unknown_field",
                                            "Das Feld \"b\" ist hier nicht erlaubt; erlaubt: a,c. / Field not allowed here."});
  const boost::json::object o{{"s", 5}, {"t", "abcdef"}, {"e", ""}, {"b", "yes"}, {"n", 1.5}};
  CHECK(refusal([&] { optional_string(o, "s", "Titel"); }).second == "Titel: bitte einen Text angeben. / must be a string.");
  CHECK(refusal([&] { optional_string(o, "t", "Titel", 5); }).second ==
        "Titel ist zu lang (höchstens 5 Zeichen). / is too long.");
  CHECK(refusal([&] { required_string(o, "e", "Titel"); }) ==
        std::pair<std::string, std::string>{"missing_field", "Titel fehlt: bitte angeben. / is required."});
  CHECK(refusal([&] { optional_bool(o, "b", "Schalter"); }).second ==
        "Schalter: bitte true oder false angeben. / must be a boolean.");
  CHECK(refusal([&] { optional_int(o, "n", "Zahl"); }).second == "Zahl: bitte eine ganze Zahl angeben. / must be an integer.");
  r.body = "";
  CHECK(json_body(r, "").empty());
}

TEST_CASE("user agents are summarised, not stored", "[accounts][http]") {
  CHECK(summarise_user_agent("Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0") ==
        "Firefox / Linux");
  CHECK(summarise_user_agent("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 "
                             "(KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1") == "Safari / iOS");
  CHECK(summarise_user_agent("") == "Unbekannter Browser");
}

TEST_CASE("query numbers are read within their range, else refused naming the parameter and the range",
          "[accounts][http]") {
  const auto q = [](std::string query) {
    Request r;
    r.method = "GET";
    r.query = std::move(query);
    return r;
  };
  CHECK(query_int(q(""), "limit", 50, 1, 200) == 50);
  CHECK(query_int(q("limit="), "limit", 50, 1, 200) == 50);
  CHECK(query_int(q("limit=1"), "limit", 50, 1, 200) == 1);
  CHECK(query_int(q("limit=200&after=7"), "limit", 50, 1, 200) == 200);
  CHECK(query_int(q("after=9007199254740993"), "after", 0, 0, INT64_MAX) == 9007199254740993LL);
  for (const auto* bad : {"limit=0", "limit=201", "limit=-1", "limit=abc", "limit=5x", "limit=1.5", "limit=%2B5"}) {
    INFO(bad);
    try {
      query_int(q(bad), "limit", 50, 1, 200);
      FAIL("accepted");
    } catch (const qt::http::HttpError& e) {
      CHECK(e.status() == 400);
      CHECK(e.code() == "invalid_parameter");
      const std::string m = e.what();
      CHECK(m.find("„limit“ muss eine ganze Zahl von 1 bis 200 sein") != std::string::npos);
      CHECK(m.find("'limit' must be a whole number from 1 to 200") != std::string::npos);
    }
  }
  try {
    query_int(q("after=-3"), "after", 0, 0, INT64_MAX);
    FAIL("accepted");
  } catch (const qt::http::HttpError& e) {
    CHECK(std::string(e.what()).find("'after' must be a whole number from 0 up") != std::string::npos);
  }
}
