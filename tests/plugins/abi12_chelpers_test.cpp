// ABI 1.2 for C authors, through the real server and the plain-C fixture abi12_c on SQLite and
// PostgreSQL: typed reads of a JSON body by path, the checked JSON writer, res_error_ex with
// details and a message per language, and declared plugin settings.
#include <catch2/catch.hpp>

#include <boost/json.hpp>

#include "pg_test_db.hpp"
#include "quartier/plugin.h"
#include "test_server.hpp"

using qt::test::ServerSetup;
using qt::test::TestServer;

namespace {

const std::string kFixtures = QT_TEST_PLUGIN_DIR;

ServerSetup fixture_setup(const qt::test::DbTarget& target, std::string extra_toml = {}) {
  ServerSetup setup;
  setup.database_url = target.url;
  setup.plugin_dir = kFixtures;
  setup.plugins = {"abi12_c"};
  setup.extra_toml = std::move(extra_toml);
  return setup;
}

const char* kGoodBody = R"({"name":"Anna \"A\" Müller","age":42,"score":2.5,"active":true,
  "address":{"street":"Hauptstraße 1"},"items":[{"id":7},{"id":8.0}],"extra":null})";

qt::test::HttpResponse post(qt::test::HttpClient& http, const std::string& path, const std::string& body,
                            const std::string& language = "de") {
  return http.request("POST", "/api/p/abi12_c/chelpers/" + path, body,
                      {{"Content-Type", "application/json"}, {"Accept-Language", language}});
}

// The field named in details.fields and its message, for a 400 from the echo route.
std::pair<std::string, std::string> field_error(const qt::test::HttpResponse& r) {
  const auto doc = r.json();
  const auto& fields = doc.at("error").at("details").at("fields").as_object();
  REQUIRE(fields.size() == 1);
  return {std::string(fields.begin()->key()), std::string(fields.begin()->value().as_string())};
}

}  // namespace

TEST_CASE("a C plugin reads a JSON body by path, typed, and answers with the host's JSON writer",
          "[plugins][server][abi12][chelpers]") {
  qt::test::for_each_dialect([](const qt::test::DbTarget& target) {
    TestServer server(fixture_setup(target));
    auto http = server.client();
    auto ok = post(http, "echo", kGoodBody);
    REQUIRE(ok.status == 200);
    CHECK_THAT(ok.header("content-type").value_or(""), Catch::Contains("application/json"));
    auto doc = ok.json();
    CHECK(doc.at("name").as_string() == "Anna \"A\" Müller");
    CHECK(doc.at("age").as_int64() == 42);
    CHECK(doc.at("score").as_double() == 2.5);
    CHECK(doc.at("active").as_bool());
    CHECK(doc.at("street").as_string() == "Hauptstraße 1");
    CHECK(boost::json::serialize(doc.at("ids")) == "[7,8]");
    CHECK(doc.at("nick").is_null());                    // absent optional field: QT_ERR_NOT_FOUND
    CHECK(doc.at("extra_kind").as_int64() == QT_JSON_NULL);  // null is present
    CHECK(boost::json::serialize(doc.at("raw")) == R"({"nested":[1,2.5E0,"x"]})");
  });
}

