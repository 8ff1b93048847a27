// Account deletion and data export through the real server: the plugin's part of a person's
// data is exported, and erased by the core's deletion (privacy::Registry) in its transaction.
#include <catch2/catch.hpp>

#include <regex>

#include <boost/json.hpp>

#include "pg_test_db.hpp"
#include "test_server.hpp"

TEST_CASE("deleting an account erases the person's plugin rows, export includes them", "[plugins][server][privacy]") {
  qt::test::for_each_dialect([](const qt::test::DbTarget& target) {
    qt::test::ServerSetup setup;
    setup.database_url = target.url;
    setup.plugins = {"hello_c"};
    qt::test::TestServer server(setup);

    auto add = qt::test::run_quartier({"--config", server.config_path().string(), "user", "add", "--email",
                                       "anna@example.org", "--name", "Anna", "--role", "resident"});
    REQUIRE(add.exit_code == 0);
    std::smatch m;
    REQUIRE(std::regex_search(add.output, m, std::regex("password: (\\S+)")));
    const std::string password = m[1];

    auto anna = server.client();
    auto login = anna.send_json("POST", "/api/auth/login", {{"email", "anna@example.org"}, {"password", password}});
    REQUIRE(login.status == 200);
    anna.csrf_token = std::string(login.json().at("csrf_token").as_string());
    const auto anna_id = login.json().at("user").at("id").as_int64();

    // Two notes of Anna (as a logged-in person: CSRF token required) and one anonymous note.
    for (const char* text : {"Annas erste Notiz", "Annas zweite Notiz"})
      REQUIRE(anna.request("POST", "/api/p/hello_c/notes", text,
                           {{"Content-Type", "text/plain"}, {"X-CSRF-Token", anna.csrf_token}})
                  .status == 201);
    CHECK(anna.request("POST", "/api/p/hello_c/notes", "ohne Token", {{"Content-Type", "text/plain"}}).status == 403);
    auto stranger = server.client();
    REQUIRE(stranger.request("POST", "/api/p/hello_c/notes", "anonym", {{"Content-Type", "text/plain"}}).status == 201);
    auto mine = anna.get("/api/p/hello_c/mine");
    REQUIRE(mine.status == 200);
    CHECK(mine.json().at("notes").as_array().size() == 2);

    auto exported = anna.get("/api/me/export");
    REQUIRE(exported.status == 200);
    auto notes = exported.json().at("data").at("hello_c").at("notes").as_array();
    REQUIRE(notes.size() == 2);
    CHECK(notes[0].at("text").as_string() == "Annas erste Notiz");

    auto del = anna.send_json("DELETE", "/api/me", {{"password", password}});
    REQUIRE(del.status == 200);

    auto left = stranger.get("/api/p/hello_c/notes?author=" + std::to_string(anna_id));
    CHECK(left.json().at("notes").as_array().empty());
    CHECK(stranger.get("/api/p/hello_c/notes").json().at("notes").as_array().size() == 1);
  });
}