TEST_CASE("a wrong or missing field gets an error naming the field and the expected type",
          "[plugins][server][abi12][chelpers]") {
  qt::test::for_each_dialect([](const qt::test::DbTarget& target) {
    TestServer server(fixture_setup(target));
    auto http = server.client();
    auto good = boost::json::parse(kGoodBody).as_object();
    auto with = [&](const char* path, boost::json::value v) {
      auto body = good;
      body[path] = std::move(v);
      return boost::json::serialize(body);
    };
    struct Case {
      std::string body, field, text;
      int status;
    };
    auto no_name = good;
    no_name.erase("name");
    auto bad_item = good;
    bad_item["items"] = boost::json::parse(R"([{"id":1},{"id":"zwei"}])");
    auto street_num = good;
    street_num["address"] = boost::json::parse(R"({"street":12})");
    const std::vector<Case> cases = {
        {boost::json::serialize(no_name), "name", "field 'name' is missing", QT_ERR_NOT_FOUND},
        {with("age", 4.5), "age", "field 'age' must be an integer, but it is a number", QT_ERR_INVALID},
        {with("age", "42"), "age", "field 'age' must be an integer, but it is a string", QT_ERR_INVALID},
        {with("score", "viel"), "score", "field 'score' must be a number, but it is a string", QT_ERR_INVALID},
        {with("active", 1), "active", "field 'active' must be true or false, but it is an integer", QT_ERR_INVALID},
        {with("address", "Hauptstraße"), "address.street", "field 'address' must be an object, but it is a string",
         QT_ERR_INVALID},
        {boost::json::serialize(street_num), "address.street",
         "field 'address.street' must be a string, but it is an integer", QT_ERR_INVALID},
        {with("items", 3), "items", "field 'items' must be an array or an object, but it is an integer", QT_ERR_INVALID},
        {boost::json::serialize(bad_item), "items[1].id", "field 'items[1].id' must be an integer, but it is a string",
         QT_ERR_INVALID},
        {"{\"name\": ", "name", "the request body is not valid JSON", QT_ERR_INVALID},
        {"", "name", "the request has no body", QT_ERR_INVALID},
    };
    for (const auto& c : cases) {
      INFO(c.body);
      auto r = post(http, "echo", c.body, "en");
      REQUIRE(r.status == 400);
      CHECK(r.error_code() == "invalid_field");
      CHECK(r.json().at("error").at("message").as_string() == "A field is invalid.");
      auto [field, text] = field_error(r);
      CHECK(field == c.field);
      CHECK_THAT(text, Catch::StartsWith(c.text));
      CHECK(r.json().at("error").at("details").at("status").as_int64() == c.status);
    }
    // German is picked for a German request.
    auto de = post(http, "echo", "{}", "de");
    CHECK(de.json().at("error").at("message").as_string() == "Ein Feld ist ungültig.");
  });
}

TEST_CASE("the JSON writer escapes, checks UTF-8 and refuses malformed documents with a sticky error",
          "[plugins][server][abi12][chelpers]") {
  qt::test::for_each_dialect([](const qt::test::DbTarget& target) {
    TestServer server(fixture_setup(target));
    auto r = server.client().get("/api/p/abi12_c/chelpers/writer-errors");
    REQUIRE(r.status == 200);
    auto doc = r.json();
    auto status = [&](const char* c) { return doc.at(c).at("status").as_int64(); };
    auto error = [&](const char* c) { return std::string(doc.at(c).at("error").as_string()); };
    CHECK(status("bad_utf8") == QT_ERR_INVALID);
    CHECK_THAT(error("bad_utf8"), Catch::Contains("key is not valid UTF-8 (at byte 1)"));
    CHECK(status("bad_utf8_value") == QT_ERR_INVALID);
    CHECK_THAT(error("bad_utf8_value"), Catch::Contains("string value is not valid UTF-8"));
    CHECK(status("value_without_key") == QT_ERR_STATE);
    CHECK_THAT(error("value_without_key"), Catch::Contains("needs a key first"));
    CHECK(status("sticky") == QT_ERR_STATE);
    CHECK(error("sticky") == error("value_without_key"));
    CHECK(status("duplicate_key") == QT_ERR_INVALID);
    CHECK_THAT(error("duplicate_key"), Catch::Contains("key 'k' is written twice"));
    CHECK(status("nan") == QT_ERR_INVALID);
    CHECK(status("bad_raw") == QT_ERR_INVALID);
    CHECK_THAT(error("bad_raw"), Catch::Contains("raw JSON does not parse"));
    CHECK(status("unfinished") == QT_ERR_STATE);
    CHECK_THAT(error("unfinished"), Catch::Contains("still open"));
    CHECK(status("scalar_ok") == QT_OK);
    CHECK(boost::json::parse(doc.at("scalar_text").as_string()).as_string() == "Grüße \"zitiert\"\n\t\x01");
    CHECK(status("after_complete") == QT_ERR_STATE);
  });
}

TEST_CASE("res_error_ex answers in the request's language with details, and refuses bad details",
          "[plugins][server][abi12][chelpers]") {
  qt::test::for_each_dialect([](const qt::test::DbTarget& target) {
    TestServer server(fixture_setup(target));
    auto http = server.client();
    const std::string body =
        R"({"code":"date_in_past","de":"Das Datum liegt in der Vergangenheit.","en":"The date is in the past.",
            "details":"{\"fields\":{\"date\":\"past\"}}"})";
    auto de = post(http, "error", body, "de");
    REQUIRE(de.status == 422);
    CHECK(de.error_code() == "date_in_past");
    CHECK(de.json().at("error").at("message").as_string() == "Das Datum liegt in der Vergangenheit.");
    CHECK(de.json().at("error").at("details").at("fields").at("date").as_string() == "past");
    auto en = post(http, "error", body, "en");
    CHECK(en.json().at("error").at("message").as_string() == "The date is in the past.");
    // Only one language given: that one is used for everybody.
    auto only_de = post(http, "error", R"({"code":"x","de":"Nur Deutsch."})", "en");
    CHECK(only_de.json().at("error").at("message").as_string() == "Nur Deutsch.");
    CHECK_FALSE(only_de.json().at("error").as_object().contains("details"));

    for (const auto& [bad, why] : std::vector<std::pair<std::string, std::string>>{
             {R"({"code":"x","en":"m","details":"[1]"})", "details must be a JSON object"},
             {R"({"code":"x","en":"m","details":"{oops"})", "details must be a JSON object"},
             {R"({"code":"","en":"m"})", "the error code is empty"},
             {R"({"code":"x"})", "no message in any language"}}) {
      INFO(bad);
      auto r = post(http, "error", bad, "en");
      REQUIRE(r.status == 200);
      CHECK(r.json().at("refused").as_int64() == QT_ERR_INVALID);
      CHECK_THAT(std::string(r.json().at("error").as_string()), Catch::Contains(why));
    }
  });
}

TEST_CASE("hello_c reads a JSON note with the host's reader and refuses a bad one without storing it",
          "[plugins][server][abi12][chelpers]") {
  qt::test::for_each_dialect([](const qt::test::DbTarget& target) {
    ServerSetup setup;
    setup.database_url = target.url;
    setup.plugins = {"hello_c"};
    TestServer server(setup);
    auto http = server.client();
    CHECK(http.get("/api/p/hello_c/hello").json().at("hello").as_string() == "world");  // the declared default
    const std::vector<std::pair<std::string, std::string>> json = {{"Content-Type", "application/json"},
                                                                  {"Accept-Language", "en"}};
    auto made = http.request("POST", "/api/p/hello_c/notes", R"({"text":"Grüße \"aus\" C"})", json);
    REQUIRE(made.status == 201);
    auto id = made.json().at("id").as_int64();
    CHECK(http.get("/api/p/hello_c/notes/" + std::to_string(id)).json().at("text").as_string() == "Grüße \"aus\" C");
    for (const char* bad : {R"({"text":5})", R"({"txt":"x"})", R"({"text":""})", "{not json", ""}) {
      INFO(bad);
      auto r = http.request("POST", "/api/p/hello_c/notes", bad, json);
      CHECK(r.status == 400);
      CHECK(r.error_code() == "invalid_note");
      CHECK(r.json().at("error").at("message").as_string() == "A note needs a text of 1 to 2000 characters.");
      CHECK(r.json().at("error").at("details").at("fields").as_object().contains("text"));
    }
    CHECK(http.get("/api/p/hello_c/notes").json().at("notes").as_array().size() == 1);  // nothing stored
    auto de = http.request("POST", "/api/p/hello_c/notes", "{}", {{"Content-Type", "application/json"}, {"Accept-Language", "de"}});
    CHECK(de.json().at("error").at("message").as_string() == "Die Notiz braucht einen Text von 1 bis 2000 Zeichen.");
    CHECK(http.get("/api/p/hello_c/notes/abc").error_code() == "invalid_id");
  });
}
